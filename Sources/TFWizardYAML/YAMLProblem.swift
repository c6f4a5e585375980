/// A problem found while reading a YAML document: where (line, field) and what.
package struct YAMLProblem: Error, Equatable, Sendable {
    package var line: Int?
    package var field: String
    /// The strings key of the problem (`yaml.*`, `answers.problem.*`) and its values, to word it in the
    /// interface's language; nil for a problem of the built-in data, worded for developers in English.
    package var key: String?
    package var values: [String: String] = [:]
    /// The English words of a problem without a key.
    package var englishMessage: String?

    package init(line: Int?, field: String, message: String) {
        self.line = line; self.field = field; self.englishMessage = message
    }

    package init(line: Int?, field: String, key: String, _ values: [String: String] = [:]) {
        self.line = line; self.field = field; self.key = key; self.values = values
    }

    /// The problem in words. `text` gives the text of a strings key with each `{name}` filled from the
    /// values, or nil for a key it does not know. A value that is itself a key (`yaml.kind.mapping`, what
    /// was found) is worded too.
    package func worded(_ text: (_ key: String, _ values: [String: String]) -> String?) -> String {
        guard let key else { return englishMessage ?? "" }
        let words = values.mapValues { value in value.hasPrefix("yaml.") ? text(value, [:]) ?? value : value }
        return text(key, words) ?? key
    }
}
