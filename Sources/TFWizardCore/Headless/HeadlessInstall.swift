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
    private let masker: SecretMasker
    private let strings: Strings
    private let write: (String) -> Void
    private let diagnose: ([UInt8], Int) -> [String]
    /// At most 4 MB of output waits for printing; past that the engine's reader waits, and so the child.
    private let events = BlockingQueue<EngineEvent>(limit: 4 << 20) { event in
        if case .output(_, let bytes) = event { return bytes.count } else { return 0 }
    }
    private var sanitizer = TerminalTextSanitizer()
    private var stepOutput = StepOutputTail()
    private var warnings = StepWarnings()

    /// - Parameters:
    ///   - write: prints one or more lines (each ends with "\n").
    ///   - diagnose: the failed step's output and plan index -> lines that explain the failure.
    public init(plan: Plan, strings: Strings, write: @escaping (String) -> Void,
                diagnose: @escaping ([UInt8], Int) -> [String]) {
        self.masker = SecretMasker(secrets: Redactor.secrets(of: plan.answers))
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
                warnings = StepWarnings(for: step)
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
            case .awaitingDecision(let index):
                for line in diagnose(stepOutput.bytes, index) { write("      \(masker.redact(line))\n") }
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
        // Child output is untrusted: the same sanitiser as the live pane; progress bars collapse. The
        // chunk's lines are printed with one write.
        var lines = ""
        sanitizer.feed(bytes) { line in lines += printable(line) }
        if !lines.isEmpty { write(lines) }
    }

    private func printOutput(_ line: String) {
        let text = printable(line)
        if !text.isEmpty { write(text) }
    }

    /// A line of child output as printed (masked, indented), counting it if it is a warning.
    private func printable(_ line: String) -> String {
        warnings.consider(line)
        return line.isEmpty ? "" : "      | \(masker.redact(line))\n"
    }

    private func describe(_ outcome: StepOutcome) -> String {
        let seconds = cFormat("%.1f", outcome.durationSeconds)
        switch outcome.status {
        case .done where warnings.count > 0:
            let first = masker.redact(warnings.first ?? "")
            return strings.text("headless.done-warnings", ["seconds": seconds, "count": String(warnings.count), "first": first])
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

/// A blocking FIFO between the engine's thread and the consumer. Weighed items (output bytes) past
/// `limit` make the producer wait, as a slow terminal makes a child wait: a consumer that cannot keep
/// up (stdout on a slow terminal) slows the child down instead of the queue growing without bound.
/// Items of weight 0 never wait, so the end of a step always gets through.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    /// Taken items are set to nil at once, so what they hold is freed before the slots are dropped.
    private var items: [Element?] = []
    private var head = 0
    private var queuedWeight = 0
    private let limit: Int
    private let weight: (Element) -> Int
    private let condition = Condition()

    init(limit: Int = .max, weight: @escaping (Element) -> Int = { _ in 0 }) {
        self.limit = limit
        self.weight = weight
    }

    func push(_ item: Element) {
        let itemWeight = weight(item)
        condition.lock()
        while itemWeight > 0 && queuedWeight > 0 && queuedWeight + itemWeight > limit { condition.wait() }
        items.append(item)
        queuedWeight += itemWeight
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count { condition.wait() }
        let item = items[head]!
        items[head] = nil
        head += 1
        queuedWeight -= weight(item)
        if head == items.count || head >= 4096 {   // drop what was taken, without moving the rest each time
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }
}
