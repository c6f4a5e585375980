import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The interactive wizard from the command line to its exit status: the probe (or a recording), the session
/// journal, the live wiring, signals raising a flag the UI loop sees, the full-screen run, and the summary
/// printed once the screen is gone.
public enum WizardRun {
    /// Why the wizard cannot start (exit 2): no terminal, an unusable log folder, an unknown TERM.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameter notices: lines for the welcome screen (a note about the interface language).
    public static func run(recorded: RecordedMachine?, strings: Strings, logDirectory: String,
                           notices: [String] = []) throws(Failure) -> ExitReason {
        // Checked before probing or opening anything: without a terminal, say how to go on.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Failure(description: strings["headless.no-terminal"])
        }
        let context = MachineContext.make(recorded: recorded, venv: Answers.defaultVenv)
        let catalog: Catalog
        do { catalog = try Catalog.builtIn() } catch { throw Failure(description: "\(error)") }
        let session: InstallSession
        do {
            session = try InstallSession(facts: context.facts, strings: strings, logDirectory: logDirectory,
                                         dryRunOf: recorded?.name)
        } catch {
            throw Failure(description: strings.text("wizard.log-dir-unusable", ["dir": logDirectory, "error": "\(error)"]))
        }
        let environment = WizardEnvironment.live(
            context: context, catalog: catalog, errorCatalog: try? ErrorCatalog.builtIn(), strings: strings,
            sideEffects: .session(session, runner: context.stepRunner(strings)),
            notices: notices + (session.interruptedStep.map { $0.notice(strings: strings) } ?? []))
        // Signals only raise a flag: the UI loop cancels the install and restores the terminal, then the
        // log is written and the exit status is 128+n.
        let interruption = InterruptFlag()
        let signals = SignalForwarder { signalNumber in
            session.interruptedBy = signalNumber
            interruption.raise(signalNumber)
        }
        let outcome: WizardOutcome
        do {
            outcome = try WizardApp.runInTerminal(environment: environment, interruption: interruption)
        } catch {
            signals.stop()
            throw Failure(description: "\(error) " + strings["wizard.use-headless"])
        }
        let logPath = try? session.finish()
        signals.stop()
        // The full-screen view is gone: what happened and what to do next stay in the terminal.
        StandardStreams.writeOutput(outcome.summary(logPath: logPath).map { $0 + "\n" }.joined())
        return outcome.reason
    }
}
