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

    /// `{"matches":[{"id","severity","title","line","text"}],"last_error_lines":[...]}`, most likely cause first.
    public static func json(_ diagnosis: Diagnosis) -> String {
        let report = Report(matches: diagnosis.matches.map {
            Report.Match(id: $0.id, severity: $0.severity.rawValue, title: $0.title, line: $0.lineNumber, text: $0.text)
        }, lastErrorLines: diagnosis.lastErrorLines)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON shape, encoded by JSONEncoder as the probe and the plan are.
    private struct Report: Encodable {
        struct Match: Encodable { var id: String; var severity: String; var title: String; var line: Int; var text: String }
        var matches: [Match]
        var lastErrorLines: [String]
        enum CodingKeys: String, CodingKey { case matches, lastErrorLines = "last_error_lines" }
    }

    /// The report for people: the cause with its explanation and fix, other findings, harmless lines.
    public static func text(_ diagnosis: Diagnosis, catalog: ErrorCatalog, strings: Strings,
                            user: String = CurrentUser.name, home: String = PathExpansion.home) -> String {
        var out: [String] = []
        if let cause = diagnosis.fatalCause, let entry = catalog[cause.id] {
            out.append(strings.text("diagnosis.cause", ["title": entry.title, "id": entry.id]))
            out.append("  " + strings.text("diagnosis.line", ["line": String(cause.lineNumber), "text": cause.text]))
            out.append("  " + strings.text("diagnosis.why", ["text": entry.explanation]))
            out.append("  " + strings.text("diagnosis.fix", ["text": entry.fix]))
            for command in entry.fixCommands(user: user, home: home) {
                out.append("    $ " + ShellQuoting.render(command))
            }
            if entry.autoFix { out.append("  " + strings["diagnosis.auto_fix"]) }
            if !entry.references.isEmpty {
                out.append("  " + strings.text("diagnosis.references", ["list": entry.references.joined(separator: " ")]))
            }
            let others = diagnosis.matches.filter { $0.severity == .fatal && $0.id != cause.id }
            if !others.isEmpty {
                out.append("")
                out.append(strings["diagnosis.also_seen"])
                for match in others {
                    out.append("  " + strings.text("diagnosis.item", ["title": match.title, "id": match.id,
                                                                      "line": String(match.lineNumber)]))
                }
            }
        } else if !diagnosis.lastErrorLines.isEmpty {
            out.append(strings["diagnosis.unknown"])
            for line in diagnosis.lastErrorLines { out.append("  " + line) }
        } else {
            out.append(strings.text("diagnosis.clean", ["lines": String(diagnosis.linesRead)]))
        }
        let harmless = diagnosis.matches.filter { $0.severity == .info }
        if !harmless.isEmpty {
            out.append("")
            out.append(strings["diagnosis.harmless"])
            for match in harmless {
                out.append("  " + strings.text("diagnosis.item", ["title": match.title, "id": match.id,
                                                                  "line": String(match.lineNumber)]))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Diagnoses `path` (`-` for standard input) and renders it: what the command line prints and exits with.
    public static func run(path: String, json wantsJSON: Bool, strings: Strings) -> (output: String, exitCode: Int32) {
        do {
            // JSON is for programs: its titles stay English in every language, as its ids and keys do.
            let english = try ErrorCatalog.builtIn()
            let catalog = wantsJSON ? english : english.localized(strings)
            let diagnosis = try Diagnoser(catalog: catalog).diagnose(path: path)
            let output = wantsJSON ? json(diagnosis) + "\n" : text(diagnosis, catalog: catalog, strings: strings)
            return (output, exitCode(for: diagnosis))
        } catch let DoctorInputError.unreadable(file, reason) {
            return (strings.text("diagnosis.unreadable", ["file": file, "reason": reason]) + "\n", exitUnreadable)
        } catch {
            return (String(describing: error) + "\n", exitUnreadable)
        }
    }
}
