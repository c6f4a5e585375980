import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Prints the commands the wizard would run for an answer file. Runs nothing."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, sh, json }

    @Option(name: .long, help: "The answer file (YAML).")
    var answers: String

    @Option(name: .long, help: "text, sh (a runnable script) or json.")
    var format: Format = .text

    @OptionGroup var common: CommonOptions
    @OptionGroup var recording: RecordedMachineOption

    func run() throws {
        let strings = common.strings
        let recorded = try recording.load(strings: strings)
        let prepared = try PreparedPlan.make(answerFile: answers, strings: strings, recorded: recorded)
        switch format {
        case .text:
            if let recorded { print(strings.text("recorded.plan.header", ["machine": recorded.name])) }
            print(PlanFormatter.text(prepared.plan, strings: strings), terminator: "")
        case .sh: print(PlanFormatter.shell(prepared.plan), terminator: "")
        case .json: print(PlanFormatter.json(prepared.plan))
        }
    }
}

/// Answer file -> facts -> plan, shared by `plan` and `install`. Bad input exits 2 with a message
/// naming the file, line and field; a refused combination exits 2 with the planner's reason.
struct PreparedPlan {
    var answers: Answers
    var facts: MachineFacts
    var plan: Plan
    var context: MachineContext

    static func make(answerFile: String, strings: Strings, recorded: RecordedMachine? = nil) throws -> PreparedPlan {
        let text: String
        do {
            text = try readAnswerText(answerFile)
        } catch {
            throw CommandFailure.badInput("\(answerFile): cannot read the answer file: \(Self.reason(error))")
        }
        let answers: Answers
        do {
            answers = try AnswerFile.parse(text, fileName: answerFile)
        } catch {
            throw CommandFailure.badInput("\(error)")
        }
        let context = MachineContext.make(recorded: recorded, venv: answers.venv)
        let catalog = try Catalog.builtIn()
        let home = context.home
        let target = recorded == nil ? TargetState.inspect(venvPath: PathExpansion.expandTilde(answers.venv, home: home))
                                     : context.target(for: answers)
        switch Planner.plan(answers: answers, facts: context.facts, catalog: catalog, target: target, home: home,
                            strings: strings) {
        case .success(let plan):
            return PreparedPlan(answers: answers, facts: context.facts, plan: plan, context: context)
        case .failure(let refusal):
            throw CommandFailure.badInput("\(answerFile): \(refusal.field): \(refusal)")
        }
    }

    /// "No such file or directory" rather than the path again.
    private static func reason(_ error: Error) -> String {
        guard let error = error as? FileSystemError else { return "\(error)" }
        return String(cString: strerror(error.code))
    }

    private static func readAnswerText(_ path: String) throws -> String {
        if path == "-" {
            return StandardStreams.readInput()
        }
        return try FileText.read(path)
    }
}

/// A failure the command reports in one line with the design's exit code.
enum CommandFailure: Error, CustomStringConvertible {
    case badInput(String)       // exit 2
    case stepFailed(String)     // exit 1

    var description: String {
        switch self {
        case .badInput(let message), .stepFailed(let message): return message
        }
    }
}
