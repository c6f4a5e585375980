import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Shows what the machine has, as the wizard sees it. Changes nothing, uses no network."
    )

    @Flag(name: .long, help: "Print the facts as JSON.")
    var json = false

    @Option(name: .long, help: "Read the machine's files under this folder instead of / (for recorded machines).")
    var root: String?

    @Option(name: .long, help: "The folder the virtual environment would go in (free disk is measured there).")
    var venv: String = Answers.defaultVenv

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func validate() throws {
        if let root {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory else {
                throw ValidationError("--root: '\(root)' is not a folder.")
            }
        }
    }

    func run() throws {
        let strings = common.interfaceStrings()
        let recorded = try recording.load(strings: strings)
        let facts = recorded.map { $0.prober(venvTarget: venv).probe() } ?? MachineProbe.run(root: root, venv: venv)
        if json {
            print(ProbeReport.json(facts))
        } else {
            print(ProbeReport.text(facts, strings: strings), terminator: "")
        }
    }
}
