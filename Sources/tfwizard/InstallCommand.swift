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

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.answers"]))
    var answers: String

    @Flag(name: .long, help: ArgumentHelp(HelpText["cli.install.yes"]))
    var yes = false

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.interfaceStrings()
        let recorded = try recording.load(strings: strings)
        let prepared = try PreparedPlan.forCommand(answerFile: answers, strings: strings, recorded: recorded)
        let status: Int32
        do {
            status = try HeadlessRun.run(prepared, yes: yes, strings: strings, logDirectory: common.logDirectory,
                                         recorded: recorded)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
