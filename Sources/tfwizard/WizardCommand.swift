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

    @Option(name: .long, help: "An answer file whose choices every screen starts from (each can still be changed).")
    var answers: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.strings
        let recorded = try recording.load(strings: strings)
        let reason: ExitReason
        do {
            reason = try WizardRun.run(recorded: recorded, strings: strings, logDirectory: common.logDirectory,
                                       answerFile: answers)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if reason != .success { throw ExitCode(reason.exitCode) }
    }
}
