import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Runs the plan for an answer file without the full-screen interface, in plain lines."
    )

    @Option(name: .long, help: "The answer file (YAML).")
    var answers: String

    @Flag(name: .long, help: "Run without asking for confirmation (needed without a terminal).")
    var yes = false

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.strings
        let recorded = try recording.load(strings: strings)
        let prepared = try PreparedPlan.forCommand(answerFile: answers, strings: strings, recorded: recorded)
        let plan = prepared.plan
        if let recorded { say(strings.text("recorded.install.start", ["machine": recorded.name]) + "\n") }
        // A dry run changes nothing, so it needs no confirmation.
        if !yes && recorded == nil {
            guard isatty(STDIN_FILENO) == 1 else { throw CommandFailure.badInput(strings["headless.needs-yes"]) }
            say(strings["headless.plan-header"] + "\n")
            say(PlanFormatter.text(plan, strings: strings))
            say(strings["headless.confirm"])
            guard let reply = readLine(), ["y", "yes"].contains(reply.lowercased()) else {
                say(strings["headless.declined"] + "\n")
                return
            }
        }
        let session = try InstallSession(facts: prepared.facts, strings: strings, logDirectory: common.logDirectory,
                                         dryRunOf: recorded?.name)
        if let interrupted = session.interruptedStep {
            say(interrupted.notice(strings: strings).map { "! \($0)\n" }.joined())
        }
        let disk = DiskPreflight(facts: prepared.facts, device: plan.answers.device)
        let printer = HeadlessInstall(plan: plan, strings: strings, write: say, diagnose: { output in
            Troubleshooter.summaryLines(for: output, strings: strings, disk: disk)
        })
        let engine = session.makeEngine(for: plan, runner: prepared.context.stepRunner, sink: printer.sink)
        let signals = SignalForwarder { signalNumber in
            session.interruptedBy = signalNumber
            engine.cancel()
        }
        let result = printer.run(engine: engine)
        signals.stop()
        let logPath = try? session.finish()
        if let logPath { say(strings.text("headless.log-written", ["path": logPath]) + "\n") }
        switch result {
        case .succeeded where recorded != nil:
            say(strings.text("recorded.install.finished", ["count": String(plan.steps.count)]) + "\n")
        case .succeeded:
            say(strings[plan.awaitsReboot ? "headless.succeeded-reboot" : "headless.succeeded"] + "\n")
        case .failed:
            say(strings["headless.install-failed"] + "\n")
            throw ExitCode(1)
        case .cancelled:
            say(strings["headless.install-cancelled"] + "\n")
            throw ExitCode(session.interruptedBy.map { 128 + $0 } ?? 130)
        }
    }
}

/// Unbuffered, so lines from the engine's events and from the command itself never swap places.
private func say(_ text: String) {
    StandardStreams.writeOutput(text)
}
