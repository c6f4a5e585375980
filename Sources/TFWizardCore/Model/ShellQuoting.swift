import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// POSIX shell quoting for showing argv to people and for `plan --format sh`: a word is left bare only
/// when it holds nothing a shell would read specially (`=` included, so `X=1` never becomes an assignment).
public enum ShellQuoting {
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+:,./-")

    public static func quote(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    public static func render(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
