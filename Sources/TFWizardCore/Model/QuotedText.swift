import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Text in double quotes with the escapes JSON and YAML both read the same way, so an answer file and
/// `doctor --json` survive any path or log line (quotes, backslashes, control characters).
public enum QuotedText {
    public static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += cFormat("\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
