/// Reads the YAML subset of tfwizard's own files and of users' answer files with nothing but the standard
/// library: Foundation would bring ICU's data into the static binary.
///
/// Read: block mappings and lists (by indentation), flow `[ ]` and `{ }`, plain, single- and double-quoted
/// scalars, block scalars (`|`, `>`, with `-`/`+` and an indentation digit), comments, `---` and `...`.
/// Refused with a line and a message, never a crash: anchors, aliases, tags, complex keys, directives,
/// several documents, tabs used for indentation, control characters, nesting deeper than `maximumDepth`.
struct YAMLReader {
    /// The document's root value; nil when the text holds nothing but blank lines and comments.
    static func read(_ text: String) throws(YAMLProblem) -> YAMLNode? {
        var reader = try YAMLReader(text)
        return try reader.readDocument()
    }

    /// Far beyond any real file; keeps hostile input from exhausting the stack.
    static let maximumDepth = 100

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Copies the text as UTF-8 with line breaks made "\n", and refuses the characters YAML does not allow.
    private init(_ text: String) throws(YAMLProblem) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var line = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            switch byte {
            case Byte.newline:
                if previous != Byte.carriageReturn { bytes.append(Byte.newline); line += 1 }
            case Byte.carriageReturn:
                bytes.append(Byte.newline)
                line += 1
            case Byte.tab, 0x20..<0x7F, 0x80...:
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

    private static func controlCharacter(_ value: UInt32, line: Int) -> YAMLProblem {
        var hex = String(value, radix: 16, uppercase: true)
        hex = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return YAMLProblem(line: line, field: "",
                           message: "not valid YAML: the control character U+\(hex) is not allowed; inside double quotes write it as \\u\(hex)")
    }

    // MARK: document

    private mutating func readDocument() throws(YAMLProblem) -> YAMLNode? {
        try checkIndentation()
        try skipToContent()
        if current == Byte.percent && column == 0 {
            throw unsupported("YAML directives (%YAML, %TAG)", advice: "remove the line")
        }
        var root: YAMLNode?
        if isMarker(Byte.dash) {
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
        if isMarker(Byte.dot) {
            position += 3
            try expectLineEnd(after: "'...'")
            try skipToContent()
            ended = true
        }
        if atEnd { return root }
        if ended || isMarker(Byte.dash) {
            throw unsupported("several documents in one file", advice: "keep one document, without a second '---'")
        }
        throw syntax("unexpected text here; check this line's indentation")
    }

    // MARK: block structure

    /// The value after `key:`, `- ` or at the root: on the same line, on the lines below when indented deeper
    /// than `parentIndent` (a list may also sit at the key's own indentation), or else empty.
    private mutating func readValue(parentIndent: Int, ownerLine: Int, afterKey: Bool) throws(YAMLProblem) -> YAMLNode {
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
    private mutating func readBlockNode(parentIndent: Int, compactAllowed: Bool) throws(YAMLProblem) -> YAMLNode {
        let indent = column
        switch current {
        case Byte.dash where isBlankOrBreak(byte(position + 1)):
            guard compactAllowed else {
                throw syntax("a list cannot start on this line; put its items ('- ...') on the lines below")
            }
            return try readBlockSequence()
        case Byte.openBracket, Byte.openBrace:
            let node = current == Byte.openBracket
                ? try readFlowSequence(blockIndent: parentIndent) : try readFlowMapping(blockIndent: parentIndent)
            skipBlanks()
            if current == Byte.colon && isBlankOrBreak(byte(position + 1)) { throw complexKeys() }
            try expectLineEnd(after: "the closing bracket")
            return node
        case Byte.pipe, Byte.greater:
            return try readBlockScalar(parentIndent: parentIndent)
        default:
            break
        }
        let start = try readScalarOrKey(minimumIndent: parentIndent + 1)
        if start.isKey {
            guard compactAllowed else {
                throw syntax("a 'key: value' pair cannot start on this line; put it on a line of its own")
            }
            return try readBlockMapping(indent: indent, firstKey: start.scalar, keyLine: start.line)
        }
        if start.scalar.style != .plain {
            try expectLineEnd(after: "the closing quote")
            return YAMLNode(.scalar(start.scalar), line: start.line)
        }
        return try readPlainContinuation(start.scalar.text, parentIndent: parentIndent, line: start.line)
    }

    /// A scalar in block context, and whether a `:` makes it the first key of a mapping. A key must fit
    /// on one line.
    private mutating func readScalarOrKey(minimumIndent: Int) throws(YAMLProblem) -> (scalar: YAMLScalar, line: Int, isKey: Bool) {
        try rejectUnsupportedStart()
        let startLine = line
        let scalar: YAMLScalar
        if current == Byte.doubleQuote || current == Byte.singleQuote {
            scalar = try readQuoted(minimumIndent: minimumIndent)
        } else {
            scalar = YAMLScalar(text(readPlainLine(inFlow: false)), style: .plain)
        }
        skipBlanks()
        guard current == Byte.colon && isBlankOrBreak(byte(position + 1)) else {
            return (scalar, startLine, false)
        }
        guard line == startLine else { throw syntax("a key must fit on one line") }
        if scalar.style == .plain && scalar.text.isEmpty { throw syntax("a key is missing before ':'") }
        return (scalar, startLine, true)
    }

    private mutating func readBlockMapping(indent: Int, firstKey: YAMLScalar, keyLine firstKeyLine: Int) throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        var pairs: [YAMLPair] = []
        var firstLines: [String: Int] = [:]
        var key = firstKey
        var keyLine = firstKeyLine
        while true {
            if let firstLine = firstLines[key.text] {
                throw YAMLProblem(line: keyLine, field: key.text,
                                  message: "the key '\(key.text)' appears more than once (first on line \(firstLine))")
            }
            firstLines[key.text] = keyLine
            position += 1 // the ':'
            let value = try readValue(parentIndent: indent, ownerLine: keyLine, afterKey: true)
            pairs.append(YAMLPair(key: key, keyLine: keyLine, value: value))
            try skipToContent()
            guard !atEnd, !atDocumentMarker, column >= indent else { break }
            guard column == indent else { throw syntax("this line is indented more than the keys above it") }
            if atSequenceItem { throw syntax("expected 'key: value' here, found a list item; check the indentation") }
            if current == Byte.openBracket || current == Byte.openBrace {
                throw syntax("expected 'key: value' here; check the indentation")
            }
            let next = try readScalarOrKey(minimumIndent: indent + 1)
            guard next.isKey else {
                throw YAMLProblem(line: next.line, field: "",
                                  message: "not valid YAML: expected 'key: value', found no ':' after '\(next.scalar.text)'")
            }
            key = next.scalar
            keyLine = next.line
        }
        return YAMLNode(.mapping(pairs), line: firstKeyLine)
    }

    /// Items `- value` at the current column.
    private mutating func readBlockSequence() throws(YAMLProblem) -> YAMLNode {
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
            guard column == indent else { throw syntax("this line is indented more than the list items above it") }
            // Something else at this column ends the list: the next key of a mapping whose value it was.
            guard atSequenceItem else { break }
        }
        return YAMLNode(.sequence(items), line: firstLine)
    }

    // MARK: scalars

    /// A plain scalar whose first line is read; the lines below that are indented deeper continue it,
    /// joined by a space (by line breaks where blank lines separate them), as YAML folds plain text.
    private mutating func readPlainContinuation(_ first: String, parentIndent: Int, line startLine: Int) throws(YAMLProblem) -> YAMLNode {
        var text: [UInt8]? = nil
        while true {
            skipBlanks()
            guard current == Byte.newline else { break } // a comment ends a plain value
            let saved = (position, line, lineStart)
            var breaks = 0
            newLine()
            try checkIndentation()
            skipBlanks()
            while current == Byte.newline {
                breaks += 1
                newLine()
                try checkIndentation()
                skipBlanks()
            }
            if atEnd || atDocumentMarker || column <= parentIndent || atComment {
                (position, line, lineStart) = saved
                break
            }
            let range = readPlainLine(inFlow: false)
            if current == Byte.colon {
                throw syntax("a 'key:' cannot continue the value of line \(startLine); check the indentation")
            }
            if text == nil { text = Array(first.utf8) }
            if breaks == 0 {
                text!.append(Byte.space)
            } else {
                text!.append(contentsOf: repeatElement(Byte.newline, count: breaks))
            }
            text!.append(contentsOf: bytes[range])
        }
        let value = text.map { String(decoding: $0, as: UTF8.self) } ?? first
        return YAMLNode(.scalar(YAMLScalar(value, style: .plain)), line: startLine)
    }

    /// One line of a plain scalar, up to `: `, ` #` or the line's end (in flow context also `,[]{}`);
    /// trailing blanks are not part of it.
    private mutating func readPlainLine(inFlow: Bool) -> Range<Int> {
        let start = position
        var end = position
        while true {
            let byte = current
            if byte == Byte.newline || byte == Byte.end { break }
            if byte == Byte.colon {
                let next = self.byte(position + 1)
                if isBlankOrBreak(next) || (inFlow && isFlowIndicator(next)) { break }
            }
            if inFlow && isFlowIndicator(byte) { break }
            if isBlank(byte) {
                if self.byte(position + 1) == Byte.hash { break }
                position += 1
                continue
            }
            position += 1
            end = position
        }
        return start..<end
    }

    /// `'...'` (where `''` is a quote) or `"..."` with escapes. A line break inside folds to a space, blank
    /// lines to line breaks; lines after the first must be indented at least `minimumIndent`.
    private mutating func readQuoted(minimumIndent: Int) throws(YAMLProblem) -> YAMLScalar {
        let quote = current
        let startLine = line
        position += 1
        var text: [UInt8] = []
        var blanksStart: Int? // blanks are kept only when something follows them on the same line
        while true {
            let byte = current
            if byte == Byte.end {
                throw YAMLProblem(line: startLine, field: "",
                                  message: "not valid YAML: the quoted value that starts on this line is not closed")
            }
            if byte == Byte.space || byte == Byte.tab {
                if blanksStart == nil { blanksStart = position }
                position += 1
                continue
            }
            if byte == Byte.newline {
                blanksStart = nil
                let breaks = try skipQuotedLineBreaks(startLine: startLine, minimumIndent: minimumIndent)
                if breaks == 0 { text.append(Byte.space) } else { text.append(contentsOf: repeatElement(Byte.newline, count: breaks)) }
                continue
            }
            if let start = blanksStart {
                text.append(contentsOf: bytes[start..<position])
                blanksStart = nil
            }
            if byte == quote {
                if quote == Byte.singleQuote && self.byte(position + 1) == Byte.singleQuote {
                    text.append(Byte.singleQuote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if quote == Byte.doubleQuote && byte == Byte.backslash {
                if self.byte(position + 1) == Byte.newline {
                    // An escaped line break joins the lines without a space.
                    position += 1
                    let breaks = try skipQuotedLineBreaks(startLine: startLine, minimumIndent: minimumIndent)
                    text.append(contentsOf: repeatElement(Byte.newline, count: breaks))
                    continue
                }
                try readEscape(into: &text)
                continue
            }
            text.append(byte)
            position += 1
        }
        return YAMLScalar(String(decoding: text, as: UTF8.self), style: quote == Byte.doubleQuote ? .doubleQuoted : .singleQuoted)
    }

    /// At a line break inside quotes: moves to the next line's text and returns how many line breaks were
    /// crossed beyond the first (the blank lines).
    private mutating func skipQuotedLineBreaks(startLine: Int, minimumIndent: Int) throws(YAMLProblem) -> Int {
        var breaks = -1
        while current == Byte.newline {
            breaks += 1
            newLine()
            if atDocumentMarker { break }
            skipBlanks()
        }
        if atEnd || atDocumentMarker || column < minimumIndent {
            throw YAMLProblem(line: startLine, field: "",
                              message: "not valid YAML: the quoted value that starts on this line is not closed before line \(line)")
        }
        return breaks
    }

    private mutating func readEscape(into text: inout [UInt8]) throws(YAMLProblem) {
        let code = byte(position + 1)
        position += 2
        let simple: UInt8?
        switch code {
        case UInt8(ascii: "0"): simple = 0x00
        case UInt8(ascii: "a"): simple = 0x07
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"), Byte.tab: simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "v"): simple = 0x0B
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "e"): simple = 0x1B
        case Byte.space, Byte.doubleQuote, UInt8(ascii: "/"), Byte.backslash: simple = code
        default: simple = nil
        }
        if let simple {
            text.append(simple)
            return
        }
        var value: UInt32
        switch code {
        case UInt8(ascii: "N"): value = 0x85
        case UInt8(ascii: "_"): value = 0xA0
        case UInt8(ascii: "L"): value = 0x2028
        case UInt8(ascii: "P"): value = 0x2029
        case UInt8(ascii: "x"): value = try readHex(digits: 2)
        case UInt8(ascii: "u"): value = try readHex(digits: 4)
        case UInt8(ascii: "U"): value = try readHex(digits: 8)
        default:
            let shown = code == Byte.end || code == Byte.newline ? "" : String(decoding: [code], as: UTF8.self)
            throw syntax("unknown escape '\\\(shown)' in a double-quoted value; write '\\\\' for a backslash")
        }
        // JSON writes characters beyond U+FFFF as a pair of \u escapes.
        if (0xD800...0xDBFF).contains(value) && byte(position) == Byte.backslash && byte(position + 1) == UInt8(ascii: "u") {
            let saved = position
            position += 2
            let low = try readHex(digits: 4)
            if (0xDC00...0xDFFF).contains(low) {
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else {
                position = saved
            }
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw syntax("the escape for U+\(String(value, radix: 16, uppercase: true)) is not a valid character")
        }
        UTF8.encode(scalar) { text.append($0) }
    }

    private mutating func readHex(digits: Int) throws(YAMLProblem) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            let byte = current
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("an escape needs \(digits) hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private enum Chomping { case clip, strip, keep }

    /// `|` keeps line breaks, `>` folds lines into spaces; `-` drops the final line break, `+` keeps
    /// trailing blank lines; a digit gives the indentation. Folding follows YAML (and libyaml): lines
    /// that start with a blank, and blank lines, keep their line breaks.
    private mutating func readBlockScalar(parentIndent: Int) throws(YAMLProblem) -> YAMLNode {
        let headerLine = line
        let folded = current == Byte.greater
        position += 1
        var chomping = Chomping.clip
        var increment: Int?
        for _ in 0..<2 {
            let byte = current
            if chomping == .clip && (byte == Byte.dash || byte == Byte.plus) {
                chomping = byte == Byte.dash ? .strip : .keep
                position += 1
            } else if increment == nil && byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
                increment = Int(byte - UInt8(ascii: "0"))
                position += 1
            }
        }
        if current == UInt8(ascii: "0") { throw syntax("the indentation of a block value must be 1 to 9, not 0") }
        try expectLineEnd(after: folded ? "'>'" : "'|'")

        var end = (position, line, lineStart) // where the caller resumes: the end of the last line read
        var text: [UInt8] = []
        var lineBreak = false
        var breaks = 0
        var indent = max(parentIndent + 1, 1)
        if current == Byte.newline {
            newLine()
            if let increment {
                indent = max(parentIndent, 0) + increment
                breaks = skipBlockScalarBreaks(indent: indent)
            } else {
                var deepest = 0
                while current == Byte.space || current == Byte.newline {
                    if current == Byte.newline {
                        breaks += 1
                        newLine()
                    } else {
                        position += 1
                        deepest = max(deepest, column)
                    }
                }
                indent = max(indent, deepest)
            }
            while column == indent && !atEnd {
                text.append(contentsOf: repeatElement(Byte.newline, count: breaks))
                let startsWithBlank = isBlank(current)
                let start = position
                while current != Byte.newline && current != Byte.end { position += 1 }
                text.append(contentsOf: bytes[start..<position])
                end = (position, line, lineStart)
                lineBreak = current == Byte.newline
                if lineBreak { newLine() }
                breaks = skipBlockScalarBreaks(indent: indent)
                guard column == indent && !atEnd else { break }
                if folded && !startsWithBlank && !isBlank(current) {
                    if breaks == 0 { text.append(Byte.space) }
                } else {
                    text.append(Byte.newline)
                }
            }
        }
        switch chomping {
        case .strip: break
        case .clip: if lineBreak { text.append(Byte.newline) }
        case .keep:
            if lineBreak { text.append(Byte.newline) }
            text.append(contentsOf: repeatElement(Byte.newline, count: breaks))
        }
        (position, line, lineStart) = end
        return YAMLNode(.scalar(YAMLScalar(String(decoding: text, as: UTF8.self), style: folded ? .folded : .literal)),
                        line: headerLine)
    }

    /// Blank lines inside a block scalar; returns how many.
    private mutating func skipBlockScalarBreaks(indent: Int) -> Int {
        var breaks = 0
        while column < indent && current == Byte.space { position += 1 }
        while current == Byte.newline {
            breaks += 1
            newLine()
            while column < indent && current == Byte.space { position += 1 }
        }
        return breaks
    }

    // MARK: flow collections

    private mutating func readFlowSequence(blockIndent: Int) throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        let openLine = line
        position += 1
        var items: [YAMLNode] = []
        while true {
            try skipFlowSpace(blockIndent: blockIndent, opener: "[", openLine: openLine)
            if current == Byte.closeBracket { position += 1; break }
            items.append(try readFlowNode(blockIndent: blockIndent))
            try skipFlowSpace(blockIndent: blockIndent, opener: "[", openLine: openLine)
            if current == Byte.colon {
                throw syntax("found 'key:' inside the list opened with '[' on line \(openLine); is a ']' missing? (write { key: value } for a mapping)")
            }
            if current == Byte.comma { position += 1; continue }
            if current == Byte.closeBracket { position += 1; break }
            throw syntax("expected ',' or ']' in the list opened with '[' on line \(openLine)")
        }
        return YAMLNode(.sequence(items), line: openLine)
    }

    private mutating func readFlowMapping(blockIndent: Int) throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        let openLine = line
        position += 1
        var pairs: [YAMLPair] = []
        var firstLines: [String: Int] = [:]
        while true {
            try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
            if current == Byte.closeBrace { position += 1; break }
            if current == Byte.openBracket || current == Byte.openBrace { throw complexKeys() }
            let keyLine = line
            guard case let .scalar(key) = try readFlowNode(blockIndent: blockIndent).content else { throw complexKeys() }
            try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
            var value = YAMLNode(.scalar(YAMLScalar("", style: .plain)), line: keyLine)
            if current == Byte.colon {
                position += 1
                try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
                if current != Byte.comma && current != Byte.closeBrace {
                    value = try readFlowNode(blockIndent: blockIndent)
                }
            }
            if let firstLine = firstLines[key.text] {
                throw YAMLProblem(line: keyLine, field: key.text,
                                  message: "the key '\(key.text)' appears more than once (first on line \(firstLine))")
            }
            firstLines[key.text] = keyLine
            pairs.append(YAMLPair(key: key, keyLine: keyLine, value: value))
            try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
            if current == Byte.comma { position += 1; continue }
            if current == Byte.closeBrace { position += 1; break }
            throw syntax("expected ',' or '}' in the mapping opened with '{' on line \(openLine)")
        }
        return YAMLNode(.mapping(pairs), line: openLine)
    }

    private mutating func readFlowNode(blockIndent: Int) throws(YAMLProblem) -> YAMLNode {
        let startLine = line
        switch current {
        case Byte.openBracket: return try readFlowSequence(blockIndent: blockIndent)
        case Byte.openBrace: return try readFlowMapping(blockIndent: blockIndent)
        case Byte.doubleQuote, Byte.singleQuote:
            return YAMLNode(.scalar(try readQuoted(minimumIndent: blockIndent + 1)), line: startLine)
        case Byte.comma, Byte.closeBracket, Byte.closeBrace:
            throw syntax("expected a value before '\(String(decoding: [current], as: UTF8.self))'")
        case Byte.pipe, Byte.greater:
            throw syntax("block values ('|', '>') cannot be used inside [ ] or { }")
        case Byte.dash where isBlankOrBreak(byte(position + 1)):
            throw syntax("'- ' list items cannot be used inside [ ] or { }")
        default:
            try rejectUnsupportedStart()
        }
        var text = Array(bytes[readPlainLine(inFlow: true)])
        // Plain text may go on over several lines, folded like block plain text.
        while current == Byte.newline || isBlank(current) {
            let saved = (position, line, lineStart)
            skipBlanks()
            guard current == Byte.newline else { (position, line, lineStart) = saved; break }
            var breaks = -1
            while current == Byte.newline {
                breaks += 1
                newLine()
                try checkIndentation()
                skipBlanks()
            }
            let next = current
            if atEnd || atDocumentMarker || column <= blockIndent || atComment || isFlowIndicator(next)
                || (next == Byte.colon && (isBlankOrBreak(byte(position + 1)) || isFlowIndicator(byte(position + 1)))) {
                (position, line, lineStart) = saved
                break
            }
            if breaks == 0 { text.append(Byte.space) } else { text.append(contentsOf: repeatElement(Byte.newline, count: breaks)) }
            text.append(contentsOf: bytes[readPlainLine(inFlow: true)])
        }
        return YAMLNode(.scalar(YAMLScalar(String(decoding: text, as: UTF8.self), style: .plain)), line: startLine)
    }

    /// Blanks, comments and line breaks between the parts of a flow collection. Its values must stay indented
    /// deeper than the block around it: a line that is not (and does not start with `]`, `}` or `,`) is
    /// taken as a missing closing bracket.
    private mutating func skipFlowSpace(blockIndent: Int, opener: String, openLine: Int) throws(YAMLProblem) {
        let kind = opener == "[" ? "list" : "mapping"
        while true {
            skipBlanks()
            if atComment { skipComment() }
            guard current == Byte.newline else { break }
            newLine()
            try checkIndentation()
            skipBlanks()
            let closing = current == Byte.closeBracket || current == Byte.closeBrace || current == Byte.comma
            if atDocumentMarker || (column <= blockIndent && !atLineEnd && !closing) {
                throw YAMLProblem(line: openLine, field: "",
                                  message: "not valid YAML: the \(kind) opened with '\(opener)' on this line is not closed before line \(line)")
            }
        }
        if atEnd {
            throw YAMLProblem(line: openLine, field: "",
                              message: "not valid YAML: the \(kind) opened with '\(opener)' on this line is not closed")
        }
    }

    // MARK: refusals

    private func rejectUnsupportedStart() throws(YAMLProblem) {
        let next = byte(position + 1)
        switch current {
        case UInt8(ascii: "&"):
            throw unsupported("YAML anchors (&name)", advice: "write the value out in full")
        case UInt8(ascii: "*"):
            throw unsupported("YAML aliases (*name)", advice: "write the value out in full")
        case UInt8(ascii: "!"):
            throw unsupported("YAML tags (!name)", advice: "put a value that starts with '!' in quotes")
        case UInt8(ascii: "?") where isBlankOrBreak(next):
            throw complexKeys()
        case Byte.percent, UInt8(ascii: "@"), UInt8(ascii: "`"), Byte.hash:
            throw syntax("a value cannot start with '\(String(decoding: [current], as: UTF8.self))'; put it in quotes")
        case Byte.comma, Byte.closeBracket, Byte.closeBrace:
            throw syntax("unexpected '\(String(decoding: [current], as: UTF8.self))'; put a value that starts with it in quotes")
        default:
            break
        }
    }

    private func complexKeys() -> YAMLProblem {
        unsupported("complex keys ('?', or a list or mapping used as a key)", advice: "use a plain word as the key")
    }

    private func unsupported(_ what: String, advice: String) -> YAMLProblem {
        YAMLProblem(line: line, field: "", message: "\(what) are not supported here; \(advice)")
    }

    private func syntax(_ message: String) -> YAMLProblem {
        YAMLProblem(line: line, field: "", message: "not valid YAML: \(message)")
    }

    private mutating func enterNesting() throws(YAMLProblem) {
        depth += 1
        if depth > Self.maximumDepth {
            throw syntax("lists and mappings are nested more than \(Self.maximumDepth) levels deep")
        }
    }

    // MARK: reading position

    private var current: UInt8 { byte(position) }
    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    private var column: Int { position - lineStart }
    private var atEnd: Bool { position >= bytes.count }

    /// The byte at `index`, or `Byte.end` past the text (the text never holds a NUL).
    private func byte(_ index: Int) -> UInt8 { index >= 0 && index < bytes.count ? bytes[index] : Byte.end }

    private func isBlank(_ byte: UInt8) -> Bool { byte == Byte.space || byte == Byte.tab }
    private func isBlankOrBreak(_ byte: UInt8) -> Bool { isBlank(byte) || byte == Byte.newline || byte == Byte.end }
    private func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == Byte.comma || byte == Byte.openBracket || byte == Byte.closeBracket
            || byte == Byte.openBrace || byte == Byte.closeBrace
    }

    /// `#` starts a comment at the start of a line or after a blank, never inside a word.
    private var atComment: Bool {
        current == Byte.hash && (position == lineStart || isBlank(byte(position - 1)))
    }

    /// At a line break, the end of the text, or a comment (after skipping blanks).
    private var atLineEnd: Bool { current == Byte.newline || atEnd || atComment }

    private var atSequenceItem: Bool { current == Byte.dash && isBlankOrBreak(byte(position + 1)) }

    /// `---` or `...` alone at the start of a line.
    private var atDocumentMarker: Bool { isMarker(Byte.dash) || isMarker(Byte.dot) }

    private func isMarker(_ byte: UInt8) -> Bool {
        column == 0 && current == byte && self.byte(position + 1) == byte && self.byte(position + 2) == byte
            && isBlankOrBreak(self.byte(position + 3))
    }

    private mutating func skipBlanks() {
        while position < bytes.count && isBlank(bytes[position]) { position += 1 }
    }

    private mutating func skipComment() {
        while position < bytes.count && bytes[position] != Byte.newline { position += 1 }
    }

    private mutating func newLine() {
        position += 1
        line += 1
        lineStart = position
    }

    /// Skips blanks, comments and blank lines up to the next text (or the end).
    private mutating func skipToContent() throws(YAMLProblem) {
        while true {
            skipBlanks()
            if atComment { skipComment() }
            guard current == Byte.newline else { return }
            newLine()
            try checkIndentation()
        }
    }

    private mutating func expectLineEnd(after what: String) throws(YAMLProblem) {
        skipBlanks()
        if atComment { skipComment() }
        guard current == Byte.newline || atEnd else { throw syntax("unexpected text after \(what)") }
    }

    /// At the start of a line: YAML indents with spaces only; a tab there is an error unless the line is blank.
    private func checkIndentation() throws(YAMLProblem) {
        var index = position
        while byte(index) == Byte.space { index += 1 }
        guard byte(index) == Byte.tab else { return }
        while isBlank(byte(index)) { index += 1 }
        let next = byte(index)
        if next == Byte.newline || next == Byte.end || next == Byte.hash { return }
        throw YAMLProblem(line: line, field: "", message: "not valid YAML: a tab is used for indentation; indent with spaces")
    }
}

/// The bytes the reader looks for.
private enum Byte {
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
