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
        let recorded = try RecordedMachine(folder: machines.appendingPathComponent(name).path, strings: Strings(language: "en"))
        var facts = recorded.prober().probe()
        facts.probeDurationMilliseconds = nil
        facts.disk = .init(path: recorded.home, freeBytes: 80 << 30)   // the test machine's disk is not the recording's
        return (facts, recorded.home)
    }

    /// The shipped wiring over the recording's facts; only the engine and the files it writes are replaced.
    /// As `--machine` runs it, a dry run (its title says so); `dryRun: false` walks the facts as if on that
    /// machine, to see what its end screens tell a user there.
    static func environment(_ name: String, answers: Answers, dryRun: Bool = true,
                            methods: InstallMethods = .all, language: String = "en") throws -> WizardEnvironment {
        let (facts, home) = try facts(name)
        let recorded = try RecordedMachine(folder: machines.appendingPathComponent(name).path, strings: Strings(language: "en"))
        let context = MachineContext(facts: facts, recorded: dryRun ? recorded : nil, home: home)
        let sideEffects = WizardSideEffects(startEngine: { _, sink in FakeEngine(script: [], sink: sink) },
                                            exportLog: { home + "/.local/state/tfwizard/install.log" },
                                            saveAnswers: { _ in home + "/.local/state/tfwizard/answers.yaml" })
        var environment = WizardEnvironment.live(context: context, catalog: try Catalog.builtIn(),
                                                 errorCatalog: CatalogDiagnosis.catalog, strings: Strings(language: language),
                                                 sideEffects: sideEffects, user: "ada", methods: methods)
        environment.initialAnswers = answers
        environment.clock = { 1000 }
        return environment
    }
}
