import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Removes what tfwizard installed for an answer file (shown first); never what it did not make."
    )

    @Option(name: .long, help: "The answer file (YAML) of the install to remove.")
    var answers: String

    @Flag(name: .long, help: "Remove without asking for confirmation (needed without a terminal).")
    var yes = false

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.strings
        let recorded = try recording.load(strings: strings)
        let status: Int32
        do {
            let prepared = try UninstallRun.prepare(answerFile: answers, strings: strings, logDirectory: common.logDirectory,
                                                    recorded: recorded)
            status = try UninstallRun.run(prepared, yes: yes, strings: strings, logDirectory: common.logDirectory,
                                          recorded: recorded)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
