/// Flow collections: `[a, b]` and `{k: v}`, which may span lines inside block structure.
extension YAMLReader {

    mutating func readFlowSequence(blockIndent: Int) throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        let openLine = line
        position += 1
        var items: [YAMLNode] = []
        while true {
            try skipFlowSpace(blockIndent: blockIndent, opener: "[", openLine: openLine)
            if current == YAMLByte.closeBracket { position += 1; break }
            items.append(try readFlowNode(blockIndent: blockIndent))
            try skipFlowSpace(blockIndent: blockIndent, opener: "[", openLine: openLine)
            if current == YAMLByte.colon {
                throw syntax("yaml.key-in-list", ["line": String(openLine)])
            }
            if current == YAMLByte.comma { position += 1; continue }
            if current == YAMLByte.closeBracket { position += 1; break }
            throw syntax("yaml.list-separator", ["line": String(openLine)])
        }
        return YAMLNode(.sequence(items), line: openLine)
    }

    mutating func readFlowMapping(blockIndent: Int) throws(YAMLProblem) -> YAMLNode {
        try enterNesting()
        defer { depth -= 1 }
        let openLine = line
        position += 1
        var pairs: [YAMLPair] = []
        var firstLines: [String: Int] = [:]
        while true {
            try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
            if current == YAMLByte.closeBrace { position += 1; break }
            if current == YAMLByte.openBracket || current == YAMLByte.openBrace { throw complexKeys() }
            let keyLine = line
            guard case let .scalar(key) = try readFlowNode(blockIndent: blockIndent).content else { throw complexKeys() }
            try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
            var value = YAMLNode(.scalar(YAMLScalar("", style: .plain)), line: keyLine)
            if current == YAMLByte.colon {
                position += 1
                try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
                if current != YAMLByte.comma && current != YAMLByte.closeBrace {
                    value = try readFlowNode(blockIndent: blockIndent)
                }
            }
            if let firstLine = firstLines[key.text] {
                throw YAMLProblem(line: keyLine, field: key.text, key: "yaml.duplicate-key",
                                  ["key": key.text, "line": String(firstLine)])
            }
            firstLines[key.text] = keyLine
            pairs.append(YAMLPair(key: key, keyLine: keyLine, value: value))
            try skipFlowSpace(blockIndent: blockIndent, opener: "{", openLine: openLine)
            if current == YAMLByte.comma { position += 1; continue }
            if current == YAMLByte.closeBrace { position += 1; break }
            throw syntax("yaml.mapping-separator", ["line": String(openLine)])
        }
        return YAMLNode(.mapping(pairs), line: openLine)
    }

    mutating func readFlowNode(blockIndent: Int) throws(YAMLProblem) -> YAMLNode {
        let startLine = line
        switch current {
        case YAMLByte.openBracket: return try readFlowSequence(blockIndent: blockIndent)
        case YAMLByte.openBrace: return try readFlowMapping(blockIndent: blockIndent)
        case YAMLByte.doubleQuote, YAMLByte.singleQuote:
            return YAMLNode(.scalar(try readQuoted(minimumIndent: blockIndent + 1)), line: startLine)
        case YAMLByte.comma, YAMLByte.closeBracket, YAMLByte.closeBrace:
            throw syntax("yaml.value-missing", ["character": String(decoding: [current], as: UTF8.self)])
        case YAMLByte.pipe, YAMLByte.greater:
            throw syntax("yaml.block-in-flow")
        case YAMLByte.dash where isBlankOrBreak(byte(position + 1)):
            throw syntax("yaml.item-in-flow")
        default:
            try rejectUnsupportedStart()
        }
        var text = Array(bytes[readPlainLine(inFlow: true)])
        // Plain text may go on over several lines, folded like block plain text.
        while current == YAMLByte.newline || isBlank(current) {
            let saved = (position, line, lineStart)
            skipBlanks()
            guard current == YAMLByte.newline else { (position, line, lineStart) = saved; break }
            var breaks = -1
            while current == YAMLByte.newline {
                breaks += 1
                newLine()
                try checkIndentation()
                skipBlanks()
            }
            let next = current
            if atEnd || atDocumentMarker || column <= blockIndent || atComment || isFlowIndicator(next)
                || (next == YAMLByte.colon && (isBlankOrBreak(byte(position + 1)) || isFlowIndicator(byte(position + 1)))) {
                (position, line, lineStart) = saved
                break
            }
            if breaks == 0 { text.append(YAMLByte.space) } else { text.append(contentsOf: repeatElement(YAMLByte.newline, count: breaks)) }
            text.append(contentsOf: bytes[readPlainLine(inFlow: true)])
        }
        return YAMLNode(.scalar(YAMLScalar(String(decoding: text, as: UTF8.self), style: .plain)), line: startLine)
    }

    /// Blanks, comments and line breaks between the parts of a flow collection. Its values must stay indented
    /// deeper than the block around it: a line that is not (and does not start with `]`, `}` or `,`) is
    /// taken as a missing closing bracket.
    mutating func skipFlowSpace(blockIndent: Int, opener: String, openLine: Int) throws(YAMLProblem) {
        let kind = opener == "[" ? "list" : "mapping"     // the keys yaml.unclosed-list and yaml.unclosed-mapping
        while true {
            skipBlanks()
            if atComment { skipComment() }
            guard current == YAMLByte.newline else { break }
            newLine()
            try checkIndentation()
            skipBlanks()
            let closing = current == YAMLByte.closeBracket || current == YAMLByte.closeBrace || current == YAMLByte.comma
            if atDocumentMarker || (column <= blockIndent && !atLineEnd && !closing) {
                throw YAMLProblem(line: openLine, field: "", key: "yaml.unclosed-\(kind)-before", ["line": String(line)])
            }
        }
        if atEnd {
            throw YAMLProblem(line: openLine, field: "", key: "yaml.unclosed-\(kind)")
        }
    }
}
