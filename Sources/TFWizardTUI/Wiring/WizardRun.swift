import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The interactive wizard from the command line to its exit status: signals raising a flag the UI loop
/// sees, the terminal and its first frame at once, then behind it the probe (or a recording), the session
/// journal and the live wiring, the full-screen run, and the summary printed once the screen is gone.
public enum WizardRun {
    /// Why the wizard cannot start (exit 2): no terminal, an unusable log folder, an unknown TERM.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - answerFile: the answers the screens start from (`--answers FILE`); each screen is still shown. A
    ///     file that cannot be read is bad input; an answer this machine refuses is named, with its line, at
    ///     the top of the welcome screen.
    ///   - rerunOptions: the options of this run (`--log-dir DIR`, ...), kept in the command it prints for
    ///     running the install again.
    ///   - notices: lines for the welcome screen (a note about the interface language).
    public static func run(recorded: RecordedMachine?, strings: Strings, logDirectory: String, answerFile: String? = nil,
                           rerunOptions: [String] = [], notices: [String] = []) throws(Failure) -> ExitReason {
        var loaded: (answers: Answers, text: String)?
        if let answerFile {
            do { loaded = try AnswerFile.load(answerFile, strings: strings) } catch { throw Failure(description: error.description) }
        }
        // Checked before probing or opening anything: without a terminal, say how to go on.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Failure(description: strings["headless.no-terminal"])
        }
        // Signals only raise a flag: the UI loop cancels the install and restores the terminal, then the
        // log is written and the exit status is 128+n. Set up before the terminal is opened, so a signal
        // during the probe finds the terminal given back too.
        let interruption = InterruptFlag()
        let signals = SignalForwarder { signalNumber in interruption.raise(signalNumber) }
        defer { signals.stop() }
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(strings: strings) } catch {
            throw Failure(description: "\(error) " + strings["wizard.use-headless"])
        }
        // The first frame at once; the probe runs while it is on screen.
        ProbingScreen.render(on: terminal, strings: strings, recordedMachine: recorded?.name)
        let session: InstallSession
        var environment: WizardEnvironment
        do {
            (session, environment) = try prepare(recorded: recorded, strings: strings, logDirectory: logDirectory,
                                                 answerFile: answerFile, loaded: loaded, notices: notices)
        } catch {
            terminal.close()
            throw error
        }
        environment.rerunOptions = rerunOptions
        let (reason, state) = WizardApp.runToEnd(environment: environment, terminal: terminal, interruption: interruption)
        terminal.close()
        if case .interrupted(let signalNumber) = reason {
            session.interruptedBy = signalNumber
            // No signal came: the terminal itself went away (the loop saw it hung up).
            if interruption.pending == nil { session.journal.recordNote(strings["wizard.terminal-gone"]) }
        }
        let logPath = try? session.finish()
        // The full-screen view is gone: what happened and what to do next stay in the terminal.
        let outcome = WizardOutcome(reason: reason, state: state)
        StandardStreams.writeOutput(outcome.summary(logPath: logPath).map { $0 + "\n" }.joined())
        return reason
    }

    /// The probe (or the recording), the catalog, the session journal and the live wiring: the answers to
    /// start from, what an uninstall would remove, and a run cut short offered first.
    private static func prepare(recorded: RecordedMachine?, strings: Strings, logDirectory: String,
                                answerFile: String?, loaded: (answers: Answers, text: String)?,
                                notices: [String]) throws(Failure) -> (InstallSession, WizardEnvironment) {
        let initialAnswers = loaded?.answers ?? Answers()
        let context = MachineContext.make(recorded: recorded, venv: initialAnswers.venv, python: initialAnswers.python)
        let catalog: Catalog
        do { catalog = try Catalog.builtIn() } catch { throw Failure(description: "\(error)") }
        let session: InstallSession
        do {
            session = try InstallSession(facts: context.facts, strings: strings, logDirectory: logDirectory,
                                         dryRunOf: recorded?.name)
        } catch let held as StateFolderLock.Held {
            throw Failure(description: held.message(strings: strings))   // the folder is fine; another run has it
        } catch {
            throw Failure(description: strings.text("wizard.log-dir-unusable", ["dir": logDirectory, "error": "\(error)"]))
        }
        var environment = WizardEnvironment.live(
            context: context, catalog: catalog, errorCatalog: try? ErrorCatalog.builtIn(), strings: strings,
            sideEffects: .session(session, runner: context.stepRunner(strings)),
            notices: notices + (session.interruptedStep.map { $0.notice(strings: strings) } ?? [])
                + answerNotices(answerFile, loaded, context: context, catalog: catalog, strings: strings))
        environment.initialAnswers = initialAnswers
        environment.answersFromFile = loaded != nil
        environment.uninstallAnswers = loaded == nil ? RunState.all(in: session.journal.directory).last?.state.answers : nil
        environment.planUninstall = { answers in
            UninstallRun.plan(answers, context: context, catalog: catalog, logDirectory: session.journal.directory, strings: strings)
        }
        // A run cut short in this state folder: offered first, with its answers, from where it stopped.
        if let run = session.interruptedRun,
           case .success(let plan) = Planner.plan(answers: run.answers, facts: context.facts, catalog: catalog,
                                                  target: context.target(for: run.answers), home: context.home, strings: strings),
           let offer = session.resumeOffer(for: plan) {
            environment.resumeOffer = offer
            environment.probeSummary = offer.notice(strings: strings) + environment.probeSummary
        }
        return (session, environment)
    }

    /// What the planner refuses in the answer file, as the `plan` command would say it (file, line, field).
    static func answerNotices(_ path: String?, _ loaded: (answers: Answers, text: String)?, context: MachineContext,
                              catalog: Catalog, strings: Strings) -> [String] {
        guard let path, let loaded else { return [] }
        let planned = Planner.plan(answers: loaded.answers, facts: context.facts, catalog: catalog,
                                   target: context.target(for: loaded.answers), home: context.home, strings: strings)
        guard case .failure(let refusal) = planned else { return [] }
        return [AnswerFileError(fileName: path, text: loaded.text, refusal: refusal).description]
    }
}
