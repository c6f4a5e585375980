import Foundation

/// The string tables of `Resources/strings/<lang>/*.json` (flat key -> text), merged per language. A file
/// that is not such an object, or a key given by two files of one language, fails the build.
struct StringTables {
    /// Language -> key -> text.
    private(set) var tables: [String: [String: String]] = [:]

    init(_ files: [ResourceFile]) throws(ResourceProblem) {
        var origins: [String: [String: String]] = [:]   // language -> key -> the file that gave it
        for file in files {
            let parts = file.path.split(separator: "/")
            guard parts.count == 3, parts[0] == "strings", parts[2].hasSuffix(".json") else { continue }
            let language = String(parts[1])
            let table: [String: String]
            do {
                table = try JSONDecoder().decode([String: String].self, from: file.data)
            } catch {
                throw ResourceProblem(path: file.path, line: nil, message: "not a JSON object of key -> text: \(error)")
            }
            for (key, text) in table.sorted(by: { $0.key < $1.key }) {
                if let first = origins[language]?[key] {
                    throw ResourceProblem(path: file.path, line: nil, field: key, message: "the key is also in \(first)")
                }
                origins[language, default: [:]][key] = file.path
                tables[language, default: [:]][key] = text
            }
        }
    }

    /// The English text of `key` with its `{name}` placeholders filled, as `Strings.text` does; nil for a
    /// key English does not have.
    func englishWording(_ key: String, _ values: [String: String]) -> String? {
        guard var text = tables["en"]?[key] else { return nil }
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// `EmbeddedStrings`: per language, its keys and its texts as two typed array literals, zipped into a
    /// dictionary on first use (`uniqueKeysWithValues`: the keys were checked to be unique above). Arrays
    /// of string literals compile in a fraction of the time a dictionary literal of the same thousand
    /// entries takes.
    func source() -> String {
        let languages = tables.keys.sorted()
        var source = """
        // Generated from Resources/strings at build time. Do not edit.

        /// The string tables of Resources/strings, one per language.
        enum EmbeddedStrings {
            static let languages: [String] = \(SwiftLiteral.strings(languages))

            /// The table of `language`, built on first use; nil for a language without one.
            static func table(_ language: String) -> [String: String]? {
                switch language {

        """
        for (index, language) in languages.enumerated() {
            source += "        case \(SwiftLiteral.string(language)): return table\(index)\n"
        }
        source += "        default: return nil\n        }\n    }\n"
        for (index, language) in languages.enumerated() {
            let table = tables[language] ?? [:]
            let keys = table.keys.sorted()
            source += "\n    /// Resources/strings/\(language)/*.json\n"
            source += "    private static let table\(index): [String: String] = Dictionary(uniqueKeysWithValues: zip(keys\(index), texts\(index)))\n"
            source += "    private static let keys\(index): [String] = [\n"
            source += keys.map { "        \(SwiftLiteral.string($0)),\n" }.joined() + "    ]\n"
            source += "    private static let texts\(index): [String] = [\n"
            source += keys.map { "        \(SwiftLiteral.string(table[$0] ?? "")),\n" }.joined() + "    ]\n"
        }
        return source + "}\n"
    }
}
