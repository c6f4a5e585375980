import Foundation
import Yams

/// A problem found while reading a YAML document: where (line, field) and what.
struct YAMLProblem: Error, Equatable {
    var line: Int?
    var field: String
    var message: String
}

/// Reads YAML through Yams' node API so every value keeps its line number, and so unknown, duplicate and
/// wrongly typed keys can be reported precisely instead of silently ignored.
enum StrictYAML {
    /// The document's root node; a syntax error or a duplicate key becomes a `YAMLProblem` with its line.
    static func compose(_ text: String) throws(YAMLProblem) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw problem(from: error, text: text)
        } catch {
            throw YAMLProblem(line: nil, field: "", message: "\(error)")
        }
    }

    private static func problem(from error: YamlError, text: String) -> YAMLProblem {
        switch error {
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            // Yams points at the first occurrence; the user needs the repeated one.
            let repeatLine = lineOfRepeatedKey(key, after: context.mark.line, in: text) ?? context.mark.line
            return YAMLProblem(line: repeatLine, field: key,
                               message: "the key '\(key)' appears more than once (first on line \(context.mark.line))")
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return YAMLProblem(line: mark.line, field: "", message: "not valid YAML: \(problem)")
        default:
            return YAMLProblem(line: nil, field: "", message: "not valid YAML: \(error)")
        }
    }

    private static func lineOfRepeatedKey(_ key: String, after firstLine: Int, in text: String) -> Int? {
        let lines = text.components(separatedBy: "\n")
        guard firstLine >= 1, firstLine <= lines.count else { return nil }
        let indent = lines[firstLine - 1].prefix { $0 == " " }.count
        for index in firstLine..<lines.count {
            let line = lines[index]
            let lineIndent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(lineIndent)
            guard lineIndent == indent else { continue }
            for quote in ["", "\"", "'"] where body.hasPrefix("\(quote)\(key)\(quote)") {
                let rest = body.dropFirst(key.count + 2 * quote.count).drop { $0 == " " }
                if rest.hasPrefix(":") { return index + 1 }
            }
        }
        return nil
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar: return "a single value"
        }
    }

    /// Plain `null`, `~` and empty values mean "not set".
    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node else { return false }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// One YAML mapping whose keys are checked against a fixed set.
struct StrictMapping {
    struct Entry { var key: String; var keyLine: Int?; var value: Node }

    let fieldPrefix: String     // "docker." for nested mappings
    let line: Int?
    private(set) var entries: [Entry] = []

    init(_ node: Node, field: String, prefix: String = "") throws(YAMLProblem) {
        guard case let .mapping(mapping) = node else {
            throw YAMLProblem(line: node.mark?.line, field: field,
                              message: "expected a mapping of keys to values, found \(StrictYAML.kindName(node))")
        }
        fieldPrefix = prefix
        line = mapping.mark?.line
        for (keyNode, value) in mapping {
            guard case let .scalar(keyScalar) = keyNode else {
                throw YAMLProblem(line: keyNode.mark?.line, field: field, message: "a key must be a plain name")
            }
            entries.append(Entry(key: keyScalar.string, keyLine: keyNode.mark?.line, value: value))
        }
    }

    func rejectUnknownKeys(allowed: [String]) throws(YAMLProblem) {
        for entry in entries where !allowed.contains(entry.key) {
            throw YAMLProblem(line: entry.keyLine, field: fieldPrefix + entry.key,
                              message: "unknown key '\(entry.key)' (known keys: \(allowed.joined(separator: ", ")))")
        }
    }

    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    func line(of key: String) -> Int? { entry(key)?.keyLine }

    /// The raw text of a scalar value (so `3.10` stays "3.10"); nil when absent or null.
    func text(_ key: String) throws(YAMLProblem) -> String? {
        guard let entry = entry(key), !StrictYAML.isNull(entry.value) else { return nil }
        guard case let .scalar(scalar) = entry.value else {
            throw YAMLProblem(line: entry.value.mark?.line ?? entry.keyLine, field: fieldPrefix + key,
                              message: "expected a single value, found \(StrictYAML.kindName(entry.value))")
        }
        return scalar.string
    }

    func requiredText(_ key: String) throws(YAMLProblem) -> String {
        guard let value = try text(key), !value.isEmpty else {
            throw YAMLProblem(line: line(of: key) ?? line, field: fieldPrefix + key, message: "a value is required")
        }
        return value
    }

    func bool(_ key: String) throws(YAMLProblem) -> Bool? {
        guard let entry = entry(key), !StrictYAML.isNull(entry.value) else { return nil }
        guard case .scalar = entry.value, let value = entry.value.bool else {
            throw YAMLProblem(line: entry.value.mark?.line ?? entry.keyLine, field: fieldPrefix + key,
                              message: "expected true or false")
        }
        return value
    }

    func list(_ key: String) throws(YAMLProblem) -> [String]? {
        guard let entry = entry(key), !StrictYAML.isNull(entry.value) else { return nil }
        guard case let .sequence(sequence) = entry.value else {
            throw YAMLProblem(line: entry.value.mark?.line ?? entry.keyLine, field: fieldPrefix + key,
                              message: "expected a list, found \(StrictYAML.kindName(entry.value))")
        }
        var values: [String] = []
        for item in sequence {
            guard case let .scalar(scalar) = item else {
                throw YAMLProblem(line: item.mark?.line, field: fieldPrefix + key, message: "expected a list of single values")
            }
            values.append(scalar.string)
        }
        return values
    }

    func mapping(_ key: String) throws(YAMLProblem) -> StrictMapping? {
        guard let entry = entry(key), !StrictYAML.isNull(entry.value) else { return nil }
        return try StrictMapping(entry.value, field: fieldPrefix + key, prefix: fieldPrefix + key + ".")
    }

    func sequenceOfMappings(_ key: String) throws(YAMLProblem) -> [StrictMapping] {
        guard let entry = entry(key) else {
            throw YAMLProblem(line: line, field: fieldPrefix + key, message: "a value is required")
        }
        guard case let .sequence(sequence) = entry.value else {
            throw YAMLProblem(line: entry.value.mark?.line ?? entry.keyLine, field: fieldPrefix + key,
                              message: "expected a list, found \(StrictYAML.kindName(entry.value))")
        }
        var result: [StrictMapping] = []
        for (index, item) in sequence.enumerated() {
            result.append(try StrictMapping(item, field: "\(fieldPrefix)\(key)[\(index)]", prefix: "\(fieldPrefix)\(key)[\(index)]."))
        }
        return result
    }
}
