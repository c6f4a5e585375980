import Foundation

/// A failed step's output, diagnosed against the error catalog and worded for the user: used by the
/// headless install and by the wizard's failure screen.
public enum Troubleshooter {
    public static func summaryLines(for output: [UInt8], strings: Strings) -> [String] {
        guard let catalog = try? ErrorCatalog.builtIn() else { return [] }
        let diagnoser = Diagnoser(catalog: catalog)
        diagnoser.feed(output)
        return lines(of: diagnoser.finish(), catalog: catalog, strings: strings)
    }

    public static func summaryLines(forLines output: [String], strings: Strings) -> [String] {
        summaryLines(for: Array(output.joined(separator: "\n").utf8), strings: strings)
    }

    static func lines(of diagnosis: Diagnosis, catalog: ErrorCatalog, strings: Strings) -> [String] {
        DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .reversed().drop { $0.isEmpty }.reversed()
    }
}
