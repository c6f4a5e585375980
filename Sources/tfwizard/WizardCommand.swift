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
        abstract: HelpText["cli.wizard.abstract"],
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.wizard.answers"]))
    var answers: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        try WizardLaunch(answers: answers, lang: common.lang, logDir: common.logDir, machine: recording.machine).run()
    }
}

/// The wizard's options as plain values. `tfwizard` with no arguments, the usual start, comes here
/// without ArgumentParser: its parse reflects over every subcommand's options and cost more than the
/// rest of the start-up to the first frame (bench/first-frame.py).
struct WizardLaunch {
    var answers: String?
    var lang: String?
    var logDir: String?
    var machine: String?

    /// This run's options, repeated in the "run it again" command the wizard prints.
    var rerunOptions: [String] {
        (machine.map { ["--machine", $0] } ?? []) + (logDir.map { _ in ["--log-dir", CommonOptions.logDirectory(logDir)] } ?? [])
            + (lang.map { ["--lang", $0] } ?? [])
    }

    func run() throws {
        // The full screen needs a UTF-8 locale for any language but English; a note about the choice is
        // shown on the welcome screen, where it stays readable.
        let choice = CommonOptions.language(lang, fullScreen: true)
        let strings = Strings(language: choice.language)
        let recorded = try RecordedMachineOption.load(machine, strings: strings)
        let reason: ExitReason
        do {
            reason = try WizardRun.run(recorded: recorded, strings: strings, logDirectory: CommonOptions.logDirectory(logDir),
                                       answerFile: answers, rerunOptions: rerunOptions,
                                       notices: choice.noteKey.map { [strings[$0]] } ?? [])
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if reason != .success { throw ExitCode(reason.exitCode) }
    }
}
