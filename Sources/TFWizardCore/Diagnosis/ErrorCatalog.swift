import TFWizardYAML

/// How much a catalog entry matters: `fatal` can be the cause of a failure, `info` never is.
public enum ErrorSeverity: String, Codable, Sendable, Comparable {
    case fatal, info
    public static func < (lhs: ErrorSeverity, rhs: ErrorSeverity) -> Bool { lhs == .fatal && rhs == .info }
}

/// One way an error shows in a log. `literal` is searched case-insensitively in every line; when `regex`
/// is set it must also match (it runs only on lines that contain the literal, so the literal must be a
/// part of every text the regex matches). Regexes use the subset POSIX ERE and ICU share.
public struct ErrorPattern: Equatable, Sendable {
    public var literal: String
    public var regex: String?
    public var ignoreCase: Bool
    /// The line is a failure only on a machine with an NVIDIA GPU and harmless on one without (a CUDA
    /// library that cannot be loaded); whether the machine has one comes from the log or the probe.
    public var needsGPU: Bool

    public init(literal: String, regex: String? = nil, ignoreCase: Bool = false, needsGPU: Bool = false) {
        self.literal = literal; self.regex = regex; self.ignoreCase = ignoreCase; self.needsGPU = needsGPU
    }
}

/// One known problem: how to recognise it, what it means and how to fix it.
public struct ErrorCatalogEntry: Equatable, Sendable, Identifiable {
    public var id: String
    public var severity: ErrorSeverity
    /// Among fatal matches in one log, the higher priority is the more likely root cause
    /// (a TLS failure explains the "no matching distribution" that follows it).
    public var priority: Int
    public var title: String
    public var explanation: String
    public var fix: String
    /// Commands that apply the fix, as argv lists; `{user}` stands for the current user name.
    public var commands: [[String]]
    /// Whether the wizard may apply the fix without asking (installs a missing piece, pins a version).
    public var autoFix: Bool
    public var references: [String]
    public var patterns: [ErrorPattern]

    public init(id: String, severity: ErrorSeverity, priority: Int, title: String, explanation: String, fix: String,
                commands: [[String]], autoFix: Bool, references: [String], patterns: [ErrorPattern]) {
        self.id = id; self.severity = severity; self.priority = priority; self.title = title
        self.explanation = explanation; self.fix = fix; self.commands = commands; self.autoFix = autoFix
        self.references = references; self.patterns = patterns
    }
}

/// The error catalog: every file under `Resources/errors/` holds one entry.
public struct ErrorCatalog: Sendable, Equatable {
    public enum LoadError: Error, CustomStringConvertible, Equatable, Sendable {
        case invalid(file: String, reason: String)
        /// A file that does not follow the entry format: where (line, field) and what.
        case malformed(file: String, line: Int?, field: String, message: String)
        case duplicateID(String)
        public var description: String {
            switch self {
            case .invalid(let file, let reason): return "error catalog \(file): \(reason)"
            case .malformed(let file, let line, let field, let message):
                return "error catalog \(file)\(line.map { ":\($0)" } ?? ""): \(field.isEmpty ? "" : "\(field): ")\(message)"
            case .duplicateID(let id): return "error catalog: id \(id) appears twice"
            }
        }
    }

    public let entries: [ErrorCatalogEntry]
    /// Lines that change what a match means (GPU or not, retried, succeeded).
    public let context: DiagnosisContextRules
    private let index: [String: Int]

    public init(entries: [ErrorCatalogEntry], context: DiagnosisContextRules = .none) throws(LoadError) {
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            guard index[entry.id] == nil else { throw LoadError.duplicateID(entry.id) }
            guard !entry.patterns.isEmpty else { throw LoadError.invalid(file: entry.id, reason: "no patterns") }
            for pattern in entry.patterns where pattern.literal.isEmpty {
                throw LoadError.invalid(file: entry.id, reason: "a pattern has an empty literal")
            }
            index[entry.id] = position
        }
        self.entries = entries
        self.context = context
        self.index = index
    }

    public subscript(id: String) -> ErrorCatalogEntry? { index[id].map { entries[$0] } }

    public var ids: [String] { entries.map(\.id) }

    /// Parses one YAML document holding one entry. Unknown keys (a misspelled `autofix:`) are errors, so a
    /// typo cannot silently turn a setting off.
    public static func entry(yaml: String, file: String) throws -> ErrorCatalogEntry {
        let root: YAMLNode?
        do throws(YAMLProblem) { root = try StrictYAML.compose(yaml) } catch { throw LoadError(error, file: file) }
        return try entry(document: root, file: file)
    }

    /// One entry from a composed document (nil: an empty one).
    static func entry(document root: YAMLNode?, file: String) throws(LoadError) -> ErrorCatalogEntry {
        do throws(YAMLProblem) {
            guard let root else {
                throw YAMLProblem(line: nil, field: "", message: "the file is empty")
            }
            let top = try StrictMapping(root, field: "")
            try top.rejectUnknownKeys(allowed: ResourceSchema.errorEntryKeys)
            let id = try top.requiredText("id")
            let severityText = try top.requiredText("severity")
            guard let severity = ErrorSeverity(rawValue: severityText) else {
                throw YAMLProblem(line: top.line(of: "severity"), field: "severity",
                                  message: "expected fatal or info, found \"\(severityText)\"")
            }
            let priority = try top.integer("priority") ?? 50
            let title = try top.requiredText("title")
            let explanation = try top.requiredText("explanation")
            let fix = try top.requiredText("fix")
            let commands = try top.lists("commands") ?? []
            let autoFix = try top.bool("auto_fix") ?? false
            let references = try top.list("references") ?? []
            var patterns: [ErrorPattern] = []
            for pattern in try top.sequenceOfMappings("patterns") {
                try pattern.rejectUnknownKeys(allowed: ResourceSchema.errorPatternKeys)
                patterns.append(ErrorPattern(literal: try pattern.requiredText("literal"), regex: try pattern.text("regex"),
                                             ignoreCase: try pattern.bool("ignore_case") ?? false,
                                             needsGPU: try pattern.bool("needs_gpu") ?? false))
            }
            return ErrorCatalogEntry(id: id, severity: severity, priority: priority, title: title, explanation: explanation,
                                     fix: fix, commands: commands, autoFix: autoFix, references: references, patterns: patterns)
        } catch {
            throw LoadError(error, file: file)
        }
    }

    /// The catalog embedded in the program, with the context rules.
    public static func builtIn() throws -> ErrorCatalog { try loadedBuiltIn.get() }

    /// Read once: its YAML was composed at build time, so this only checks and converts the values.
    private static let loadedBuiltIn = Result { () throws(LoadError) in try loadBuiltIn() }

    /// The catalog from the node trees the resource embedder composed at build time; no text is parsed.
    static func loadBuiltIn() throws(LoadError) -> ErrorCatalog {
        var entries: [ErrorCatalogEntry] = []
        for path in EmbeddedYAML.paths where path.hasPrefix(ResourceSchema.errorFolder) {
            entries.append(try entry(document: EmbeddedYAML.root(path), file: path))
        }
        return try ErrorCatalog(entries: entries, context: try DiagnosisContextRules.loadBuiltIn())
    }
}

extension ErrorCatalog.LoadError {
    /// A file that does not follow its format, at the problem's line and field.
    init(_ problem: YAMLProblem, file: String) {
        self = .malformed(file: file, line: problem.line, field: problem.field, message: problem.message)
    }
}

extension ErrorCatalog {
    /// The catalog with each entry's title, explanation and fix in the language of `strings`, from its keys
    /// `error.<id>.title`, `.explanation` and `.fix`; the English of the YAML file where a key is missing.
    /// Ids, patterns and commands stay as they are.
    public func localized(_ strings: Strings) -> ErrorCatalog {
        let translated = entries.map { entry in
            var entry = entry
            entry.title = strings.translation("error.\(entry.id).title") ?? entry.title
            entry.explanation = strings.translation("error.\(entry.id).explanation") ?? entry.explanation
            entry.fix = strings.translation("error.\(entry.id).fix") ?? entry.fix
            return entry
        }
        return (try? ErrorCatalog(entries: translated, context: context)) ?? self   // the context rules are not words
    }
}
