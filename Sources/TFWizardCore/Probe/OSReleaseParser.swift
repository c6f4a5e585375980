import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Parses os-release(5): KEY=value lines, values optionally quoted with shell-style escapes.
public enum OSReleaseParser {
    public static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            // Keys are [A-Z0-9_]; anything else (a shell prompt copied along) is not a field.
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }) else {
                continue
            }
            fields[key] = unquote(String(line[line.index(after: equals)...]))
        }
        return fields
    }

    public static func parse(_ text: String) -> MachineFacts.OperatingSystem {
        let fields = fields(text)
        let codename = fields["VERSION_CODENAME"] ?? fields["UBUNTU_CODENAME"]
        return MachineFacts.OperatingSystem(
            id: fields["ID"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "linux",
            versionID: fields["VERSION_ID"],
            prettyName: fields["PRETTY_NAME"] ?? fields["NAME"],
            codename: codename?.isEmpty == false ? codename : nil)
    }

    private static func unquote(_ value: String) -> String {
        var value = value.trimmingSpaces()
        guard let first = value.first, first == "\"" || first == "'" else { return value }
        value.removeFirst()
        if value.last == first { value.removeLast() }
        guard first == "\"" else { return value }
        var result = ""
        var escaping = false
        for character in value {
            if escaping { result.append(character); escaping = false }
            else if character == "\\" { escaping = true }
            else { result.append(character) }
        }
        return result
    }
}
