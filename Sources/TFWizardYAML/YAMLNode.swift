/// One value of a YAML document as `YAMLReader` returns it, with the line it starts on so every later
/// check can point the user at the right place.
package struct YAMLNode: Equatable, Sendable {
    package enum Content: Equatable, Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    package var content: Content
    package var line: Int

    package init(_ content: Content, line: Int) {
        self.content = content
        self.line = line
    }

    package var scalar: YAMLScalar? {
        if case let .scalar(scalar) = content { return scalar }
        return nil
    }

    /// How an error message names what was found.
    /// The strings key naming what the node is ("a mapping", "a list", "a single value").
    package var kindKey: String {
        switch content {
        case .mapping: return "yaml.kind.mapping"
        case .sequence: return "yaml.kind.list"
        case .scalar: return "yaml.kind.scalar"
        }
    }

    /// Plain `null`, `~` and empty values mean "not set"; a quoted "null" is text.
    package var isNull: Bool { scalar?.isNull ?? false }
}

/// One `key: value` of a mapping. Keys are always scalars: the reader refuses complex keys.
package struct YAMLPair: Equatable, Sendable {
    package var key: YAMLScalar
    package var keyLine: Int
    package var value: YAMLNode

    package init(key: YAMLScalar, keyLine: Int, value: YAMLNode) {
        self.key = key; self.keyLine = keyLine; self.value = value
    }
}

/// A single value: its text exactly as written (after unquoting), and how it was written, so `3.10` stays
/// "3.10" and `null` can be told from `"null"`.
package struct YAMLScalar: Equatable, Sendable {
    package enum Style: Equatable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    package var text: String
    package var style: Style

    package init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }

    package var isNull: Bool {
        style == .plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// The YAML 1.2 core schema's booleans; only unquoted words count (`"true"` is text).
    package var bool: Bool? {
        guard style == .plain else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }
}
