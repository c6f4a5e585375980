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

    /// This run's options, repeated in the "run it again" command the wizard prints.
    var rerunOptions: [String] {
        (recording.machine.map { ["--machine", $0] } ?? []) + (common.logDir.map { _ in ["--log-dir", common.logDirectory] } ?? [])
            + (common.lang.map { ["--lang", $0] } ?? [])
    }

    func run() throws {
        // The full screen needs a UTF-8 locale for any language but English; a note about the choice is
        // shown on the welcome screen, where it stays readable.
        let choice = common.language(fullScreen: true)
        let strings = Strings(language: choice.language)
        let recorded = try recording.load(strings: strings)
        let reason: ExitReason
        do {
            reason = try WizardRun.run(recorded: recorded, strings: strings, logDirectory: common.logDirectory,
                                       answerFile: answers, rerunOptions: rerunOptions,
                                       notices: choice.noteKey.map { [strings[$0]] } ?? [])
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if reason != .success { throw ExitCode(reason.exitCode) }
    }
}
