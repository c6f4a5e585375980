/// Reads YAML through `YAMLReader` so every value keeps its line number, and so unknown, duplicate and
/// wrongly typed keys can be reported precisely instead of silently ignored.
package enum StrictYAML {
    /// The document's root node (nil for an empty document); a syntax error or a duplicate key becomes
    /// a `YAMLProblem` with its line.
    package static func compose(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        try YAMLReader.read(text)
    }

    /// Plain `null`, `~` and empty values mean "not set".
    package static func isNull(_ node: YAMLNode) -> Bool { node.isNull }
}
