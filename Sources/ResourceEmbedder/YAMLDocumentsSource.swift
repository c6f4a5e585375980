import TFWizardYAML

/// `EmbeddedYAML`: each YAML file of `Resources/`, read by the reader the program uses for answer files
/// and checked against `ResourceSchema`, written as Swift that builds the same node tree (lines included,
/// so the loaders' messages still point at a line). The program then parses none of its own YAML.
enum YAMLDocumentsSource {
    /// - Parameter wording: the English text of a strings key, for the messages of the problems found.
    static func make(_ files: [ResourceFile], wording: (String, [String: String]) -> String?) throws(ResourceProblem) -> String {
        let documents = files.filter { ResourceSchema.isYAML($0.path) }
        var source = """
        // Generated from Resources/ at build time. Do not edit.
        import TFWizardYAML

        /// The YAML files of Resources/, composed at build time.
        enum EmbeddedYAML {
            static let paths: [String] = [
        \(documents.map { "        " + SwiftLiteral.string($0.path) + ",\n" }.joined())    ]

            /// The root node of the file at `path` (relative to Resources/), built on each call; nil for a
            /// path that is not a YAML file of Resources/.
            static func root(_ path: String) -> YAMLNode? {
                switch path {

        """
        for (index, document) in documents.enumerated() {
            source += "        case \(SwiftLiteral.string(document.path)): return document\(index)()\n"
        }
        source += "        default: return nil\n        }\n    }\n"
        for (index, document) in documents.enumerated() {
            let root: YAMLNode
            do throws(YAMLProblem) {
                root = try ResourceSchema.check(try YAMLReader.read(document.text), path: document.path)
            } catch {
                throw ResourceProblem(path: document.path, line: error.line, field: error.field, message: error.worded(wording))
            }
            source += "\n    /// Resources/\(document.path)\n    private static func document\(index)() -> YAMLNode {\n"
            source += "        " + expression(root, indent: 2) + "\n    }\n"
        }
        source += "}\n\n" + helpers
        return source
    }

    /// Each node as a call of a helper below: plain functions of one signature each, which the type
    /// checker goes through in a straight line however big the tree.
    static func expression(_ node: YAMLNode, indent: Int) -> String {
        let inner = String(repeating: "    ", count: indent + 1)
        let closing = String(repeating: "    ", count: indent)
        switch node.content {
        case .scalar(let scalar):
            return "yamlScalar(\(SwiftLiteral.string(scalar.text)), .\(style(scalar.style)), \(node.line))"
        case .sequence(let items):
            guard !items.isEmpty else { return "yamlList(\(node.line), [])" }
            let lines = items.map { inner + expression($0, indent: indent + 1) }
            return "yamlList(\(node.line), [\n" + lines.joined(separator: ",\n") + ",\n\(closing)])"
        case .mapping(let pairs):
            guard !pairs.isEmpty else { return "yamlMapping(\(node.line), [])" }
            let lines = pairs.map { pair in
                inner + "yamlPair(\(SwiftLiteral.string(pair.key.text)), .\(style(pair.key.style)), \(pair.keyLine), "
                    + expression(pair.value, indent: indent + 1) + ")"
            }
            return "yamlMapping(\(node.line), [\n" + lines.joined(separator: ",\n") + ",\n\(closing)])"
        }
    }

    static func style(_ style: YAMLScalar.Style) -> String {
        switch style {
        case .plain: return "plain"
        case .singleQuoted: return "singleQuoted"
        case .doubleQuoted: return "doubleQuoted"
        case .literal: return "literal"
        case .folded: return "folded"
        }
    }

    static let helpers = """
    private func yamlMapping(_ line: Int, _ pairs: [YAMLPair]) -> YAMLNode { YAMLNode(.mapping(pairs), line: line) }

    private func yamlList(_ line: Int, _ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items), line: line) }

    private func yamlScalar(_ text: String, _ style: YAMLScalar.Style, _ line: Int) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(text, style: style)), line: line)
    }

    private func yamlPair(_ key: String, _ style: YAMLScalar.Style, _ keyLine: Int, _ value: YAMLNode) -> YAMLPair {
        YAMLPair(key: YAMLScalar(key, style: style), keyLine: keyLine, value: value)
    }

    """
}
