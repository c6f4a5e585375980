import Foundation

/// `EmbeddedData`: the small JSON files the program reads as lists, decoded at build time with the
/// shapes the program used to decode them with at run time.
enum JSONListsSource {
    static let stepWarningsPath = "engine/step-warnings.json"
    static let indexMirrorsPath = "catalog/index-mirrors.json"

    /// `{"prefixes": [...]}`; other keys (a `_comment`) are notes for the people who edit it.
    struct StepWarnings: Decodable { var prefixes: [String] }
    struct Mirror: Decodable { var url: String; var name: String; var languages: [String] }

    static func make(_ files: [ResourceFile]) throws(ResourceProblem) -> String {
        let warnings = try decode(StepWarnings.self, stepWarningsPath, files)
        let mirrors = try decode([Mirror].self, indexMirrorsPath, files)
        var source = """
        // Generated from Resources/ at build time. Do not edit.

        /// The small JSON lists of Resources/, as values.
        enum EmbeddedData {
            /// Resources/\(stepWarningsPath)
            static let stepWarningPrefixes: [String] = \(SwiftLiteral.strings(warnings.prefixes))

            /// Resources/\(indexMirrorsPath)
            static let indexMirrors: [(url: String, name: String, languages: [String])] = [

        """
        for mirror in mirrors {
            source += "        (url: \(SwiftLiteral.string(mirror.url)), name: \(SwiftLiteral.string(mirror.name)), "
                + "languages: \(SwiftLiteral.strings(mirror.languages))),\n"
        }
        return source + "    ]\n}\n"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ path: String, _ files: [ResourceFile]) throws(ResourceProblem) -> Value {
        guard let file = files.first(where: { $0.path == path }) else {
            throw ResourceProblem(path: path, line: nil, message: "the file is missing")
        }
        do {
            return try JSONDecoder().decode(type, from: file.data)
        } catch {
            throw ResourceProblem(path: path, line: nil, message: "does not have the expected shape: \(error)")
        }
    }
}
