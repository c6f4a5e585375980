import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A failed step's output, diagnosed against the error catalog and worded for the user: used by the
/// headless install and by the wizard's failure screen.
public enum Troubleshooter {
    /// - Parameter disk: the free space measured before the start; a `disk-full` cause quotes it.
    public static func summaryLines(for output: [UInt8], strings: Strings, disk: DiskPreflight? = nil) -> [String] {
        guard let catalog = try? ErrorCatalog.builtIn().localized(strings) else { return [] }
        let failure = FailureDiagnosis(output: output, catalog: catalog, disk: disk, strings: strings)
        var result = lines(of: failure.diagnosis, catalog: catalog, strings: strings)
        if let note = failure.diskNote {
            // After the cause, its line and its explanation.
            result.insert("  " + note, at: min(3, result.count))
        }
        return result
    }

    static func lines(of diagnosis: Diagnosis, catalog: ErrorCatalog, strings: Strings) -> [String] {
        DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .reversed().drop { $0.isEmpty }.reversed()
    }
}
