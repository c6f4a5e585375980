import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore
import TFWizardTUI

/// The troubleshoot screen's closures: the error catalog and matcher turned into `DiagnosisView`s, and
/// catalog fixes turned into steps for the failed step.
enum TroubleshootWiring {
    /// - Parameter disk: the free space measured before the start; a `disk-full` cause quotes it.
    static func diagnoseOutput(_ lines: [String], catalog: ErrorCatalog?, disk: DiskPreflight? = nil,
                               strings: Strings? = nil) -> DiagnosisView {
        guard let catalog else { return DiagnosisView(cause: nil, findings: [], unknownErrorLines: [], linesRead: 0) }
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: lines.joined(separator: "\n"))
        var result = view(of: diagnosis, catalog: catalog)
        if result.cause?.finding.id == "disk-full", let disk, let strings {
            result.cause?.explanation += " " + disk.measuredLine(strings: strings)
        }
        return result
    }

    static func loadLogFile(_ path: String, catalog: ErrorCatalog?, strings: Strings) -> Result<DiagnosisView, LogFileProblem> {
        var expanded = PathExpansion.expandTilde(path.trimmingSpaces(), home: PathExpansion.home)
        if expanded == "-" { expanded = "./-" }   // a file named "-", never the terminal's input
        guard let catalog else {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable", ["file": expanded, "reason": "no error catalog"])))
        }
        var isDirectory = false
        if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory), isDirectory {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable",
                                                                 ["file": expanded, "reason": "it is a folder"])))
        }
        do {
            return .success(view(of: try Diagnoser(catalog: catalog).diagnose(path: expanded), catalog: catalog))
        } catch let DoctorInputError.unreadable(file, reason) {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable", ["file": file, "reason": reason])))
        } catch {
            return .failure(LogFileProblem(message: strings.text("diagnosis.unreadable",
                                                                 ["file": expanded, "reason": "\(error)"])))
        }
    }

    static func fixSteps(causeID: String, failedStepIndex: Int, plan: Plan, catalog: ErrorCatalog?,
                         facts: MachineFacts, strings: Strings) -> [Step]? {
        guard let entry = catalog?[causeID], plan.steps.indices.contains(failedStepIndex) else { return nil }
        return FixSteps.make(for: entry, failedStep: plan.steps[failedStepIndex], plan: plan, facts: facts, strings: strings)
    }

    static func view(of diagnosis: Diagnosis, catalog: ErrorCatalog) -> DiagnosisView {
        DiagnosisView(diagnosis, catalog: catalog, user: CurrentUser.name)
    }
}
