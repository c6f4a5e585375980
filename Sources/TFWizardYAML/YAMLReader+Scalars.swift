/// Scalars: plain text folded over lines, single- and double-quoted text with its escapes, and block
/// scalars (`|`, `>`).
extension YAMLReader {

    /// A plain scalar whose first line is read; the lines below that are indented deeper continue it,
    /// joined by a space (by line breaks where blank lines separate them), as YAML folds plain text.
    mutating func readPlainContinuation(_ first: String, parentIndent: Int, line startLine: Int) throws(YAMLProblem) -> YAMLNode {
        var text: [UInt8]? = nil
        while true {
            skipBlanks()
            guard current == YAMLByte.newline else { break } // a comment ends a plain value
            let saved = (position, line, lineStart)
            var breaks = 0
            newLine()
            try checkIndentation()
            skipBlanks()
            while current == YAMLByte.newline {
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
            if current == YAMLByte.colon {
                throw syntax("yaml.key-continues-value", ["line": String(startLine)])
            }
            if text == nil { text = Array(first.utf8) }
            if breaks == 0 {
                text!.append(YAMLByte.space)
            } else {
                text!.append(contentsOf: repeatElement(YAMLByte.newline, count: breaks))
            }
            text!.append(contentsOf: bytes[range])
        }
        let value = text.map { String(decoding: $0, as: UTF8.self) } ?? first
        return YAMLNode(.scalar(YAMLScalar(value, style: .plain)), line: startLine)
    }

    /// One line of a plain scalar, up to `: `, ` #` or the line's end (in flow context also `,[]{}`);
    /// trailing blanks are not part of it.
    mutating func readPlainLine(inFlow: Bool) -> Range<Int> {
        let start = position
        var end = position
        while true {
            let byte = current
            if byte == YAMLByte.newline || byte == YAMLByte.end { break }
            if byte == YAMLByte.colon {
                let next = self.byte(position + 1)
                if isBlankOrBreak(next) || (inFlow && isFlowIndicator(next)) { break }
            }
            if inFlow && isFlowIndicator(byte) { break }
            if isBlank(byte) {
                if self.byte(position + 1) == YAMLByte.hash { break }
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
    mutating func readQuoted(minimumIndent: Int) throws(YAMLProblem) -> YAMLScalar {
        let quote = current
        let startLine = line
        position += 1
        var text: [UInt8] = []
        var blanksStart: Int? // blanks are kept only when something follows them on the same line
        while true {
            let byte = current
            if byte == YAMLByte.end {
                throw YAMLProblem(line: startLine, field: "", key: "yaml.unclosed-quote")
            }
            if byte == YAMLByte.space || byte == YAMLByte.tab {
                if blanksStart == nil { blanksStart = position }
                position += 1
                continue
            }
            if byte == YAMLByte.newline {
                blanksStart = nil
                let breaks = try skipQuotedLineBreaks(startLine: startLine, minimumIndent: minimumIndent)
                if breaks == 0 { text.append(YAMLByte.space) } else { text.append(contentsOf: repeatElement(YAMLByte.newline, count: breaks)) }
                continue
            }
            if let start = blanksStart {
                text.append(contentsOf: bytes[start..<position])
                blanksStart = nil
            }
            if byte == quote {
                if quote == YAMLByte.singleQuote && self.byte(position + 1) == YAMLByte.singleQuote {
                    text.append(YAMLByte.singleQuote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if quote == YAMLByte.doubleQuote && byte == YAMLByte.backslash {
                if self.byte(position + 1) == YAMLByte.newline {
                    // An escaped line break joins the lines without a space.
                    position += 1
                    let breaks = try skipQuotedLineBreaks(startLine: startLine, minimumIndent: minimumIndent)
                    text.append(contentsOf: repeatElement(YAMLByte.newline, count: breaks))
                    continue
                }
                try readEscape(into: &text)
                continue
            }
            text.append(byte)
            position += 1
        }
        return YAMLScalar(String(decoding: text, as: UTF8.self), style: quote == YAMLByte.doubleQuote ? .doubleQuoted : .singleQuoted)
    }

    /// At a line break inside quotes: moves to the next line's text and returns how many line breaks were
    /// crossed beyond the first (the blank lines).
    mutating func skipQuotedLineBreaks(startLine: Int, minimumIndent: Int) throws(YAMLProblem) -> Int {
        var breaks = -1
        while current == YAMLByte.newline {
            breaks += 1
            newLine()
            if atDocumentMarker { break }
            skipBlanks()
        }
        if atEnd || atDocumentMarker || column < minimumIndent {
            throw YAMLProblem(line: startLine, field: "", key: "yaml.unclosed-quote-before", ["line": String(line)])
        }
        return breaks
    }

    mutating func readEscape(into text: inout [UInt8]) throws(YAMLProblem) {
        let code = byte(position + 1)
        position += 2
        let simple: UInt8?
        switch code {
        case UInt8(ascii: "0"): simple = 0x00
        case UInt8(ascii: "a"): simple = 0x07
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"), YAMLByte.tab: simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "v"): simple = 0x0B
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "e"): simple = 0x1B
        case YAMLByte.space, YAMLByte.doubleQuote, UInt8(ascii: "/"), YAMLByte.backslash: simple = code
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
            let shown = code == YAMLByte.end || code == YAMLByte.newline ? "" : String(decoding: [code], as: UTF8.self)
            throw syntax("yaml.unknown-escape", ["escape": "\\" + shown])
        }
        // JSON writes characters beyond U+FFFF as a pair of \u escapes.
        if (0xD800...0xDBFF).contains(value) && byte(position) == YAMLByte.backslash && byte(position + 1) == UInt8(ascii: "u") {
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
            throw syntax("yaml.escape-invalid", ["code": String(value, radix: 16, uppercase: true)])
        }
        UTF8.encode(scalar) { text.append($0) }
    }

    mutating func readHex(digits: Int) throws(YAMLProblem) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            let byte = current
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("yaml.escape-digits", ["digits": String(digits)])
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
    mutating func readBlockScalar(parentIndent: Int) throws(YAMLProblem) -> YAMLNode {
        let headerLine = line
        let folded = current == YAMLByte.greater
        position += 1
        var chomping = Chomping.clip
        var increment: Int?
        for _ in 0..<2 {
            let byte = current
            if chomping == .clip && (byte == YAMLByte.dash || byte == YAMLByte.plus) {
                chomping = byte == YAMLByte.dash ? .strip : .keep
                position += 1
            } else if increment == nil && byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
                increment = Int(byte - UInt8(ascii: "0"))
                position += 1
            }
        }
        if current == UInt8(ascii: "0") { throw syntax("yaml.block-indent") }
        try expectLineEnd(after: folded ? "'>'" : "'|'")

        var end = (position, line, lineStart) // where the caller resumes: the end of the last line read
        var text: [UInt8] = []
        var lineBreak = false
        var breaks = 0
        var indent = max(parentIndent + 1, 1)
        if current == YAMLByte.newline {
            newLine()
            if let increment {
                indent = max(parentIndent, 0) + increment
                breaks = skipBlockScalarBreaks(indent: indent)
            } else {
                var deepest = 0
                while current == YAMLByte.space || current == YAMLByte.newline {
                    if current == YAMLByte.newline {
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
                text.append(contentsOf: repeatElement(YAMLByte.newline, count: breaks))
                let startsWithBlank = isBlank(current)
                let start = position
                while current != YAMLByte.newline && current != YAMLByte.end { position += 1 }
                text.append(contentsOf: bytes[start..<position])
                end = (position, line, lineStart)
                lineBreak = current == YAMLByte.newline
                if lineBreak { newLine() }
                breaks = skipBlockScalarBreaks(indent: indent)
                guard column == indent && !atEnd else { break }
                if folded && !startsWithBlank && !isBlank(current) {
                    if breaks == 0 { text.append(YAMLByte.space) }
                } else {
                    text.append(YAMLByte.newline)
                }
            }
        }
        switch chomping {
        case .strip: break
        case .clip: if lineBreak { text.append(YAMLByte.newline) }
        case .keep:
            if lineBreak { text.append(YAMLByte.newline) }
            text.append(contentsOf: repeatElement(YAMLByte.newline, count: breaks))
        }
        (position, line, lineStart) = end
        return YAMLNode(.scalar(YAMLScalar(String(decoding: text, as: UTF8.self), style: folded ? .folded : .literal)),
                        line: headerLine)
    }

    /// Blank lines inside a block scalar; returns how many.
    mutating func skipBlockScalarBreaks(indent: Int) -> Int {
        var breaks = 0
        while column < indent && current == YAMLByte.space { position += 1 }
        while current == YAMLByte.newline {
            breaks += 1
            newLine()
            while column < indent && current == YAMLByte.space { position += 1 }
        }
        return breaks
    }
}
