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

    /// This run's options, repeated in the "run it again" command the wizard prints.
    var rerunOptions: [String] {
        (recording.machine.map { ["--machine", $0] } ?? []) + (common.logDir.map { _ in ["--log-dir", common.logDirectory] } ?? [])
            + (common.lang.map { ["--lang", $0] } ?? [])
    }

    func run() throws {
        let strings = common.strings
        let recorded = try recording.load(strings: strings)
        let reason: ExitReason
        do {
            reason = try WizardRun.run(recorded: recorded, strings: strings, logDirectory: common.logDirectory,
                                       rerunOptions: rerunOptions)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if reason != .success { throw ExitCode(reason.exitCode) }
    }
}
