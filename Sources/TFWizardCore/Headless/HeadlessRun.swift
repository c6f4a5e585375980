import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `tfwizard install` from a prepared plan to its exit status: confirmation (unless told yes), the session
/// journal, the engine under the plain-lines printer, signals turned into a clean cancel, and the last words.
public enum HeadlessRun {
    /// Why the install cannot start (exit 2).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What the plan does: install TensorFlow, or remove what tfwizard installed (its last words differ).
    public enum Purpose: Sendable { case install, uninstall }

    /// Runs the plan; returns the exit status (0, 1, or 128+n / 130 after a cancel). A dry run against a
    /// recording changes nothing and needs no confirmation.
    public static func run(_ prepared: PreparedPlan, yes: Bool, strings: Strings, logDirectory: String?,
                           recorded: RecordedMachine?, purpose: Purpose = .install) throws(Failure) -> Int32 {
        var plan = prepared.plan
        if let recorded { say(strings.text("recorded.install.start", ["machine": recorded.name]) + "\n") }
        if !yes && recorded == nil {
            guard isatty(STDIN_FILENO) == 1 else { throw Failure(description: strings["headless.needs-yes"]) }
            say(strings["headless.plan-header"] + "\n")
            say(PlanFormatter.text(plan, strings: strings))
            say(strings["headless.confirm"])
            guard let reply = readLine(), ["y", "yes"].contains(reply.lowercased()) else {
                say(strings["headless.declined"] + "\n")
                return 0
            }
        }
        let session: InstallSession
        do {
            session = try InstallSession(facts: prepared.facts, strings: strings, logDirectory: logDirectory,
                                         dryRunOf: recorded?.name)
        } catch let held as StateFolderLock.Held {
            throw Failure(description: held.message(strings: strings))
        } catch {
            throw Failure(description: strings.text("wizard.log-dir-unusable", ["dir": logDirectory ?? "", "error": "\(error)"]))
        }
        if let interrupted = session.interruptedStep {
            say(interrupted.notice(strings: strings).map { "! \($0)\n" }.joined())
        }
        // The same answers after a run was cut short: go on from where it stopped (no terminal to ask on,
        // so a command it left running is waited for, not stopped).
        if purpose == .install, let offer = session.resumeOffer(for: plan) {
            say((offer.notice(strings: strings) + [strings["resume.headless"]]).map { "! \($0)\n" }.joined())
            plan = offer.apply(to: plan, handling: .wait, strings: strings)
        }
        let disk = DiskPreflight(facts: prepared.facts, device: plan.answers.device)
        let facts = prepared.facts
        let printer = HeadlessInstall(plan: plan, strings: strings, write: say, diagnose: { output, index in
            Troubleshooter.summaryLines(for: output, strings: strings, disk: disk, thisMachine: ThisMachineGPU(facts.gpu),
                                        fixFor: { entry in
                FixSteps.propose(for: entry, failedStep: plan.steps[index], plan: plan, facts: facts, strings: strings)?.steps
            })
        })
        let engine = session.makeEngine(for: plan, runner: prepared.context.stepRunner(strings), sink: printer.sink)
        let signals = SignalForwarder { signalNumber in
            session.interruptedBy = signalNumber
            engine.cancel()
        }
        let result = printer.run(engine: engine)
        signals.stop()
        if let logPath = try? session.finish() { say(strings.text("headless.log-written", ["path": logPath]) + "\n") }
        switch result {
        case .succeeded where recorded != nil:
            say(strings.text("recorded.install.finished", ["count": String(plan.steps.count)]) + "\n")
            return 0
        case .succeeded:
            let words = purpose == .uninstall ? "uninstall.succeeded"
                : plan.awaitsReboot ? "headless.succeeded-reboot" : "headless.succeeded"
            say(strings[words] + "\n")
            return 0
        case .failed:
            say(strings[purpose == .uninstall ? "uninstall.failed" : "headless.install-failed"] + "\n")
            return 1
        case .cancelled:
            say(strings[purpose == .uninstall ? "uninstall.cancelled" : "headless.install-cancelled"] + "\n")
            return session.interruptedBy.map { 128 + $0 } ?? 130
        }
    }

    /// Unbuffered, so lines from the engine's events and from the run itself never swap places.
    private static func say(_ text: String) {
        StandardStreams.writeOutput(text)
    }
}
