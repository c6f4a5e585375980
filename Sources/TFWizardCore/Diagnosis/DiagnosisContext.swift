import FoundationEssentials
import TFWizardYAML

/// Lines that are not problems but change what a problem means (Resources/diagnosis/context.yaml): whether
/// the machine that wrote the log has an NVIDIA GPU, that pip retries, that the step succeeded.
public struct DiagnosisContextRules: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A device named by TensorFlow or nvidia-smi.
        case gpuPresent = "gpu_present"
        /// No driver, no device.
        case gpuAbsent = "gpu_absent"
        /// A hint only (a GPU build of TensorFlow was asked for); weaker than either of the above.
        case gpuLikely = "gpu_likely"
        /// pip tries again: what the line says counts only when the step then fails.
        case retryWarning = "retry_warning"
        case stepSucceeded = "step_succeeded"
    }

    public var patterns: [Kind: [ErrorPattern]]

    public init(patterns: [Kind: [ErrorPattern]]) { self.patterns = patterns }

    public static let none = DiagnosisContextRules(patterns: [:])

    /// Parses the context file: a mapping from each kind to a list of patterns (`literal`, optional `regex`).
    public static func parse(yaml: String, file: String) throws -> DiagnosisContextRules {
        let root: YAMLNode?
        do throws(YAMLProblem) {
            root = try StrictYAML.compose(yaml)
        } catch {
            throw ErrorCatalog.LoadError(error, file: file)
        }
        return try parse(document: root, file: file)
    }

    /// The context rules from a composed document (nil: an empty one).
    static func parse(document root: YAMLNode?, file: String) throws(ErrorCatalog.LoadError) -> DiagnosisContextRules {
        do throws(YAMLProblem) {
            guard let root else {
                throw YAMLProblem(line: nil, field: "", message: "the file is empty")
            }
            let top = try StrictMapping(root, field: "")
            try top.rejectUnknownKeys(allowed: Kind.allCases.map(\.rawValue))
            var patterns: [Kind: [ErrorPattern]] = [:]
            for kind in Kind.allCases where top.entry(kind.rawValue) != nil {
                patterns[kind] = try top.sequenceOfMappings(kind.rawValue).map { item throws(YAMLProblem) in
                    try item.rejectUnknownKeys(allowed: ResourceSchema.contextPatternKeys)
                    let literal = try item.requiredText("literal")
                    if literal.isEmpty { throw YAMLProblem(line: item.line(of: "literal"), field: "literal", message: "is empty") }
                    return ErrorPattern(literal: literal, regex: try item.text("regex"))
                }
            }
            return DiagnosisContextRules(patterns: patterns)
        } catch {
            throw ErrorCatalog.LoadError(error, file: file)
        }
    }

    /// The rules embedded in the program.
    public static func builtIn() throws -> DiagnosisContextRules { try loadedBuiltIn.get() }

    /// Read once: the YAML was composed at build time, so this only checks and converts the values.
    private static let loadedBuiltIn = Result { () throws(ErrorCatalog.LoadError) in try loadBuiltIn() }

    /// The rules from the node tree the resource embedder composed at build time; no text is parsed.
    static func loadBuiltIn() throws(ErrorCatalog.LoadError) -> DiagnosisContextRules {
        try parse(document: EmbeddedYAML.root(ResourceSchema.contextPath), file: ResourceSchema.contextPath)
    }
}

/// What is known of the GPU of the machine that wrote a log, and what says so.
public struct GPUContext: Equatable, Sendable, Codable {
    public enum Presence: String, Equatable, Sendable, Codable {
        case present, absent, unknown
    }

    public var presence: Presence
    /// The log line that says so; nil when the probe of this machine said so, or nothing did.
    public var lineNumber: Int?
    /// That line, cleaned for display; or the probe's description of this machine's GPU.
    public var evidence: String?

    public init(presence: Presence, lineNumber: Int? = nil, evidence: String? = nil) {
        self.presence = presence; self.lineNumber = lineNumber; self.evidence = evidence
    }

    public static let unknown = GPUContext(presence: .unknown)

    /// Whether the answer comes from this machine's probe rather than from the log.
    public var fromThisMachine: Bool { presence != .unknown && lineNumber == nil }
}

extension GPUContext {
    /// Why a GPU-dependent line is, or is not, the cause: what says whether the machine has an NVIDIA GPU,
    /// worded by `text` (a string key and its placeholder values), so `doctor` and the screens say the same.
    public func note(_ text: (String, [String: String]) -> String) -> String {
        switch (presence, lineNumber) {
        case (.present, let line?): return text("diagnosis.gpu_present_log", ["line": String(line), "text": evidence ?? ""])
        case (.present, nil): return text("diagnosis.gpu_present_machine", ["gpu": evidence ?? ""])
        case (.absent, let line?): return text("diagnosis.gpu_absent_log", ["line": String(line), "text": evidence ?? ""])
        case (.absent, nil): return text("diagnosis.gpu_absent_machine", [:])
        case (.unknown, _): return text("diagnosis.gpu_unknown", [:])
        }
    }
}

/// The probe's answer for the machine `doctor` runs on, used when the log itself does not say.
public struct ThisMachineGPU: Equatable, Sendable {
    public var hasNVIDIAGPU: Bool
    /// The GPU's name when the driver answered, else what the probe saw ("NVIDIA device 0x2684").
    public var description: String

    public init(hasNVIDIAGPU: Bool, description: String) {
        self.hasNVIDIAGPU = hasNVIDIAGPU; self.description = description
    }
}
