/// One catalog entry found in a log: its first occurrence.
public struct Match: Equatable, Sendable, Codable {
    public var id: String
    public var severity: ErrorSeverity
    public var title: String
    /// 1-based line number (lines end at `\n`; `\r` progress updates stay on their line).
    public var lineNumber: Int
    /// The matching line, cleaned for display (no escapes or control bytes, shortened).
    public var text: String
    /// For a line that matters only on a machine with an NVIDIA GPU: whether this one has one, and what
    /// says so. Its severity follows: fatal with a GPU, info without one or when nothing says.
    public var gpu: GPUContext?

    public init(id: String, severity: ErrorSeverity, title: String, lineNumber: Int, text: String, gpu: GPUContext? = nil) {
        self.id = id; self.severity = severity; self.title = title; self.lineNumber = lineNumber; self.text = text
        self.gpu = gpu
    }

    /// A GPU-dependent line on a machine not known to have a GPU or not: the cause if it has one.
    public var isCauseIfGPU: Bool { gpu?.presence == .unknown }
}

/// What a log says: matches ranked most likely cause first (fatal above info), the cause if there is one,
/// and, when nothing known explains a failure, the last lines that looked like errors.
public struct Diagnosis: Equatable, Sendable {
    public var matches: [Match]
    public var fatalCause: Match?
    public var lastErrorLines: [String]
    public var linesRead: Int
    /// Whether the machine that wrote the log has an NVIDIA GPU, as far as the log or the probe says.
    public var gpu: GPUContext

    public init(matches: [Match], fatalCause: Match?, lastErrorLines: [String], linesRead: Int, gpu: GPUContext = .unknown) {
        self.matches = matches; self.fatalCause = fatalCause; self.lastErrorLines = lastErrorLines
        self.linesRead = linesRead; self.gpu = gpu
    }

    /// Only harmless messages (or nothing at all) were found.
    public var isClean: Bool { fatalCause == nil && lastErrorLines.isEmpty && !matches.contains(where: \.isCauseIfGPU) }
}
