import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A machine recorded for replay: a folder with `root/` (its files: etc/os-release, proc/cpuinfo, ...)
/// and `commands.json` (the environment, user id and the outputs its commands gave). `tfwizard --machine
/// DIR` plans against it as if it were this machine, and runs nothing.
///
/// commands.json:
/// ```json
/// { "environment": {"HOME": "/home/ada", "PATH": "..."}, "effectiveUserID": 1000,
///   "venvTarget": "~/tensorflow/venv", "freeDiskBytes": 53687091200,
///   "commands": [{"argv": ["/usr/bin/python3", "-c", "{python-facts}"], "exitCode": 0, "output": "..."},
///                {"argv": ["/usr/bin/nvidia-smi", "..."], "exitCode": 0, "outputFile": "nvidia-smi.txt"}] }
/// ```
/// An `outputFile` is read from the recording's `outputs/` folder, or from an `outputs/` folder beside it
/// (a collection of recordings shares one).
public struct RecordedMachine: Sendable {
    public struct Recording: Decodable, Sendable {
        public struct Command: Decodable, Sendable {
            public var argv: [String]
            public var exitCode: Int32?
            public var output: String?
            public var outputFile: String?
        }
        public var environment: [String: String]
        public var effectiveUserID: UInt32
        public var venvTarget: String?
        /// Free bytes where the venv goes, as measured there; absent: not recorded (the disk is unknown).
        public var freeDiskBytes: Int64?
        public var commands: [Command]
    }

    /// Why a folder cannot be replayed; the message names the folder and what is missing.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public let folder: String
    public let recording: Recording
    public let runner: RecordedCommandRunner

    /// The folder's last path component: how screens and messages name the machine.
    public var name: String { folder.lastPathComponent }
    public var rootPath: String { folder + "/root" }
    /// The recorded user's home, where `~` in the answers points.
    public var home: String { recording.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/root" }

    public init(folder path: String, strings: Strings) throws(Problem) {
        let folder = PathExpansion.expandTilde(path, home: PathExpansion.home).standardizingPath
        self.folder = folder
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory else {
            throw Problem(description: strings.text("recorded.error.not-folder", ["folder": path]))
        }
        guard FileManager.default.fileExists(atPath: folder + "/root", isDirectory: &isDirectory), isDirectory else {
            throw Problem(description: strings.text("recorded.error.no-root", ["folder": path]))
        }
        let commandsPath = folder + "/commands.json"
        guard let data = FileManager.default.contents(atPath: commandsPath) else {
            throw Problem(description: strings.text("recorded.error.no-commands", ["folder": path]))
        }
        let recording: Recording
        do {
            recording = try JSONDecoder().decode(Recording.self, from: data)
        } catch {
            throw Problem(description: strings.text("recorded.error.bad-commands", ["file": commandsPath, "reason": Self.describe(error)]))
        }
        self.recording = recording
        var answers: [[String]: CommandResult] = [:]
        for command in recording.commands {
            guard !command.argv.isEmpty else {
                throw Problem(description: strings.text("recorded.error.bad-commands", ["file": commandsPath, "reason": "a command has an empty argv"]))
            }
            let output: String
            if let text = command.output {
                output = text
            } else if let file = command.outputFile {
                guard let text = Self.readOutputFile(file, folder: folder) else {
                    throw Problem(description: strings.text("recorded.error.output-missing", ["file": commandsPath, "output": file]))
                }
                output = text
            } else {
                output = ""
            }
            answers[command.argv] = CommandResult(exitCode: command.exitCode, output: output)
        }
        runner = RecordedCommandRunner(answers)
    }

    /// The prober for this machine: its files, its command outputs, its user and environment.
    public func prober(venvTarget: String? = nil) -> Prober {
        Prober(root: rootPath, runner: runner, environment: recording.environment,
               venvTarget: venvTarget ?? recording.venvTarget, effectiveUserID: recording.effectiveUserID,
               diskSource: .recorded(freeBytes: recording.freeDiskBytes))
    }

    private static func readOutputFile(_ file: String, folder: String) -> String? {
        guard !file.contains(".."), !file.hasPrefix("/") else { return nil }
        let parent = folder.deletingLastPathComponent
        for candidate in [folder + "/outputs/" + file, parent + "/outputs/" + file] {
            if let data = FileManager.default.contents(atPath: candidate) {
                return String(decoding: data, as: UTF8.self)
            }
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the field '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "the field '\(path)' has the wrong type"
        case DecodingError.dataCorrupted: return "it is not valid JSON"
        default: return "\(error)"
        }
    }
}

/// Answers commands from a recording; a command that was not recorded did not run there either
/// (it reports "not launched", as a missing program would). A `-c SCRIPT` argument matches the
/// placeholder `{python-facts}`, so recordings need not repeat the probe's script.
public struct RecordedCommandRunner: CommandRunning {
    public static let pythonScriptPlaceholder = "{python-facts}"
    private let answers: [[String]: CommandResult]

    public init(_ answers: [[String]: CommandResult]) { self.answers = answers }

    public func run(_ argv: [String], timeout: Double, environment: [String: String]?) -> CommandResult {
        var key = argv
        if key.count == 3, key[1] == "-c" { key[2] = Self.pythonScriptPlaceholder }
        return answers[key] ?? .notLaunched("\(argv.first ?? ""): not recorded")
    }
}
