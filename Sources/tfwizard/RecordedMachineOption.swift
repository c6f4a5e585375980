import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// `--machine DIR`: plan and walk the wizard against a recorded machine (a folder with root/ and
/// commands.json) instead of this one. Nothing is run: the engine is the dry run. Hidden from --help's
/// option list; the README's "Recorded machines" section documents it.
struct RecordedMachineOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(HelpText["cli.machine"],
                                            valueName: "dir", visibility: .hidden))
    var machine: String?

    /// The recording, or nil for this machine; a folder that is not a recording is bad input (exit 2).
    func load(strings: Strings) throws -> RecordedMachine? { try Self.load(machine, strings: strings) }

    static func load(_ machine: String?, strings: Strings) throws -> RecordedMachine? {
        guard let machine else { return nil }
        do {
            return try RecordedMachine(folder: machine, strings: strings)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}
