import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What `tfwizard doctor` prints, and its exit status.
public enum DoctorOutput {
    /// 0: no failure cause found; 1: a fatal cause found; 2: the input could not be read.
    public static let exitNoFailure: Int32 = 0
    public static let exitFailureFound: Int32 = 1
    public static let exitUnreadable: Int32 = 2

    public static func exitCode(for diagnosis: Diagnosis) -> Int32 {
        diagnosis.fatalCause == nil ? exitNoFailure : exitFailureFound
    }

    /// `{"matches":[{"id","severity","title","line","text","gpu"?}],"last_error_lines":[...],"gpu":{...}}`, most
    /// likely cause first. `gpu` (`presence`: present, absent or unknown; `line` and `evidence` when something
    /// says so) is on the matches whose severity depends on it, and on the report for the whole log.
    public static func json(_ diagnosis: Diagnosis) -> String {
        let report = Report(matches: diagnosis.matches.map {
            Report.Match(id: $0.id, severity: $0.severity.rawValue, title: $0.title, line: $0.lineNumber, text: $0.text,
                         gpu: $0.gpu.map(Report.GPU.init))
        }, lastErrorLines: diagnosis.lastErrorLines, gpu: Report.GPU(diagnosis.gpu))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON shape, encoded by JSONEncoder as the probe and the plan are.
    private struct Report: Encodable {
        struct GPU: Encodable {
            var presence: String; var line: Int?; var evidence: String?
            init(_ context: GPUContext) {
                presence = context.presence.rawValue; line = context.lineNumber; evidence = context.evidence
            }
        }
        struct Match: Encodable {
            var id: String; var severity: String; var title: String; var line: Int; var text: String; var gpu: GPU?
        }
        var matches: [Match]
        var lastErrorLines: [String]
        var gpu: GPU
        enum CodingKeys: String, CodingKey { case matches, lastErrorLines = "last_error_lines", gpu }
    }

    /// The report for people: the cause with its explanation and fix, other findings, harmless lines.
    /// - Parameter commandLines: the fix's commands as shown; by default the catalog's, for this user. A
    ///   failed install shows them made for its step (interpreter, mirror, proxy) instead.
    public static func text(_ diagnosis: Diagnosis, catalog: ErrorCatalog, strings: Strings,
                            user: String = CurrentUser.name, home: String = PathExpansion.home,
                            commandLines: ((ErrorCatalogEntry) -> [String])? = nil) -> String {
        var out: [String] = []
        func explain(_ match: Match, _ entry: ErrorCatalogEntry) {
            out.append("  " + strings.text("diagnosis.line", ["line": String(match.lineNumber), "text": match.text]))
            if let gpu = match.gpu { out.append("  " + gpuNote(gpu, strings: strings)) }
            out.append("  " + strings.text("diagnosis.why", ["text": entry.explanation]))
            out.append("  " + strings.text("diagnosis.fix", ["text": entry.fix]))
            let commands = commandLines?(entry) ?? entry.fixCommands(user: user, home: home).map(ShellQuoting.render)
            for command in commands { out.append("    $ " + command) }
        }
        let causesIfGPU = diagnosis.matches.filter(\.isCauseIfGPU)
        if let cause = diagnosis.fatalCause, let entry = catalog[cause.id] {
            out.append(strings.text("diagnosis.cause", ["title": entry.title, "id": entry.id]))
            explain(cause, entry)
            if entry.autoFix { out.append("  " + strings["diagnosis.auto_fix"]) }
            if !entry.references.isEmpty {
                out.append("  " + strings.text("diagnosis.references", ["list": entry.references.joined(separator: " ")]))
            }
            let others = diagnosis.matches.filter { $0.severity == .fatal && $0.id != cause.id }
            if !others.isEmpty || !causesIfGPU.isEmpty {
                out.append("")
                out.append(strings["diagnosis.also_seen"])
                for match in others {
                    out.append("  " + strings.text("diagnosis.item", ["title": match.title, "id": match.id,
                                                                      "line": String(match.lineNumber)]))
                }
                for match in causesIfGPU {
                    out.append("  " + strings.text("diagnosis.cause_if_gpu", ["title": match.title, "id": match.id])
                               + " " + strings.text("diagnosis.line", ["line": String(match.lineNumber), "text": match.text]))
                }
            }
        } else {
            if !diagnosis.lastErrorLines.isEmpty {
                out.append(strings["diagnosis.unknown"])
                for line in diagnosis.lastErrorLines { out.append("  " + line) }
            } else if causesIfGPU.isEmpty {
                out.append(strings.text("diagnosis.clean", ["lines": String(diagnosis.linesRead)]))
            }
            for match in causesIfGPU {
                guard let entry = catalog[match.id] else { continue }
                if !out.isEmpty { out.append("") }
                out.append(strings.text("diagnosis.cause_if_gpu", ["title": entry.title, "id": entry.id]))
                explain(match, entry)
            }
        }
        let harmless = diagnosis.matches.filter { $0.severity == .info && !$0.isCauseIfGPU }
        if !harmless.isEmpty {
            out.append("")
            out.append(strings["diagnosis.harmless"])
            for match in harmless {
                var item = "  " + strings.text("diagnosis.item", ["title": match.title, "id": match.id,
                                                                  "line": String(match.lineNumber)])
                if let gpu = match.gpu { item += ": " + gpuNote(gpu, strings: strings) }
                out.append(item)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Why a GPU-dependent line is, or is not, the cause: what says whether the machine has an NVIDIA GPU.
    static func gpuNote(_ gpu: GPUContext, strings: Strings) -> String {
        gpu.note { strings.text($0, $1) }
    }

    /// Every catalog entry, one a line: id, whether it is a failure or harmless, title (`doctor --list`).
    public static func list(catalog: ErrorCatalog, strings: Strings) -> String {
        let width = catalog.entries.map(\.id.count).max() ?? 0
        let kinds = [ErrorSeverity.fatal: strings["diagnosis.list_fatal"], .info: strings["diagnosis.list_info"]]
        let kindWidth = kinds.values.map(\.count).max() ?? 0
        let sorted = catalog.entries.sorted { ($0.severity, $0.id) < ($1.severity, $1.id) }
        var out = [strings["diagnosis.list_header"]]
        for entry in sorted {
            let kind = kinds[entry.severity] ?? entry.severity.rawValue
            out.append(padded(entry.id, width) + "  " + padded(kind, kindWidth) + "  " + entry.title)
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// Diagnoses `path` (`-` for standard input) on what the log says alone, and renders it.
    public static func run(path: String, json wantsJSON: Bool, strings: Strings) -> (output: String, exitCode: Int32) {
        run(DoctorRequest(path: path, json: wantsJSON, thisMachine: false, logDirectory: ""), strings: strings)
    }
}
