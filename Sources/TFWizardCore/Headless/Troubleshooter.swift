import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A failed step's output, diagnosed against the error catalog and worded for the user: used by the
/// headless install and by the wizard's failure screen.
public enum Troubleshooter {
    /// - Parameters:
    ///   - disk: the free space measured before the start; a `disk-full` cause quotes it.
    ///   - thisMachine: the GPU of the machine the step ran on.
    ///   - fixFor: the fix's commands made for the failed step (nil: the catalog's as they are).
    public static func summaryLines(for output: [UInt8], strings: Strings, disk: DiskPreflight? = nil,
                                    thisMachine: ThisMachineGPU? = nil,
                                    fixFor: ((ErrorCatalogEntry) -> [Step]?)? = nil) -> [String] {
        guard let catalog = try? ErrorCatalog.builtIn().localized(strings) else { return [] }
        let failure = FailureDiagnosis(output: output, catalog: catalog, disk: disk, strings: strings, thisMachine: thisMachine)
        // A fix made for the failed step is shown as it would run there: its variables before the command.
        func shownFixes(_ entry: ErrorCatalogEntry) -> [String] {
            (fixFor?(entry) ?? []).map { CommandDisplay.render($0, showingEnvironment: true) }
        }
        var result = lines(of: failure.diagnosis, catalog: catalog, strings: strings,
                           commandLines: fixFor == nil ? nil : shownFixes)
        if let note = failure.diskNote {
            // After the cause, its line and its explanation.
            result.insert("  " + note, at: min(3, result.count))
        }
        return result
    }

    static func lines(of diagnosis: Diagnosis, catalog: ErrorCatalog, strings: Strings,
                      commandLines: ((ErrorCatalogEntry) -> [String])? = nil) -> [String] {
        DoctorOutput.text(diagnosis, catalog: catalog, strings: strings, commandLines: commandLines)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .reversed().drop { $0.isEmpty }.reversed()
    }
}
