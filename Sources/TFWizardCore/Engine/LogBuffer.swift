/// Child output made safe to draw in the live log pane: escape sequences neutralised, `\r` progress
/// lines rewritten in place, invalid UTF-8 shown as U+FFFD (also when a character is split across
/// chunks), over-long lines wrapped, and at most `maxLines` lines kept (the transcript keeps everything).
/// Lines are plain text without control characters; the pane measures their display width itself.
public struct LogBuffer: Sendable {
    public let maxLines: Int
    private var sanitizer: TerminalTextSanitizer
    /// Completed lines; the live ones are `completed[firstLive...]` (trimmed in batches, so appends stay cheap).
    private var completed: [String] = []
    private var firstLive = 0
    /// Every line ever completed, including those no longer kept.
    public private(set) var totalCompletedLines = 0
    /// Credentials masked (as `****`) in every line kept or shown: a proxy password a child prints.
    public let secrets: [String]
    private let masker: SecretMasker

    public init(maxLines: Int = 5000, maxLineLength: Int = 4096, secrets: [String] = []) {
        self.maxLines = max(1, maxLines)
        self.secrets = secrets
        self.masker = SecretMasker(secrets: secrets)
        self.sanitizer = TerminalTextSanitizer(maxLineLength: maxLineLength)
    }

    public mutating func append(_ bytes: [UInt8]) {
        var sanitizer = self.sanitizer
        sanitizer.feed(bytes) { line in keep(line) }
        self.sanitizer = sanitizer
    }

    /// Marks the end of the stream (the step ended): a dangling partial character or line is completed.
    public mutating func finish() {
        var sanitizer = self.sanitizer
        sanitizer.finish { line in keep(line) }
        self.sanitizer = sanitizer
    }

    /// Lines held in memory, trimmed ones not yet dropped included (at most about twice `maxLines`).
    var storedLineCount: Int { completed.count }

    /// The kept lines, oldest first; the last one may still be growing (no newline yet).
    public var lines: [String] { lastLines(maxLines) }

    /// How many lines `lines` holds.
    public var lineCount: Int {
        min(maxLines, completed.count - firstLive + (sanitizer.hasPartialLine ? 1 : 0))
    }

    /// The newest `count` lines, oldest first: what a pane of `count` rows shows when following the end.
    public func lastLines(_ count: Int) -> [String] {
        guard count > 0 else { return [] }
        let partial = sanitizer.hasPartialLine ? [masked(sanitizer.partialLine)] : []
        let wantedCompleted = min(count - partial.count, completed.count - firstLive)
        guard wantedCompleted > 0 else { return partial }
        return Array(completed[(completed.count - wantedCompleted)...]) + partial
    }

    /// Lines `range` of `lines` (indices into `lines`), for a pane scrolled back.
    public func lines(in range: Range<Int>) -> [String] {
        let all = lines
        let clamped = range.clamped(to: 0..<all.count)
        return Array(all[clamped])
    }

    private func masked(_ line: String) -> String {
        guard !secrets.isEmpty else { return line }
        return masker.redact(line)
    }

    private mutating func keep(_ line: String) {
        completed.append(masked(line))
        totalCompletedLines += 1
        // Keep one slot for a partial line so `lines` never exceeds maxLines.
        let liveCount = completed.count - firstLive
        if liveCount > maxLines { firstLive += liveCount - maxLines }
        if firstLive >= max(maxLines, 1024) {
            completed.removeFirst(firstLive)
            firstLive = 0
        }
    }
}
