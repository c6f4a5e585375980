import Foundation
import Yams

/// How much a catalog entry matters: `fatal` can be the cause of a failure, `info` never is.
public enum ErrorSeverity: String, Codable, Sendable, Comparable {
    case fatal, info
    public static func < (lhs: ErrorSeverity, rhs: ErrorSeverity) -> Bool { lhs == .fatal && rhs == .info }
}

/// One way an error shows in a log. `literal` is searched case-insensitively in every line; when `regex`
/// is set it must also match (it runs only on lines that contain the literal, so the literal must be a
/// part of every text the regex matches). Regexes use the subset POSIX ERE and ICU share.
public struct ErrorPattern: Codable, Equatable, Sendable {
    public var literal: String
    public var regex: String?
    public var ignoreCase: Bool

    public init(literal: String, regex: String? = nil, ignoreCase: Bool = false) {
        self.literal = literal; self.regex = regex; self.ignoreCase = ignoreCase
    }

    enum CodingKeys: String, CodingKey { case literal, regex, ignoreCase = "ignore_case" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        regex = try container.decodeIfPresent(String.self, forKey: .regex)
        ignoreCase = try container.decodeIfPresent(Bool.self, forKey: .ignoreCase) ?? false
        literal = try container.decode(String.self, forKey: .literal)
    }
}

/// One known problem: how to recognise it, what it means and how to fix it.
public struct ErrorCatalogEntry: Codable, Equatable, Sendable, Identifiable {
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

    enum CodingKeys: String, CodingKey {
        case id, severity, priority, title, explanation, fix, commands, autoFix = "auto_fix", references, patterns
    }

    public init(id: String, severity: ErrorSeverity, priority: Int, title: String, explanation: String, fix: String,
                commands: [[String]], autoFix: Bool, references: [String], patterns: [ErrorPattern]) {
        self.id = id; self.severity = severity; self.priority = priority; self.title = title
        self.explanation = explanation; self.fix = fix; self.commands = commands; self.autoFix = autoFix
        self.references = references; self.patterns = patterns
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        severity = try container.decode(ErrorSeverity.self, forKey: .severity)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority) ?? 50
        title = try container.decode(String.self, forKey: .title)
        explanation = try container.decode(String.self, forKey: .explanation)
        fix = try container.decode(String.self, forKey: .fix)
        commands = try container.decodeIfPresent([[String]].self, forKey: .commands) ?? []
        autoFix = try container.decodeIfPresent(Bool.self, forKey: .autoFix) ?? false
        references = try container.decodeIfPresent([String].self, forKey: .references) ?? []
        patterns = try container.decode([ErrorPattern].self, forKey: .patterns)
    }
}

/// The error catalog: every file under `Resources/errors/` holds one entry.
public struct ErrorCatalog: Sendable, Equatable {
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case invalid(file: String, reason: String)
        case duplicateID(String)
        public var description: String {
            switch self {
            case .invalid(let file, let reason): return "error catalog \(file): \(reason)"
            case .duplicateID(let id): return "error catalog: id \(id) appears twice"
            }
        }
    }

    public let entries: [ErrorCatalogEntry]
    private let index: [String: Int]

    public init(entries: [ErrorCatalogEntry]) throws {
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
        self.index = index
    }

    public subscript(id: String) -> ErrorCatalogEntry? { index[id].map { entries[$0] } }

    public var ids: [String] { entries.map(\.id) }

    /// Parses one YAML document holding one entry.
    public static func entry(yaml: String, file: String) throws -> ErrorCatalogEntry {
        do {
            return try YAMLDecoder().decode(ErrorCatalogEntry.self, from: yaml)
        } catch {
            throw LoadError.invalid(file: file, reason: String(describing: error))
        }
    }

    /// The catalog embedded in the program.
    public static func builtIn() throws -> ErrorCatalog {
        let paths = ResourceStore.paths.filter { $0.hasPrefix("errors/") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
        var entries: [ErrorCatalogEntry] = []
        for path in paths {
            entries.append(try entry(yaml: try ResourceStore.text(path), file: path))
        }
        return try ErrorCatalog(entries: entries)
    }
}
