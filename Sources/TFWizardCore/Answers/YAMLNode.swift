/// One value of a YAML document as `YAMLReader` returns it, with the line it starts on so every later
/// check can point the user at the right place.
struct YAMLNode: Equatable {
    enum Content: Equatable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var content: Content
    var line: Int

    init(_ content: Content, line: Int) {
        self.content = content
        self.line = line
    }

    var scalar: YAMLScalar? {
        if case let .scalar(scalar) = content { return scalar }
        return nil
    }

    /// How an error message names what was found.
    /// The strings key naming what the node is ("a mapping", "a list", "a single value").
    var kindKey: String {
        switch content {
        case .mapping: return "yaml.kind.mapping"
        case .sequence: return "yaml.kind.list"
        case .scalar: return "yaml.kind.scalar"
        }
    }

    /// Plain `null`, `~` and empty values mean "not set"; a quoted "null" is text.
    var isNull: Bool { scalar?.isNull ?? false }
}

/// One `key: value` of a mapping. Keys are always scalars: the reader refuses complex keys.
struct YAMLPair: Equatable {
    var key: YAMLScalar
    var keyLine: Int
    var value: YAMLNode
}

/// A single value: its text exactly as written (after unquoting), and how it was written, so `3.10` stays
/// "3.10" and `null` can be told from `"null"`.
struct YAMLScalar: Equatable {
    enum Style: Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var text: String
    var style: Style

    init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }

    var isNull: Bool {
        style == .plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// The YAML 1.2 core schema's booleans; only unquoted words count (`"true"` is text).
    var bool: Bool? {
        guard style == .plain else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }
}
