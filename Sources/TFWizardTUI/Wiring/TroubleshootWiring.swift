import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The troubleshoot screen's closures: the error catalog and matcher turned into `DiagnosisView`s, and
/// catalog fixes turned into steps for the failed step.
public enum TroubleshootWiring {
    /// A failed step's raw output tail, diagnosed the same way as headless `install` does it.
    /// - Parameter disk: the free space measured before the start; a `disk-full` cause quotes it.
    /// - Parameter thisMachine: the GPU of the machine the step ran on: a CUDA library that cannot be loaded
    ///   is the cause with one and harmless without.
    public static func diagnoseOutput(_ output: [UInt8], catalog: ErrorCatalog?, disk: DiskPreflight?, strings: Strings,
                                      user: String, home: String, thisMachine: ThisMachineGPU? = nil) -> DiagnosisView {
        guard let catalog else { return DiagnosisView(cause: nil, findings: [], unknownErrorLines: [], linesRead: 0) }
        let failure = FailureDiagnosis(output: output, catalog: catalog, disk: disk, strings: strings, thisMachine: thisMachine)
        var result = DiagnosisView(failure.diagnosis, catalog: catalog, user: user, home: home)
        if let note = failure.diskNote { result.cause?.explanation += " " + note }
        return result
    }

    public static func loadLogFile(_ path: String, catalog: ErrorCatalog?, strings: Strings,
                                   user: String, home: String) -> Result<DiagnosisView, LogFileProblem> {
        var expanded = PathExpansion.expandTilde(path.trimmingSpaces(), home: home)
        if expanded == "-" { expanded = "./-" }   // a file named "-", never the terminal's input
        guard let catalog else {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable", ["file": expanded, "reason": strings["diagnosis.no-catalog"]])))
        }
        var isDirectory = false
        if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory), isDirectory {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable",
                                                                 ["file": expanded, "reason": strings["diagnosis.is-folder"]])))
        }
        do {
            let diagnosis = try Diagnoser(catalog: catalog).diagnose(path: expanded)
            return .success(DiagnosisView(diagnosis, catalog: catalog, user: user, home: home))
        } catch let DoctorInputError.unreadable(file, reason) {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable", ["file": file, "reason": reason])))
        } catch {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable",
                                                                 ["file": expanded, "reason": "\(error)"])))
        }
    }

    /// The shipped fix path: the catalog entry's commands adapted to the failed step.
    public static func fixProposal(causeID: String, failedStepIndex: Int, plan: Plan, catalog: ErrorCatalog?,
                                   facts: MachineFacts, strings: Strings, user: String, home: String) -> FixProposal? {
        guard let entry = catalog?[causeID], plan.steps.indices.contains(failedStepIndex) else { return nil }
        return FixSteps.propose(for: entry, failedStep: plan.steps[failedStepIndex], plan: plan, facts: facts,
                             strings: strings, user: user, home: home)
    }
}
