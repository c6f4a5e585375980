import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The on-disk record of one session. Everything is appended to a transcript file (0600, in a 0700
/// folder) as it happens, so a crash loses nothing: the probe report, the answers, the plan, and for
/// each step a header (command, start time), every byte of its output, and a footer (exit status,
/// duration). Everything written passes through `Redactor`.
///
/// Secrets split across output chunks: step output is redacted a line at a time (lines end at `\n`
/// or `\r`), so the transcript holds a partial line back until it ends, the step ends, or it grows
/// past `pendingLineLimit` bytes; a secret that straddles such a forced cut is not masked. The whole
/// lines of a chunk are masked and written as one block (`SecretMasker`), not a line at a time.
public final class SessionJournal: @unchecked Sendable {
    public let directory: String
    public let transcriptPath: String
    public let startedAt: Date
    /// The last file error (a full disk); writing goes on, the session does not fail because of its log.
    public private(set) var lastError: Error?
    static let pendingLineLimit = 16 * 1024

    private let lock = Lock()
    private let transcript: Int32
    private var secrets: [String] { didSet { masker = SecretMasker(secrets: secrets) } }
    private var masker: SecretMasker
    private var pendingOutput: [UInt8] = []
    private var outputEndsWithNewline = true
    private var stepSummaries: [String] = []
    private var exportPath: String?
    /// Whether anything reached the transcript since the last export (the next one would differ).
    private var recordedSinceExport = true

    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        SessionPaths.defaultLogDirectory(environment: environment)
    }

    /// - Parameters:
    ///   - directory: the log folder (`--log-dir`); nil: `$XDG_STATE_HOME/tfwizard` or `~/.local/state/tfwizard`.
    ///   - secrets: literal values to mask everywhere (a proxy password); more via `addSecrets`.
    public init(directory: String? = nil, secrets: [String] = [], now: Date = Date()) throws {
        let folder = directory ?? Self.defaultDirectory()
        try Self.makePrivateDirectory(folder)
        self.directory = folder
        self.startedAt = now
        self.secrets = secrets
        self.masker = SecretMasker(secrets: secrets)
        let stamp = Self.fileStamp(now)
        let (descriptor, path) = try Self.createExclusive(in: folder, base: "tfwizard-\(stamp)", suffix: ".transcript")
        self.transcript = descriptor
        self.transcriptPath = path
        writeLocked("tfwizard session transcript\nstarted: \(Self.isoTime(now))\n\n")
    }

    deinit { close(transcript) }

    public func addSecrets(_ more: [String]) {
        lock.lock(); defer { lock.unlock() }
        secrets.append(contentsOf: more.filter { !$0.isEmpty })
    }

    public func recordProbeReport(_ text: String) { recordSection("probe", text) }
    public func recordAnswers(_ text: String) { recordSection("answers", text) }
    public func recordPlan(_ text: String) { recordSection("plan", text) }
    public func recordNote(_ text: String) { recordSection("note", text) }

    public func stepStarted(index: Int, of count: Int, step: Step, at time: Date = Date()) {
        var header = "==> step \(index + 1)/\(count) \(step.id): \(step.title)\n"
        header += "    command: \(ShellQuoting.render(step.argv))\n"
        for (name, value) in step.environment.sorted(by: { $0.key < $1.key }) {
            header += "    environment: \(name)=\(Self.looksSecretName(name) ? Redactor.mask : value)\n"
        }
        header += "    started: \(Self.isoTime(time))\n"
        lock.lock(); defer { lock.unlock() }
        flushPendingLocked()
        writeLocked(header)
        outputEndsWithNewline = true
    }

    /// Appends output bytes as they arrive: the chunk's whole lines at once, redacted; the unended rest
    /// waits for its line break (see the type's note).
    public func stepOutput(index: Int, bytes: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        var rest = bytes[...]
        if let lastBreak = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            pendingOutput.append(contentsOf: bytes[...lastBreak])
            flushPendingLocked()
            rest = bytes[(lastBreak + 1)...]
        }
        pendingOutput.append(contentsOf: rest)
        if pendingOutput.count > Self.pendingLineLimit { flushPendingLocked() }
    }

    public func stepSkipped(index: Int, step: Step, reason: String) {
        lock.lock(); defer { lock.unlock() }
        flushPendingLocked()
        writeLocked("==> step \(index + 1) \(step.id): \(step.title)\n<== skipped: \(reason)\n\n")
        stepSummaries.append("\(step.id): skipped (\(reason))")
    }

    public func stepFinished(index: Int, step: Step, outcome: StepOutcome) {
        lock.lock(); defer { lock.unlock() }
        flushPendingLocked()
        let ending = Self.describe(outcome)
        let footer = (outputEndsWithNewline ? "" : "\n")
            + "<== step \(index + 1) \(step.id): \(ending), \(cFormat("%.1f", outcome.durationSeconds)) s\n\n"
        writeLocked(footer)
        outputEndsWithNewline = true
        stepSummaries.append("\(step.id): \(ending)")
    }

    public func recordValidation(index: Int, report: ValidationReport) {
        var text = "passed: \(report.passed)\n"
        text += "tensorflow: \(report.tensorflowVersion ?? "-")\n"
        text += "reduce_sum: \(report.reduceSum ?? "-")\n"
        text += "gpus: \(report.gpuDevices.isEmpty ? "none" : report.gpuDevices.joined(separator: ", "))\n"
        if let problem = report.problem { text += "problem: \(problem)\n" }
        recordSection("validation", text)
    }

    /// Writes the whole session, readable (control sequences removed, progress bars collapsed), to
    /// `tfwizard-YYYYMMDD-HHMMSS.log` (0600) in the log folder and returns its path. Called again, it
    /// rewrites the same file with what was recorded since; with nothing recorded since, the file is
    /// already whole and the transcript is not read again (the wizard's last screen exports, then its
    /// exit does).
    @discardableResult
    public func export(now: Date = Date()) throws -> String {
        lock.lock(); defer { lock.unlock() }
        flushPendingLocked()
        if let exportPath, !recordedSinceExport { return exportPath }
        let path: String
        if let existing = exportPath {
            path = existing
        } else {
            let (descriptor, created) = try Self.createExclusive(in: directory, base: "tfwizard-\(Self.fileStamp(startedAt))",
                                                                 suffix: ".log")
            close(descriptor)
            path = created
            exportPath = created
        }
        let temporary = path + ".tmp"
        unlink(temporary)
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw Self.fileError(temporary) }
        var success = false
        defer { close(output); if !success { unlink(temporary) } }
        fchmod(output, 0o600)
        var header = "tfwizard session log\nstarted: \(Self.isoTime(startedAt))\nexported: \(Self.isoTime(now))\n"
        header += "transcript: \(transcriptPath)\n\n"
        try Self.writeAll(output, Array(header.utf8), path: temporary)
        try copySanitizedTranscript(to: output, path: temporary)
        var footer = "== summary ==\n"
        footer += stepSummaries.isEmpty ? "no steps ran\n" : stepSummaries.map { $0 + "\n" }.joined()
        try Self.writeAll(output, Array(footer.utf8), path: temporary)
        guard fsync(output) == 0 || errno == EINVAL, rename(temporary, path) == 0 else { throw Self.fileError(path) }
        success = true
        recordedSinceExport = false
        return path
    }

    // MARK: - Writing

    private func recordSection(_ name: String, _ text: String) {
        lock.lock(); defer { lock.unlock() }
        flushPendingLocked()
        writeLocked("== \(name) ==\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "\n")
    }

    /// Writes held-back output, redacted. Raw bytes go through unchanged unless something was masked.
    private func flushPendingLocked() {
        guard !pendingOutput.isEmpty else { return }
        let bytes = masker.redact(block: pendingOutput) ?? pendingOutput
        pendingOutput.removeAll(keepingCapacity: true)
        writeBytesLocked(bytes)
        outputEndsWithNewline = bytes.last == 0x0A
    }

    private func writeLocked(_ text: String) {
        writeBytesLocked(Array(Redactor.redact(text, secrets: secrets).utf8))
    }

    private func writeBytesLocked(_ bytes: [UInt8]) {
        recordedSinceExport = true
        do { try Self.writeAll(transcript, bytes, path: transcriptPath) } catch { lastError = error }
    }

    private func copySanitizedTranscript(to output: Int32, path: String) throws {
        let input = open(transcriptPath, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Self.fileError(transcriptPath) }
        defer { close(input) }
        var sanitizer = TerminalTextSanitizer(maxLineLength: 64 * 1024)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var lines: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Self.fileError(transcriptPath) }
            if count == 0 { break }
            sanitizer.feed(buffer[0..<count]) { line in append(line, to: &lines) }
            try Self.writeAll(output, lines, path: path)
            lines.removeAll(keepingCapacity: true)
        }
        sanitizer.finish { line in append(line, to: &lines) }
        try Self.writeAll(output, lines, path: path)
    }

    /// Backspaces and `\r` rewrites can assemble a secret the raw transcript only held in pieces, so
    /// the readable lines are redacted again.
    private func append(_ line: String, to output: inout [UInt8]) {
        output.append(contentsOf: masker.redact(line).utf8)
        output.append(0x0A)
    }

    // MARK: - Files

    /// Creates the folder and any missing parents with mode 0700.
    static func makePrivateDirectory(_ path: String) throws {
        var isDirectory = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory else { throw fileError(path, code: ENOTDIR) }
            return
        }
        let parent = path.deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makePrivateDirectory(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw fileError(path) }
        chmod(path, 0o700)
    }

    /// Opens `base + suffix` (or `base-2 + suffix`, ...) that did not exist, mode 0600.
    static func createExclusive(in directory: String, base: String, suffix: String) throws -> (Int32, String) {
        for attempt in 1...100 {
            let name = attempt == 1 ? base + suffix : "\(base)-\(attempt)\(suffix)"
            let path = directory.appendingPathComponent(name)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
            if descriptor >= 0 { fchmod(descriptor, 0o600); return (descriptor, path) }
            if errno != EEXIST { throw fileError(path) }
        }
        throw fileError(directory.appendingPathComponent(base + suffix), code: EEXIST)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw fileError(path)
            }
            offset += written
        }
    }

    static func fileError(_ path: String, code: Int32 = errno) -> FileSystemError {
        FileSystemError(path: path, code: code)
    }

    static func describe(_ outcome: StepOutcome) -> String {
        var text = outcome.status.rawValue
        if let code = outcome.exitCode { text += ", exit \(code)" }
        if let signal = outcome.signal { text += ", signal \(signal)" }
        if let reason = outcome.failureReason { text += ", \(reason)" }
        return text
    }

    static func looksSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["PASSWORD", "PASSWD", "TOKEN", "SECRET", "CREDENTIAL", "API_KEY", "APIKEY"].contains { upper.contains($0) }
    }

    static func fileStamp(_ date: Date) -> String {
        TimeStamp.localFileStamp(date)
    }

    static func isoTime(_ date: Date) -> String {
        TimeStamp.iso8601UTC(date)
    }
}
