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
        discussion: """
            Without FILE, diagnoses the newest session log in the log folder. A CUDA library that cannot be \
            loaded is the cause on a machine with an NVIDIA GPU and harmless without one: what the log says \
            decides, else this machine's GPU when --this-machine is on (the default for the newest session log).
            Exit status: 0 no failure cause found, 1 a failure cause found, 2 the input could not be read.
            """
    )

    @Argument(help: "The log file, or - for standard input (default: the newest session log).")
    var file: String?

    @Flag(name: .long, help: "Print {\"matches\": [...]} as JSON, most likely cause first.")
    var json = false

    @Flag(name: .long, help: "List every problem the catalog knows: id, failure or harmless, title.")
    var list = false

    @Flag(name: .long, inversion: .prefixedNo,
          help: "Where the log does not say whether its machine has an NVIDIA GPU, ask this machine's.")
    var thisMachine: Bool?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if list && (file != nil || json || thisMachine != nil) {
            throw ValidationError("--list takes no log file and no other option.")
        }
    }

    func run() throws {
        let request = DoctorRequest(path: file, json: json, list: list, thisMachine: thisMachine,
                                    logDirectory: common.logDirectory)
        let result = DoctorOutput.run(request, strings: common.strings)
        if result.exitCode == DoctorOutput.exitUnreadable {
            StandardStreams.writeError(("tfwizard: " + result.output))
        } else {
            StandardStreams.writeOutput(result.output)
        }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
