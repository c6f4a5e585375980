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
    var file: String?

    @Flag(name: .long, help: ArgumentHelp(HelpText["cli.doctor.json"]))
    var json = false

    @Flag(name: .long, help: ArgumentHelp(HelpText["cli.doctor.list"]))
    var list = false

    @Flag(name: .long, inversion: .prefixedNo,
          help: ArgumentHelp(HelpText["cli.doctor.this-machine"]))
    var thisMachine: Bool?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if list && (file != nil || json || thisMachine != nil) {
            throw ValidationError(HelpText["cli.doctor.list-alone"])
        }
    }

    func run() throws {
        let request = DoctorRequest(path: file, json: json, list: list, thisMachine: thisMachine,
                                    logDirectory: common.logDirectory)
        let result = DoctorOutput.run(request, strings: common.interfaceStrings())
        if result.exitCode == DoctorOutput.exitUnreadable {
            StandardStreams.writeError(("tfwizard: " + result.output))
        } else {
            StandardStreams.writeOutput(result.output)
        }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
