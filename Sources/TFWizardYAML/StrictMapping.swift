/// One YAML mapping whose keys are checked against a fixed set, with typed accessors that report the
/// line and the field of a wrong value.
package struct StrictMapping {
    package struct Entry { package var key: String; package var keyLine: Int?; package var value: YAMLNode }

    package let fieldPrefix: String     // "docker." for nested mappings
    package let line: Int?
    package private(set) var entries: [Entry] = []

    package init(_ node: YAMLNode, field: String, prefix: String = "") throws(YAMLProblem) {
        guard case let .mapping(pairs) = node.content else {
            throw YAMLProblem(line: node.line, field: field, key: "answers.problem.not-mapping", ["found": node.kindKey])
        }
        fieldPrefix = prefix
        line = node.line
        entries = pairs.map { Entry(key: $0.key.text, keyLine: $0.keyLine, value: $0.value) }
    }

    package func rejectUnknownKeys(allowed: [String]) throws(YAMLProblem) {
        for entry in entries where !allowed.contains(entry.key) {
            throw YAMLProblem(line: entry.keyLine, field: fieldPrefix + entry.key, key: "answers.problem.unknown-key",
                              ["key": entry.key, "known": allowed.joined(separator: ", ")])
        }
    }

    package func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    package func line(of key: String) -> Int? { entry(key)?.keyLine }

    /// The raw text of a scalar value (so `3.10` stays "3.10"); nil when absent or null.
    package func text(_ key: String) throws(YAMLProblem) -> String? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        guard let scalar = entry.value.scalar else {
            throw YAMLProblem(line: entry.value.line, field: fieldPrefix + key, key: "answers.problem.not-scalar",
                              ["found": entry.value.kindKey])
        }
        return scalar.text
    }

    package func requiredText(_ key: String) throws(YAMLProblem) -> String {
        guard let value = try text(key), !value.isEmpty else {
            throw YAMLProblem(line: line(of: key) ?? line, field: fieldPrefix + key, key: "answers.problem.required")
        }
        return value
    }

    package func bool(_ key: String) throws(YAMLProblem) -> Bool? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        guard let value = entry.value.scalar?.bool else {
            let quoted = entry.value.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            throw YAMLProblem(line: entry.value.line, field: fieldPrefix + key,
                              key: quoted ? "answers.problem.bool-quoted" : "answers.problem.bool")
        }
        return value
    }

    /// A whole number such as `50` or `-3`.
    package func integer(_ key: String) throws(YAMLProblem) -> Int? {
        guard let text = try text(key) else { return nil }
        guard let value = Int(text) else {
            throw YAMLProblem(line: entry(key)?.value.line, field: fieldPrefix + key, key: "answers.problem.integer",
                              ["found": text])
        }
        return value
    }

    package func list(_ key: String) throws(YAMLProblem) -> [String]? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        return try texts(of: entry.value, field: fieldPrefix + key)
    }

    /// A list of lists of single values, such as commands written as `- [python3, -m, pip]`.
    package func lists(_ key: String) throws(YAMLProblem) -> [[String]]? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        guard case let .sequence(items) = entry.value.content else {
            throw YAMLProblem(line: entry.value.line, field: fieldPrefix + key, key: "answers.problem.not-list",
                              ["found": entry.value.kindKey])
        }
        var result: [[String]] = []
        for (index, item) in items.enumerated() {
            result.append(try texts(of: item, field: "\(fieldPrefix)\(key)[\(index)]"))
        }
        return result
    }

    package func mapping(_ key: String) throws(YAMLProblem) -> StrictMapping? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        return try StrictMapping(entry.value, field: fieldPrefix + key, prefix: fieldPrefix + key + ".")
    }

    package func sequenceOfMappings(_ key: String) throws(YAMLProblem) -> [StrictMapping] {
        guard let entry = entry(key) else {
            throw YAMLProblem(line: line, field: fieldPrefix + key, key: "answers.problem.required")
        }
        guard case let .sequence(items) = entry.value.content else {
            throw YAMLProblem(line: entry.value.line, field: fieldPrefix + key, key: "answers.problem.not-list",
                              ["found": entry.value.kindKey])
        }
        var result: [StrictMapping] = []
        for (index, item) in items.enumerated() {
            result.append(try StrictMapping(item, field: "\(fieldPrefix)\(key)[\(index)]", prefix: "\(fieldPrefix)\(key)[\(index)]."))
        }
        return result
    }

    private func texts(of node: YAMLNode, field: String) throws(YAMLProblem) -> [String] {
        guard case let .sequence(items) = node.content else {
            throw YAMLProblem(line: node.line, field: field, key: "answers.problem.not-list", ["found": node.kindKey])
        }
        var values: [String] = []
        for item in items {
            guard let scalar = item.scalar else {
                throw YAMLProblem(line: item.line, field: field, key: "answers.problem.list-of-scalars")
            }
            values.append(scalar.text)
        }
        return values
    }
}
