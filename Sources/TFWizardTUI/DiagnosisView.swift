import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// A diagnosis as the troubleshoot screen shows it: plain words and argv lists, no catalog or matcher types,
/// so the screens need nothing but this (the executable builds it from the error catalog).
public struct DiagnosisView: Equatable, Sendable {
    /// One catalog entry found in the output.
    public struct Finding: Equatable, Sendable {
        public var id: String
        public var title: String
        public var lineNumber: Int
        public var text: String
        /// A harmless message (never the cause of a failure).
        public var harmless: Bool
        /// For a line that matters only on a machine with an NVIDIA GPU: whether this one has one, and what
        /// says so; unknown makes it a possible cause, neither the cause nor harmless.
        public var gpu: GPUContext?
        public init(id: String, title: String, lineNumber: Int, text: String, harmless: Bool, gpu: GPUContext? = nil) {
            self.id = id; self.title = title; self.lineNumber = lineNumber; self.text = text; self.harmless = harmless
            self.gpu = gpu
        }

        /// The cause if the machine has an NVIDIA GPU, and nothing says whether it has one.
        public var isCauseIfGPU: Bool { gpu?.presence == .unknown }
    }

    /// The most likely cause, with what it means and how to fix it.
    public struct Cause: Equatable, Sendable {
        public var finding: Finding
        public var explanation: String
        public var fix: String
        /// The fix's commands as the catalog gives them (argv lists).
        public var commands: [[String]]
        /// Whether the fix is safe for the wizard to apply (after showing its commands).
        public var autoFix: Bool
        public init(finding: Finding, explanation: String, fix: String, commands: [[String]], autoFix: Bool) {
            self.finding = finding; self.explanation = explanation; self.fix = fix
            self.commands = commands; self.autoFix = autoFix
        }
    }

    public var cause: Cause?
    /// Lines that are the cause if the machine has an NVIDIA GPU (a CUDA library that cannot be loaded)
    /// where nothing says whether it has one, explained as `doctor` explains them.
    public var causesIfGPU: [Cause]
    /// Every finding, most likely first (the cause included).
    public var findings: [Finding]
    /// When nothing known explains a failure: the last lines that looked like errors.
    public var unknownErrorLines: [String]
    public var linesRead: Int

    public init(cause: Cause?, causesIfGPU: [Cause] = [], findings: [Finding], unknownErrorLines: [String], linesRead: Int) {
        self.cause = cause; self.causesIfGPU = causesIfGPU; self.findings = findings
        self.unknownErrorLines = unknownErrorLines; self.linesRead = linesRead
    }

    /// The matcher's result, worded from the catalog; `{user}` in fix commands becomes `user`.
    public init(_ diagnosis: Diagnosis, catalog: ErrorCatalog, user: String, home: String = PathExpansion.home) {
        let findings = diagnosis.matches.map { match in
            Finding(id: match.id, title: match.title, lineNumber: match.lineNumber, text: match.text,
                    harmless: match.severity == .info && !match.isCauseIfGPU, gpu: match.gpu)
        }
        func explained(_ match: Match) -> Cause? {
            catalog[match.id].map { entry in
                Cause(finding: Finding(id: match.id, title: entry.title, lineNumber: match.lineNumber,
                                       text: match.text, harmless: false, gpu: match.gpu),
                      explanation: entry.explanation, fix: entry.fix,
                      commands: entry.fixCommands(user: user, home: home),
                      autoFix: entry.autoFix)
            }
        }
        self.init(cause: diagnosis.fatalCause.flatMap(explained),
                  causesIfGPU: diagnosis.matches.filter(\.isCauseIfGPU).compactMap(explained),
                  findings: findings, unknownErrorLines: diagnosis.lastErrorLines, linesRead: diagnosis.linesRead)
    }

    /// Other problems besides the cause (a possible cause is listed apart).
    var otherFindings: [Finding] { findings.filter { !$0.harmless && !$0.isCauseIfGPU && $0.id != cause?.finding.id } }
    var harmlessFindings: [Finding] { findings.filter(\.harmless) }
}

/// Why a log file could not be diagnosed (it does not exist, cannot be read).
public struct LogFileProblem: Error, Equatable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}
