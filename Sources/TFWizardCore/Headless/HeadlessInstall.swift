import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `tfwizard install` without the TUI: runs the engine and prints plain lines, one event at a time,
/// from the thread that calls `run()`. Any failure aborts (there is nobody to ask); the diagnosis of
/// the failed step is printed before it ends.
public final class HeadlessInstall: @unchecked Sendable {
    public enum Result: Equatable, Sendable { case succeeded, failed, cancelled }

    private let plan: Plan
    /// Child output is printed with these (the plan's credentials) masked, as in the transcript.
    private let secrets: [String]
    private let strings: Strings
    private let write: (String) -> Void
    private let diagnose: ([UInt8]) -> [String]
    private let events = BlockingQueue<EngineEvent>()
    private var sanitizer = TerminalTextSanitizer()
    private var stepOutput = StepOutputTail()

    /// - Parameters:
    ///   - write: prints one or more lines (each ends with "\n").
    ///   - diagnose: the failed step's output -> lines that explain the failure.
    public init(plan: Plan, strings: Strings, write: @escaping (String) -> Void,
                diagnose: @escaping ([UInt8]) -> [String]) {
        self.secrets = Redactor.secrets(of: plan.answers)
        self.plan = plan
        self.strings = strings
        self.write = write
        self.diagnose = diagnose
    }

    /// The sink to give the engine when creating it.
    public var sink: @Sendable (EngineEvent) -> Void {
        { [events] event in events.push(event) }
    }

    /// Runs until the engine finishes. `engine` was created with `sink`.
    public func run(engine: EngineControl) -> Result {
        let count = plan.steps.count
        write(strings.text("headless.start", ["count": String(count)]) + "\n")
        engine.start()
        var startedIndex: Int?
        while true {
            switch events.pop() {
            case .stepStarted(let index):
                startedIndex = index
                let step = plan.steps[index]
                stepOutput.reset()
                sanitizer = TerminalTextSanitizer()
                write("[\(index + 1)/\(count)] \(step.title)\n")
                write("      $ \(CommandDisplay.render(step))\n")
            case .output(_, let bytes):
                record(bytes)
            case .stepSkipped(let index, let reason):
                // A started step that ends skipped (a dry run's check) already has its title line.
                if startedIndex != index { write("[\(index + 1)/\(count)] \(plan.steps[index].title)\n") }
                sanitizer.finish { line in printOutput(line) }
                write("      " + strings.text("headless.skipped", ["reason": reason]) + "\n")
            case .stepFinished(_, let outcome):
                sanitizer.finish { line in printOutput(line) }
                write("      " + describe(outcome) + "\n")
            case .validated(_, let report):
                write(ValidationSummary.lines(report, strings: strings).map { "      \($0)\n" }.joined())
            case .awaitingDecision:
                for line in diagnose(stepOutput.bytes) { write("      \(Redactor.redact(line, secrets: secrets))\n") }
                engine.decide(.abort)
            case .decided, .fixStarted, .fixFinished, .aborted:
                break   // the log's business; fix commands announce themselves in the step's output
            case .finished(let success, let cancelled):
                if cancelled { return .cancelled }
                return success ? .succeeded : .failed
            }
        }
    }

    private func record(_ bytes: [UInt8]) {
        stepOutput.append(bytes)
        // Child output is untrusted: the same sanitiser as the live pane; progress bars collapse.
        sanitizer.feed(bytes) { line in printOutput(line) }
    }

    private func printOutput(_ line: String) {
        if !line.isEmpty { write("      | \(Redactor.redact(line, secrets: secrets))\n") }
    }

    private func describe(_ outcome: StepOutcome) -> String {
        let seconds = cFormat("%.1f", outcome.durationSeconds)
        switch outcome.status {
        case .done: return strings.text("headless.done", ["seconds": seconds])
        case .cancelled: return strings.text("headless.cancelled", ["seconds": seconds])
        default:
            let how = outcome.failureReason
                ?? outcome.exitCode.map { strings.text("engine.exitStatus", ["code": String($0)]) }
                ?? outcome.signal.map { strings.text("engine.killedBySignal", ["signal": String($0)]) } ?? "?"
            return strings.text("headless.failed", ["how": how, "seconds": seconds])
        }
    }
}

/// A simple blocking FIFO between the engine's thread and the consumer.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private var items: [Element] = []
    private let condition = Condition()

    func push(_ item: Element) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    func pop() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        return items.removeFirst()
    }
}
