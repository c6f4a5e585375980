import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: HelpText["cli.doctor.abstract"],
        discussion: HelpText["cli.doctor.discussion"]
    )

    @Argument(help: ArgumentHelp(HelpText["cli.doctor.file"]))
    var file: String

    @Flag(name: .long, help: ArgumentHelp(HelpText["cli.doctor.json"]))
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let result = DoctorOutput.run(path: file, json: json, strings: common.interfaceStrings())
        if result.exitCode == DoctorOutput.exitUnreadable {
            StandardStreams.writeError(("tfwizard: " + result.output))
        } else {
            StandardStreams.writeOutput(result.output)
        }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
