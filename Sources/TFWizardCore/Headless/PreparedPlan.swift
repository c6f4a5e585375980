import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Answer file -> facts -> plan, shared by `plan` and `install`. Every failure is one line naming the
/// file (and, from the answer-file reader, the line and field) or the planner's reason.
public struct PreparedPlan {
    public var answers: Answers
    public var facts: MachineFacts
    public var plan: Plan
    public var context: MachineContext

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameter answerFile: a path, or `-` for standard input.
    public static func make(answerFile: String, strings: Strings, recorded: RecordedMachine? = nil) throws(Failure) -> PreparedPlan {
        let loaded: (answers: Answers, text: String)
        do { loaded = try AnswerFile.load(answerFile, strings: strings) } catch { throw Failure(description: error.description) }
        let (answers, text) = loaded
        let context = MachineContext.make(recorded: recorded, venv: answers.venv, python: answers.python)
        let catalog: Catalog
        do { catalog = try Catalog.builtIn() } catch { throw Failure(description: "\(error)") }
        switch Planner.plan(answers: answers, facts: context.facts, catalog: catalog, target: context.target(for: answers),
                            home: context.home, strings: strings) {
        case .success(let plan):
            return PreparedPlan(answers: answers, facts: context.facts, plan: plan, context: context)
        case .failure(let refusal):
            throw Failure(description: AnswerFileError(fileName: answerFile, text: text, refusal: refusal).description)
        }
    }
}
