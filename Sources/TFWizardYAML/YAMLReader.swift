/// Reads the YAML subset of tfwizard's own files and of users' answer files with nothing but the standard
/// library: Foundation would bring ICU's data into the static binary.
///
/// Read: block mappings and lists (by indentation), flow `[ ]` and `{ }`, plain, single- and double-quoted
/// scalars, block scalars (`|`, `>`, with `-`/`+` and an indentation digit), comments, `---` and `...`.
/// Refused with a line and a message, never a crash: anchors, aliases, tags, complex keys, directives,
/// several documents, tabs used for indentation, control characters, nesting deeper than `maximumDepth`.
package struct YAMLReader {
    /// The document's root value; nil when the text holds nothing but blank lines and comments.
    package static func read(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        TextParsingLog.current?.note("YAML")
        var reader = try YAMLReader(text)
        return try reader.readDocument()
    }

    /// Far beyond any real file; keeps hostile input from exhausting the stack.
    package static let maximumDepth = 100

    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0
    var depth = 0

    /// Copies the text as UTF-8 with line breaks made "\n", and refuses the characters YAML does not allow.
    private init(_ text: String) throws(YAMLProblem) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var line = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            switch byte {
            case YAMLByte.newline:
                if previous != YAMLByte.carriageReturn { bytes.append(YAMLByte.newline); line += 1 }
            case YAMLByte.carriageReturn:
                bytes.append(YAMLByte.newline)
                line += 1
            case YAMLByte.tab, 0x20..<0x7F, 0x80...:
                // C1 controls other than NEL (U+0085) are C2 80...C2 9F; U+FFFE/U+FFFF are EF BF BE/BF.
                if (previous == 0xC2 && (0x80...0x9F).contains(byte) && byte != 0x85)
                    || (byte >= 0xBE && byte <= 0xBF && bytes.count >= 2 && bytes[bytes.count - 2] == 0xEF && previous == 0xBF) {
                    throw Self.controlCharacter(previous == 0xC2 ? UInt32(byte) : 0xFFF0 + UInt32(byte & 0x0F), line: line)
                }
                bytes.append(byte)
            default:
                throw Self.controlCharacter(UInt32(byte), line: line)
            }
        }
        // A byte order mark may open the stream.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
    }

    static func controlCharacter(_ value: UInt32, line: Int) -> YAMLProblem {
        var hex = String(value, radix: 16, uppercase: true)
        hex = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return YAMLProblem(line: line, field: "", key: "yaml.control-character", ["code": hex])
    }

    // MARK: document

    mutating func readDocument() throws(YAMLProblem) -> YAMLNode? {
        try checkIndentation()
        try skipToContent()
        if current == YAMLByte.percent && column == 0 {
            throw unsupported("yaml.unsupported.directives")
        }
        var root: YAMLNode?
        if isMarker(YAMLByte.dash) {
            position += 3
            skipBlanks()
            if !atLineEnd {
                root = try readBlockNode(parentIndent: -1, compactAllowed: false)
            }
        }
        if root == nil {
            try skipToContent()
            if !atEnd && !atDocumentMarker {
                root = try readBlockNode(parentIndent: -1, compactAllowed: true)
            }
        }
        try skipToContent()
        var ended = false
        if isMarker(YAMLByte.dot) {
            position += 3
            try expectLineEnd(after: "'...'")
            try skipToContent()
            ended = true
        }
        if atEnd { return root }
        if ended || isMarker(YAMLByte.dash) {
            throw unsupported("yaml.unsupported.documents")
        }
        throw syntax("yaml.unexpected-text")
    }

    // MARK: block structure

    /// The value after `key:`, `- ` or at the root: on the same line, on the lines below when indented deeper
    /// than `parentIndent` (a list may also sit at the key's own indentation), or else empty.
    mutating func readValue(parentIndent: Int, ownerLine: Int, afterKey: Bool) throws(YAMLProblem) -> YAMLNode {
        skipBlanks()
        if !atLineEnd {
            return try readBlockNode(parentIndent: parentIndent, compactAllowed: !afterKey)
        }
        try skipToContent()
        let indent = atEnd || atDocumentMarker ? -1 : column
        if indent > parentIndent {
            return try readBlockNode(parentIndent: parentIndent, compactAllowed: true)
        }
        if afterKey && indent == parentIndent && atSequenceItem {
            return try readBlockSequence()
        }
        return YAMLNode(.scalar(YAMLScalar("", style: .plain)), line: ownerLine)
    }

    /// A node whose first character is at the current position. `compactAllowed`: a list or a mapping may
    /// start here (not on the line of a key, where `key: a: b` and `key: - a` are errors).
    mutating func readBlockNode(parentIndent: Int, compactAllowed: Bool) throws(YAMLProblem) -> YAMLNode {
        let indent = column
        switch current {
        case YAMLByte.dash where isBlankOrBreak(byte(position + 1)):
            guard compactAllowed else {
                throw syntax("yaml.list-start")
            }
            return try readBlockSequence()
        case YAMLByte.openBracket, YAMLByte.openBrace:
            let node = current == YAMLByte.openBracket
                ? try readFlowSequence(blockIndent: parentIndent) : try readFlowMapping(blockIndent: parentIndent)
            skipBlanks()
            if current == YAMLByte.colon && isBlankOrBreak(byte(position + 1)) { throw complexKeys() }
            try expectLineEnd(after: "yaml.after.bracket")
            return node
        case YAMLByte.pipe, YAMLByte.greater:
            return try readBlockScalar(parentIndent: parentIndent)
        default:
            break
        }
        let start = try readScalarOrKey(minimumIndent: parentIndent + 1)
        if start.isKey {
            guard compactAllowed else {
                throw syntax("yaml.pair-start")
            }
            return try readBlockMapping(indent: indent, firstKey: start.scalar, keyLine: start.line)
        }
        if start.scalar.style != .plain {
            try expectLineEnd(after: "yaml.after.quote")
            return YAMLNode(.scalar(start.scalar), line: start.line)
        }
        return try readPlainContinuation(start.scalar.text, parentIndent: parentIndent, line: start.line)
    }

    /// A scalar in block context, and whether a `:` makes it the first key of a mapping. A key must fit
    /// on one line.
    mutating func readScalarOrKey(minimumIndent: Int) throws(YAMLProblem) -> (scalar: YAMLScalar, line: Int, isKey: Bool) {
        try rejectUnsupportedStart()
        let startLine = line
        let scalar: YAMLScalar
        if current == YAMLByte.doubleQuote || current == YAMLByte.singleQuote {
            scalar = try readQuoted(minimumIndent: minimumIndent)
        } else {
            scalar = YAMLScalar(text(readPlainLine(inFlow: false)), style: .plain)
        }
        skipBlanks()
        guard current == YAMLByte.colon && isBlankOrBreak(byte(position + 1)) else {
            return (scalar, startLine, false)
        }
        guard line == startLine else { throw syntax("yaml.key-one-line") }
        if scalar.style == .plain && scalar.text.isEmpty { throw syntax("yaml.key-missing") }
        return (scalar, startLine, true)
    }

    mutating func readBlockMapping(indent: Int, firstKey: YAMLScalar, keyLine firstKeyLine: Int) throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        var pairs: [YAMLPair] = []
        var firstLines: [String: Int] = [:]
        var key = firstKey
        var keyLine = firstKeyLine
        while true {
            if let firstLine = firstLines[key.text] {
                throw YAMLProblem(line: keyLine, field: key.text, key: "yaml.duplicate-key",
                                  ["key": key.text, "line": String(firstLine)])
            }
            firstLines[key.text] = keyLine
            position += 1 // the ':'
            let value = try readValue(parentIndent: indent, ownerLine: keyLine, afterKey: true)
            pairs.append(YAMLPair(key: key, keyLine: keyLine, value: value))
            try skipToContent()
            guard !atEnd, !atDocumentMarker, column >= indent else { break }
            guard column == indent else { throw syntax("yaml.indent-keys") }
            if atSequenceItem { throw syntax("yaml.item-not-pair") }
            if current == YAMLByte.openBracket || current == YAMLByte.openBrace {
                throw syntax("yaml.pair-expected")
            }
            let next = try readScalarOrKey(minimumIndent: indent + 1)
            guard next.isKey else {
                throw YAMLProblem(line: next.line, field: "", key: "yaml.colon-missing", ["text": next.scalar.text])
            }
            key = next.scalar
            keyLine = next.line
        }
        return YAMLNode(.mapping(pairs), line: firstKeyLine)
    }

    /// Items `- value` at the current column.
    mutating func readBlockSequence() throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        let indent = column
        let firstLine = line
        var items: [YAMLNode] = []
        while true {
            let itemLine = line
            position += 1 // the '-'
            items.append(try readValue(parentIndent: indent, ownerLine: itemLine, afterKey: false))
            try skipToContent()
            guard !atEnd, !atDocumentMarker, column >= indent else { break }
            guard column == indent else { throw syntax("yaml.indent-items") }
            // Something else at this column ends the list: the next key of a mapping whose value it was.
            guard atSequenceItem else { break }
        }
        return YAMLNode(.sequence(items), line: firstLine)
    }

    // MARK: refusals

    func rejectUnsupportedStart() throws(YAMLProblem) {
        let next = byte(position + 1)
        switch current {
        case UInt8(ascii: "&"):
            throw unsupported("yaml.unsupported.anchors")
        case UInt8(ascii: "*"):
            throw unsupported("yaml.unsupported.aliases")
        case UInt8(ascii: "!"):
            throw unsupported("yaml.unsupported.tags")
        case UInt8(ascii: "?") where isBlankOrBreak(next):
            throw complexKeys()
        case YAMLByte.percent, UInt8(ascii: "@"), UInt8(ascii: "`"), YAMLByte.hash:
            throw syntax("yaml.value-start", ["character": String(decoding: [current], as: UTF8.self)])
        case YAMLByte.comma, YAMLByte.closeBracket, YAMLByte.closeBrace:
            throw syntax("yaml.unexpected-character", ["character": String(decoding: [current], as: UTF8.self)])
        default:
            break
        }
    }

    func complexKeys() -> YAMLProblem {
        unsupported("yaml.unsupported.complex-keys")
    }

    /// A YAML feature the answer files and the catalog do without: `key` says which and what to write instead.
    func unsupported(_ key: String) -> YAMLProblem {
        YAMLProblem(line: line, field: "", key: key)
    }

    /// Not valid YAML at this line: `key` (`yaml.*`) says what, in every language.
    func syntax(_ key: String, _ values: [String: String] = [:]) -> YAMLProblem {
        YAMLProblem(line: line, field: "", key: key, values)
    }

    mutating func enterNesting() throws(YAMLProblem) {
        depth += 1
        if depth > Self.maximumDepth {
            throw syntax("yaml.too-deep", ["depth": String(Self.maximumDepth)])
        }
    }

    // MARK: reading position

    var current: UInt8 { byte(position) }
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    var column: Int { position - lineStart }
    var atEnd: Bool { position >= bytes.count }

    /// The byte at `index`, or `YAMLByte.end` past the text (the text never holds a NUL).
    func byte(_ index: Int) -> UInt8 { index >= 0 && index < bytes.count ? bytes[index] : YAMLByte.end }

    func isBlank(_ byte: UInt8) -> Bool { byte == YAMLByte.space || byte == YAMLByte.tab }
    func isBlankOrBreak(_ byte: UInt8) -> Bool { isBlank(byte) || byte == YAMLByte.newline || byte == YAMLByte.end }
    func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == YAMLByte.comma || byte == YAMLByte.openBracket || byte == YAMLByte.closeBracket
            || byte == YAMLByte.openBrace || byte == YAMLByte.closeBrace
    }

    /// `#` starts a comment at the start of a line or after a blank, never inside a word.
    var atComment: Bool {
        current == YAMLByte.hash && (position == lineStart || isBlank(byte(position - 1)))
    }

    /// At a line break, the end of the text, or a comment (after skipping blanks).
    var atLineEnd: Bool { current == YAMLByte.newline || atEnd || atComment }

    var atSequenceItem: Bool { current == YAMLByte.dash && isBlankOrBreak(byte(position + 1)) }

    /// `---` or `...` alone at the start of a line.
    var atDocumentMarker: Bool { isMarker(YAMLByte.dash) || isMarker(YAMLByte.dot) }

    func isMarker(_ byte: UInt8) -> Bool {
        column == 0 && current == byte && self.byte(position + 1) == byte && self.byte(position + 2) == byte
            && isBlankOrBreak(self.byte(position + 3))
    }

    mutating func skipBlanks() {
        while position < bytes.count && isBlank(bytes[position]) { position += 1 }
    }

    mutating func skipComment() {
        while position < bytes.count && bytes[position] != YAMLByte.newline { position += 1 }
    }

    mutating func newLine() {
        position += 1
        line += 1
        lineStart = position
    }

    /// Skips blanks, comments and blank lines up to the next text (or the end).
    mutating func skipToContent() throws(YAMLProblem) {
        while true {
            skipBlanks()
            if atComment { skipComment() }
            guard current == YAMLByte.newline else { return }
            newLine()
            try checkIndentation()
        }
    }

    mutating func expectLineEnd(after what: String) throws(YAMLProblem) {
        skipBlanks()
        if atComment { skipComment() }
        guard current == YAMLByte.newline || atEnd else { throw syntax("yaml.text-after", ["what": what]) }
    }

    /// At the start of a line: YAML indents with spaces only; a tab there is an error unless the line is blank.
    func checkIndentation() throws(YAMLProblem) {
        var index = position
        while byte(index) == YAMLByte.space { index += 1 }
        guard byte(index) == YAMLByte.tab else { return }
        while isBlank(byte(index)) { index += 1 }
        let next = byte(index)
        if next == YAMLByte.newline || next == YAMLByte.end || next == YAMLByte.hash { return }
        throw YAMLProblem(line: line, field: "", key: "yaml.tab-indent")
    }
}

/// The bytes the reader looks for.
enum YAMLByte {
    static let end: UInt8 = 0
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let doubleQuote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let percent = UInt8(ascii: "%")
    static let singleQuote = UInt8(ascii: "'")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let dash = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let greater = UInt8(ascii: ">")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let pipe = UInt8(ascii: "|")
    static let closeBrace = UInt8(ascii: "}")
}
