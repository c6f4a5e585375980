/// A problem found while reading a YAML document: where (line, field) and what.
struct YAMLProblem: Error, Equatable {
    var line: Int?
    var field: String
    /// In English: what the error catalog's loader and the tests read.
    var message: String
    /// The strings key of the problem and its values, to word it in the interface's language; nil for a
    /// problem of the built-in data (the catalog), worded for developers in English.
    var key: String?
    var values: [String: String] = [:]

    init(line: Int?, field: String, message: String) {
        self.line = line; self.field = field; self.message = message
    }

    init(line: Int?, field: String, key: String, _ values: [String: String] = [:]) {
        self.line = line; self.field = field; self.key = key; self.values = values
        message = Self.worded(key, values, Strings.english)
    }

    /// The same problem: the same place and the same words.
    static func == (lhs: YAMLProblem, rhs: YAMLProblem) -> Bool {
        lhs.line == rhs.line && lhs.field == rhs.field && lhs.message == rhs.message
    }

    /// The problem in the language of `strings`.
    func worded(_ strings: Strings) -> String {
        key.map { Self.worded($0, values, strings) } ?? message
    }

    /// A value that is itself a key (`yaml.kind.mapping`, what was found) is worded too.
    private static func worded(_ key: String, _ values: [String: String], _ strings: Strings) -> String {
        strings.text(key, values.mapValues { $0.hasPrefix("yaml.") && strings.hasKey($0) ? strings[$0] : $0 })
    }
}
