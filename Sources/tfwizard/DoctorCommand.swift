import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Diagnoses an install log against the error catalog: the likely cause and its fix.",
        discussion: "Exit status: 0 no failure cause found, 1 a failure cause found, 2 the input could not be read."
    )

    @Argument(help: "The log file, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Print {\"matches\": [...]} as JSON, most likely cause first.")
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
