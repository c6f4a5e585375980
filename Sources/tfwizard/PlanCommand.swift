import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: HelpText["cli.plan.abstract"]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, sh, ansible, json }

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.answers"]))
    var answers: String

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.plan.format"]))
    var format: Format = .text

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.interfaceStrings()
        let recorded = try recording.load(strings: strings)
        let prepared = try PreparedPlan.forCommand(answerFile: answers, strings: strings, recorded: recorded)
        switch format {
        case .text:
            if let recorded { print(strings.text("recorded.plan.header", ["machine": recorded.name])) }
            print(PlanFormatter.text(prepared.plan, strings: strings), terminator: "")
        case .sh: print(PlanFormatter.shell(prepared.plan, strings: strings), terminator: "")
        case .ansible: print(PlaybookFormatter.playbook(prepared.plan, strings: strings), terminator: "")
        case .json: print(PlanFormatter.json(prepared.plan))
        }
    }
}

extension PreparedPlan {
    /// The prepared plan, or exit 2 with its one-line reason.
    static func forCommand(answerFile: String, strings: Strings, recorded: RecordedMachine?) throws -> PreparedPlan {
        do {
            return try PreparedPlan.make(answerFile: answerFile, strings: strings, recorded: recorded)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}

/// A failure the command reports in one line with the design's exit code.
enum CommandFailure: Error, CustomStringConvertible {
    case badInput(String)       // exit 2

    var description: String {
        switch self {
        case .badInput(let message): return message
        }
    }
}
