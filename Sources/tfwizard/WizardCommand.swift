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
            session = try InstallSession(facts: facts, strings: strings, logDirectory: common.logDirectory,
                                         dryRunOf: recorded?.name)
        } catch {
            throw CommandFailure.badInput(strings.text("wizard.log-dir-unusable",
                                                       ["dir": common.logDirectory, "error": "\(error)"]))
        }
        let environment = WizardEnvironment.live(
            context: context, catalog: catalog, errorCatalog: try? ErrorCatalog.builtIn(), strings: strings,
            sideEffects: .session(session, runner: context.stepRunner),
            notices: session.interruptedStep.map { $0.notice(strings: strings) } ?? [])
        // Signals only raise a flag: the UI loop cancels the install, restores the terminal, then we
        // write the log and exit 128+n.
        let interruption = InterruptFlag()
        let signals = SignalForwarder { signalNumber in
            session.interruptedBy = signalNumber
            interruption.raise(signalNumber)
        }
        let outcome: WizardOutcome
        do {
            outcome = try WizardApp.runInTerminal(environment: environment, interruption: interruption)
        } catch let unavailable as TerminalUnavailable {
            signals.stop()
            throw CommandFailure.badInput("\(unavailable) " + strings["wizard.use-headless"])
        }
        let logPath = try? session.finish()
        signals.stop()
        // The full-screen view is gone: what happened and what to do next stay in the terminal.
        StandardStreams.writeOutput(outcome.summary(logPath: logPath).map { $0 + "\n" }.joined())
        if outcome.reason != .success { throw ExitCode(outcome.reason.exitCode) }
    }
}
