/// One catalog entry found in a log: its first occurrence.
public struct Match: Equatable, Sendable, Codable {
    public var id: String
    public var severity: ErrorSeverity
    public var title: String
    /// 1-based line number (lines end at `\n`; `\r` progress updates stay on their line).
    public var lineNumber: Int
    /// The matching line, cleaned for display (no escapes or control bytes, shortened).
    public var text: String

    public init(id: String, severity: ErrorSeverity, title: String, lineNumber: Int, text: String) {
        self.id = id; self.severity = severity; self.title = title; self.lineNumber = lineNumber; self.text = text
    }
}

/// What a log says: matches ranked most likely cause first (fatal above info), the cause if there is one,
/// and, when nothing known explains a failure, the last lines that looked like errors.
public struct Diagnosis: Equatable, Sendable {
    public var matches: [Match]
    public var fatalCause: Match?
    public var lastErrorLines: [String]
    public var linesRead: Int

    public init(matches: [Match], fatalCause: Match?, lastErrorLines: [String], linesRead: Int) {
        self.matches = matches; self.fatalCause = fatalCause; self.lastErrorLines = lastErrorLines
        self.linesRead = linesRead
    }

    /// Only harmless messages (or nothing at all) were found.
    public var isClean: Bool { fatalCause == nil && lastErrorLines.isEmpty }
}
