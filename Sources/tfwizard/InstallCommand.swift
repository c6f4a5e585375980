import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: HelpText["cli.install.abstract"]
    )

    @OptionGroup var answerFile: AnswerFileRun
    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.interfaceStrings()
        let recorded = try recording.load(strings: strings)
        let prepared = try PreparedPlan.forCommand(answerFile: answerFile.answers, strings: strings, recorded: recorded)
        let status: Int32
        do {
            status = try HeadlessRun.run(prepared, yes: answerFile.yes, strings: strings, logDirectory: common.logDirectory,
                                         recorded: recorded)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// `--answers FILE [--yes]`: the commands that run what an answer file says (install, uninstall).
struct AnswerFileRun: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(HelpText["cli.answers"]))
    var answers: String

    @Flag(name: .long, help: ArgumentHelp(HelpText["cli.install.yes"]))
    var yes = false
}
