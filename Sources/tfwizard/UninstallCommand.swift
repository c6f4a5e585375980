import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: HelpText["cli.uninstall.abstract"]
    )

    @OptionGroup var answerFile: AnswerFileRun
    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.interfaceStrings()
        let recorded = try recording.load(strings: strings)
        let status: Int32
        do {
            let prepared = try UninstallRun.prepare(answerFile: answerFile.answers, strings: strings, logDirectory: common.logDirectory,
                                                    recorded: recorded)
            status = try UninstallRun.run(prepared, yes: answerFile.yes, strings: strings, logDirectory: common.logDirectory,
                                          recorded: recorded)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
