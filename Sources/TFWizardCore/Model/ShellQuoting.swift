import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// POSIX shell quoting for showing argv to people and for `plan --format sh`: a word is left bare only
/// when it holds nothing a shell would read specially (`=` included, so `X=1` never becomes an assignment).
public enum ShellQuoting {
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+:,./-")

    public static func quote(_ word: String) -> String {
        // A leading `~/` stays bare so the shell still expands it when the line is pasted ('~/x' would not).
        if word == "~" { return word }
        if word.hasPrefix("~/") && word.count > 2 { return "~/" + quote(String(word.dropFirst(2))) }
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }

    public static func render(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
