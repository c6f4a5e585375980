import Foundation
import TFWizardCore

/// Answers commands with recorded outputs and remembers what was asked. `-c SCRIPT` arguments match
/// the placeholder `{python-facts}`, so recordings need not repeat the script.
final class FakeCommandRunner: CommandRunning, @unchecked Sendable {
    static let pythonScriptPlaceholder = "{python-facts}"
    private let lock = NSLock()
    private var answers: [[String]: CommandResult]
    private var recordedCalls: [[String]] = []

    init(_ answers: [[String]: CommandResult] = [:]) { self.answers = answers }

    var calls: [[String]] { lock.withLock { recordedCalls } }

    func run(_ argv: [String], timeout: Double, environment: [String: String]?) -> CommandResult {
        var key = argv
        if key.count == 3, key[1] == "-c" { key[2] = Self.pythonScriptPlaceholder }
        return lock.withLock {
            recordedCalls.append(key)
            return answers[key] ?? .notLaunched("\(argv[0]): not recorded")
        }
    }
}

/// A machine recorded under Fixtures/machines/NAME: `root/` is its file system, `commands.json` the
/// environment, user id and command outputs seen there.
struct RecordedMachine {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/machines")

    struct Recording: Decodable {
        struct Command: Decodable {
            var argv: [String]
            var exitCode: Int32?
            var output: String?
            var outputFile: String?
        }
        var environment: [String: String]
        var effectiveUserID: UInt32
        var venvTarget: String?
        var commands: [Command]
    }

    let name: String
    let recording: Recording
    let runner: FakeCommandRunner

    init(_ name: String) throws {
        self.name = name
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("\(name)/commands.json"))
        recording = try JSONDecoder().decode(Recording.self, from: data)
        var answers: [[String]: CommandResult] = [:]
        for command in recording.commands {
            let output = try command.output ?? Self.output(command.outputFile ?? "")
            answers[command.argv] = CommandResult(exitCode: command.exitCode, output: output)
        }
        runner = FakeCommandRunner(answers)
    }

    var rootPath: String { Self.fixtures.appendingPathComponent("\(name)/root").path }

    func prober() -> Prober {
        Prober(root: rootPath, runner: runner, environment: recording.environment,
               venvTarget: recording.venvTarget, effectiveUserID: recording.effectiveUserID)
    }

    /// A verbatim command output from Fixtures/machines/outputs.
    static func output(_ file: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("outputs/\(file)"), encoding: .utf8)
    }
}
