import Foundation
import TFWizardCore
@testable import TFWizardTUI

/// The wizard on a recorded machine (the probe fixtures of the core tests, Fixtures/machines/NAME), with the
/// real probe, catalog and planner behind its closures; the engine is the fake one.
enum RecordedMachineEnvironment {
    static let machines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TFWizardCoreTests/Fixtures/machines")

    /// The probe facts of a recording, through the same loader as `tfwizard --machine DIR`.
    static func facts(_ name: String) throws -> (MachineFacts, home: String) {
        let recorded = try RecordedMachine(folder: machines.appendingPathComponent(name).path)
        var facts = recorded.prober().probe()
        facts.probeDurationMilliseconds = nil
        facts.disk = .init(path: recorded.home, freeBytes: 80 << 30)   // the test machine's disk is not the recording's
        return (facts, recorded.home)
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
                MethodState(Planner.methodAvailability(method, device: device, facts: facts, catalog: catalog, strings: strings))
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
