import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: HelpText["cli.probe.abstract"]
    )

    @Flag(name: .long, help: ArgumentHelp(HelpText["cli.probe.json"]))
    var json = false

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.probe.root"]))
    var root: String?

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.probe.venv"]))
    var venv: String = Answers.defaultVenv

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func validate() throws {
        if let root {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory else {
                throw ValidationError(HelpText["cli.probe.root.not-folder", ["root": root]])
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
