import Foundation
import TFWizardCore
@testable import TFWizardTUI

/// The wizard on a recorded machine (the probe fixtures of the core tests, Fixtures/machines/NAME), with the
/// real probe, catalog and planner behind its closures; the engine is the fake one.
enum RecordedMachineEnvironment {
    static let machines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TFWizardCoreTests/Fixtures/machines")

    private struct Recording: Decodable {
        struct Command: Decodable { var argv: [String]; var exitCode: Int32?; var output: String?; var outputFile: String? }
        var environment: [String: String]
        var effectiveUserID: UInt32
        var venvTarget: String?
        var commands: [Command]
    }

    /// Answers commands from commands.json; anything else was not there.
    private struct RecordedRunner: CommandRunning {
        let answers: [[String]: CommandResult]
        func run(_ argv: [String], timeout: Double, environment: [String: String]?) -> CommandResult {
            var key = argv
            if key.count == 3, key[1] == "-c" { key[2] = "{python-facts}" }
            return answers[key] ?? .notLaunched("\(argv[0]): not recorded")
        }
    }

    static func facts(_ name: String) throws -> (MachineFacts, home: String) {
        let folder = machines.appendingPathComponent(name)
        let recording = try JSONDecoder().decode(Recording.self, from: Data(contentsOf: folder.appendingPathComponent("commands.json")))
        var answers: [[String]: CommandResult] = [:]
        for command in recording.commands {
            let output = try command.output
                ?? String(contentsOf: machines.appendingPathComponent("outputs/\(command.outputFile ?? "")"), encoding: .utf8)
            answers[command.argv] = CommandResult(exitCode: command.exitCode, output: output)
        }
        let prober = Prober(root: folder.appendingPathComponent("root").path, runner: RecordedRunner(answers: answers),
                            environment: recording.environment, venvTarget: recording.venvTarget,
                            effectiveUserID: recording.effectiveUserID)
        var facts = prober.probe()
        facts.probeDurationMilliseconds = nil
        facts.disk = .init(path: recording.environment["HOME"] ?? "/", freeBytes: 80 << 30)   // the test machine's disk is not the recording's
        return (facts, recording.environment["HOME"] ?? "/root")
    }

    static func environment(_ name: String, answers: Answers) throws -> WizardEnvironment {
        let (facts, home) = try facts(name)
        let strings = Strings(language: "en")
        let catalog = try Catalog.builtIn()
        return WizardEnvironment(
            facts: facts, catalog: catalog, strings: strings,
            probeSummary: ProbeReport.summaryLines(facts, strings: strings),
            initialAnswers: answers,
            methodAvailability: { method, device in
                MethodState(Planner.methodAvailability(method, device: device, facts: facts, strings: strings))
            },
            interpreterProblem: { python, release in Planner.interpreterProblem(python, release: release, strings: strings) },
            defaultPython: { release in Planner.defaultPython(facts: facts, release: release) },
            makePlan: { answers in
                let folder = Planner.targetFolder(for: answers, home: home) ?? answers.venv
                return Planner.plan(answers: answers, facts: facts, catalog: catalog, target: .absent(folder), home: home,
                                    strings: strings)
            },
            startEngine: { _, sink in FakeEngine(script: [], sink: sink) },
            exportLog: { home + "/.local/state/tfwizard/install.log" },
            saveAnswers: { _ in home + "/.local/state/tfwizard/answers.yaml" },
            diagnoseOutput: { lines in CatalogDiagnosis.view(lines) },
            loadLogFile: { path in .failure(LogFileProblem(message: "cannot read \(path)")) },
            fixSteps: { id, index, plan in CatalogDiagnosis.fixSteps(id, index, plan, facts: facts) },
            clock: { 1000 })
    }
}
