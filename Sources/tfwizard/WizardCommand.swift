import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore
import TFWizardTUI

/// `tfwizard` with no subcommand: the full-screen wizard.
struct WizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "The interactive wizard (what plain `tfwizard` runs). Needs a terminal.",
        shouldDisplay: false
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.strings
        let recorded = try recording.load(strings: strings)
        // Checked before probing or opening anything: without a terminal, say how to go on and exit 2.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure.badInput(strings["headless.no-terminal"])
        }
        let context = MachineContext.make(recorded: recorded, venv: Answers.defaultVenv)
        let facts = context.facts
        let catalog = try Catalog.builtIn()
        let session: InstallSession
        do {
            session = try InstallSession(facts: facts, strings: strings, logDirectory: common.logDirectory)
        } catch {
            throw CommandFailure.badInput(strings.text("wizard.log-dir-unusable",
                                                       ["dir": common.logDirectory, "error": "\(error)"]))
        }
        let environment = WizardWiring.environment(context: context, catalog: catalog, strings: strings, session: session)
        // Signals only raise a flag: the UI loop cancels the install, restores the terminal, then we
        // write the log and exit 128+n.
        let interruption = InterruptFlag()
        let signals = SignalForwarder { signalNumber in
            session.interruptedBy = signalNumber
            interruption.raise(signalNumber)
        }
        let reason: ExitReason
        do {
            reason = try WizardApp.runInTerminal(environment: environment, interruption: interruption)
        } catch let unavailable as TerminalUnavailable {
            signals.stop()
            throw CommandFailure.badInput("\(unavailable) " + strings["wizard.use-headless"])
        }
        _ = try? session.finish()
        signals.stop()
        if reason != .success { throw ExitCode(reason.exitCode) }
    }
}

/// The wizard's closures, each backed by the real probe facts, planner, engine and journal.
enum WizardWiring {
    static func environment(context: MachineContext, catalog: Catalog, strings: Strings,
                            session: InstallSession) -> WizardEnvironment {
        let facts = context.facts
        let home = context.home
        let errorCatalog = try? ErrorCatalog.builtIn()
        var environment = WizardEnvironment(
            facts: facts,
            catalog: catalog,
            strings: strings,
            // A step a killed run left half done comes first on the welcome screen.
            probeSummary: (session.interruptedStep.map { $0.notice(strings: strings) } ?? [])
                + ProbeReport.summaryLines(facts, strings: strings),
            methodAvailability: { method, device in
                MethodState(Planner.methodAvailability(method, device: device, facts: facts, catalog: catalog, strings: strings))
            },
            interpreterProblem: { python, release in Planner.interpreterProblem(python, release: release, strings: strings) },
            defaultPython: { release in Planner.defaultPython(facts: facts, release: release) },
            makePlan: { answers in
                Planner.plan(answers: answers, facts: facts, catalog: catalog, target: context.target(for: answers),
                             home: home, strings: strings)
            },
            startEngine: { plan, sink in session.makeEngine(for: plan, runner: context.stepRunner, sink: sink) },
            exportLog: { try session.exportLog() },
            saveAnswers: { answers in try session.saveAnswers(answers) },
            diagnoseOutput: { lines in
                let disk = session.currentPlan.flatMap { DiskPreflight(facts: facts, device: $0.answers.device) }
                return TroubleshootWiring.diagnoseOutput(lines, catalog: errorCatalog, disk: disk, strings: strings)
            },
            loadLogFile: { path in TroubleshootWiring.loadLogFile(path, catalog: errorCatalog, strings: strings) },
            fixSteps: { causeID, index, plan in
                TroubleshootWiring.fixSteps(causeID: causeID, failedStepIndex: index, plan: plan, catalog: errorCatalog,
                                            facts: facts, strings: strings)
            }
        )
        environment.recordedMachine = context.recorded?.name
        return environment
    }
}
