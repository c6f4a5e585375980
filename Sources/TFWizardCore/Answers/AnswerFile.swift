import FoundationEssentials
import TFWizardYAML
#if canImport(Glibc)
import Glibc
#endif

/// Why an answer file was rejected: the file, the line and the field, so the user can go straight there.
public struct AnswerFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var fileName: String
    public var line: Int?
    public var field: String
    public var message: String
    public init(fileName: String, line: Int?, field: String, message: String) {
        self.fileName = fileName; self.line = line; self.field = field; self.message = message
    }

    /// The planner's refusal of an answer, pointed at the line of the answer file `text` that holds its field.
    public init(fileName: String, text: String, refusal: PlanRefusal) {
        self.init(fileName: fileName, line: AnswerFile.line(of: refusal.field, in: text), field: refusal.field,
                  message: refusal.description)
    }
    /// `answers.yaml:3: device: expected one of cpu, gpu, found "tpu"`
    public var description: String {
        var text = fileName
        if let line { text += ":\(line)" }
        text += ": "
        if !field.isEmpty { text += "\(field): " }
        return text + message
    }
}

/// The answer file (YAML; keys fixed by the design): read strictly, written without secrets.
public enum AnswerFile {
    static let topKeys = ["device", "method", "python", "package", "version", "venv", "index_url", "proxy", "docker", "pins", "installer"]
    static let dockerKeys = ["image_tag", "jupyter"]

    /// Reads and parses the file at `path` (`-`: standard input); returns the answers and the text, whose
    /// lines a later refusal can point at.
    public static func load(_ path: String, strings: Strings) throws(AnswerFileError) -> (answers: Answers, text: String) {
        let text: String
        do {
            text = path == "-" ? StandardStreams.readInput() : try FileText.read(path)
        } catch {
            throw AnswerFileError(fileName: path, line: nil, field: "",
                                  message: strings.text("answers.cannot-read", ["reason": String(cString: strerror(error.code))]))
        }
        do {
            return (try parse(text, fileName: path, strings: strings), text)
        } catch let error as AnswerFileError {
            throw error
        } catch {
            throw AnswerFileError(fileName: path, line: nil, field: "", message: "\(error)")
        }
    }

    /// - Parameter strings: the language the problem is worded in.
    public static func parse(_ text: String, fileName: String, strings: Strings) throws -> Answers {
        do throws(YAMLProblem) {
            return try read(text)
        } catch {
            throw AnswerFileError(fileName: fileName, line: error.line, field: error.field, message: error.worded(strings))
        }
    }

    private static func read(_ text: String) throws(YAMLProblem) -> Answers {
        guard let root = try StrictYAML.compose(text) else {
            throw YAMLProblem(line: nil, field: "", key: "answers.problem.empty")
        }
        let top = try StrictMapping(root, field: "")
        try top.rejectUnknownKeys(allowed: topKeys)
        var answers = Answers()
        if let device = try top.text("device") { answers.device = try choice(device, key: "device", in: top) }
        if let method = try top.text("method") { answers.method = try choice(method, key: "method", in: top) }
        if let package = try top.text("package") { answers.package = try choice(package, key: "package", in: top) }
        if let python = try top.text("python"), python != "auto" {
            guard isPythonVersion(python) || python.hasPrefix("/") || python.hasPrefix("~/") else {
                throw problem(top, "python", "answers.problem.python", ["found": python])
            }
            answers.python = python
        }
        if let version = try top.text("version") {
            guard version == "latest" || isReleaseVersion(version) else {
                throw problem(top, "version", "answers.problem.version", ["found": version])
            }
            answers.version = version
        }
        if let venv = try top.text("venv") {
            guard venv == "~" || venv.hasPrefix("/") || venv.hasPrefix("~/") else {
                throw problem(top, "venv", "answers.problem.venv", ["found": venv])
            }
            guard !venv.contains(where: { $0 == "\n" || $0 == "\0" }) else {
                throw problem(top, "venv", "answers.problem.venv-break")
            }
            answers.venv = venv
        }
        if let indexURL = try top.text("index_url") {
            guard indexURL.hasPrefix("https://") || indexURL.hasPrefix("http://"), !indexURL.contains(where: \.isWhitespace) else {
                throw problem(top, "index_url", "answers.problem.index-url", ["found": CredentialMask.masked(indexURL)])
            }
            try rejectMasked(indexURL, key: "index_url", in: top)
            answers.indexURL = indexURL
        }
        if let proxy = try top.text("proxy") {
            guard !proxy.contains(where: \.isWhitespace) else {
                throw problem(top, "proxy", "answers.problem.proxy", ["found": CredentialMask.masked(proxy)])
            }
            try rejectMasked(proxy, key: "proxy", in: top)
            answers.proxy = proxy
        }
        if let docker = try top.mapping("docker") {
            try docker.rejectUnknownKeys(allowed: dockerKeys)
            if let tag = try docker.text("image_tag") {
                guard !tag.isEmpty, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
                    throw problem(docker, "image_tag", "answers.problem.image-tag", ["found": tag])
                }
                answers.docker.imageTag = tag
            }
            if let jupyter = try docker.bool("jupyter") { answers.docker.jupyter = jupyter }
        }
        if let installer = try top.text("installer") { answers.installer = try choice(installer, key: "installer", in: top) }
        if let pins = try top.list("pins") {
            for pin in pins where !Answers.isRequirement(pin) {
                throw problem(top, "pins", "answers.problem.pins", ["found": pin])
            }
            answers.pins = pins
        }
        return answers
    }

    /// The line that sets `field` (`version`, `docker.image_tag`) in an answer file's text; nil when the
    /// file leaves it to its default, so a refusal about that answer can point at it.
    public static func line(of field: String, in text: String) -> Int? {
        guard let root = try? StrictYAML.compose(text), let top = try? StrictMapping(root, field: "") else { return nil }
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return top.line(of: field) }
        return ((try? top.mapping(parts[0])) ?? nil)?.line(of: parts[1])
    }

    /// The file the wizard writes at the end of a run: every key, commented in `strings`' language,
    /// credentials masked.
    public static func render(_ answers: Answers, strings: Strings) -> String {
        let entries: [(String, String?)] = [
            ("device: \(answers.device.rawValue)", "cpu | gpu"),
            ("method: \(answers.method.rawValue)", Answers.Method.allCases.map(\.rawValue).joined(separator: " | ")),
            ("python: \(answers.python.map(QuotedText.doubleQuoted) ?? "null")", strings["answers.comment.python"]),
            ("package: \(answers.package.rawValue)", "tensorflow | tensorflow-cpu | tf-nightly"),
            ("version: \(QuotedText.doubleQuoted(answers.version))", strings["answers.comment.version"]),
            ("venv: \(QuotedText.doubleQuoted(answers.venv))", nil),
            ("index_url: \(answers.indexURL.map { QuotedText.doubleQuoted(CredentialMask.masked($0)) } ?? "null")", strings["answers.comment.index-url"]),
            ("proxy: \(answers.proxy.map { QuotedText.doubleQuoted(CredentialMask.masked($0)) } ?? "null")", strings["answers.comment.proxy"]),
            ("docker: { image_tag: \(QuotedText.doubleQuoted(answers.docker.imageTag)), jupyter: \(answers.docker.jupyter) }", nil),
            ("pins: [" + answers.pins.map(QuotedText.doubleQuoted).joined(separator: ", ") + "]",
             strings["answers.comment.pins"]),
            ("installer: \(answers.installer.rawValue)", strings["answers.comment.installer"]),
        ]
        var lines = ["# " + strings["answers.comment.header"]]
        for (entry, comment) in entries {
            guard let comment else { lines.append(entry); continue }
            let padding = String(repeating: " ", count: max(1, 24 - entry.count))
            lines.append(entry + padding + "# " + comment)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: helpers

    private static func choice<Value: RawRepresentable & CaseIterable>(_ text: String, key: String, in mapping: StrictMapping) throws(YAMLProblem) -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw problem(mapping, key, "answers.problem.choice", ["allowed": allowed, "found": text])
        }
        return value
    }

    private static func rejectMasked(_ value: String, key: String, in mapping: StrictMapping) throws(YAMLProblem) {
        if CredentialMask.isMasked(value) {
            throw problem(mapping, key, "answers.problem.masked", ["mask": CredentialMask.mask])
        }
    }

    private static func problem(_ mapping: StrictMapping, _ key: String, _ problemKey: String,
                                _ values: [String: String] = [:]) -> YAMLProblem {
        YAMLProblem(line: mapping.line(of: key), field: mapping.fieldPrefix + key, key: problemKey, values)
    }

    static func isPythonVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count) && parts[0] == "3" && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// "2.21", "2.21.0", "2.15.0.post1", "2.22.0rc1".
    static func isReleaseVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 4, parts[0].allSatisfy(\.isNumber), !parts[0].isEmpty,
              parts[1].allSatisfy(\.isNumber), !parts[1].isEmpty else { return false }
        return parts.dropFirst(2).allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
