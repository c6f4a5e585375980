import Dispatch
import TFWizardCore

/// Work the UI loop hands to another thread, so the screen keeps drawing and answering keys while it
/// runs (the log export reads the whole transcript back: seconds after a step that printed hundreds of
/// MB). Each piece of work ends in an event, which the loop dispatches between two frames.
final class BackgroundWork: @unchecked Sendable {
    private let lock = Lock()
    private var answers: [WizardEvent] = []

    /// Runs `work` on a global queue; its event waits for `drain`.
    func run(_ work: @escaping () -> WizardEvent) {
        let unchecked = UncheckedWork(work: work)
        DispatchQueue.global(qos: .utility).async { [self] in
            let answer = unchecked.work()
            lock.lock(); answers.append(answer); lock.unlock()
        }
    }

    /// The events of the work finished since the last drain, in the order it finished.
    func drain() -> [WizardEvent] {
        lock.lock(); defer { lock.unlock() }
        let finished = answers
        answers.removeAll()
        return finished
    }

    /// The environment's closures are not `Sendable`; each one handed here runs once, on one thread.
    private struct UncheckedWork: @unchecked Sendable { let work: () -> WizardEvent }
}
