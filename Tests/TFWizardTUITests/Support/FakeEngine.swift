import Foundation
import TFWizardCore

/// An engine that records what it was told and plays scripted events when started.
final class FakeEngine: EngineControl, @unchecked Sendable {
    private let lock = NSLock()
    private let sink: @Sendable (EngineEvent) -> Void
    private var script: [EngineEvent]
    private(set) var started = false
    private(set) var decisions: [FailureDecision] = []
    private(set) var fixRuns: [[Step]] = []
    private(set) var cancelled = false
    private(set) var input: [UInt8] = []
    private(set) var sizes: [(Int, Int)] = []

    init(script: [EngineEvent], sink: @escaping @Sendable (EngineEvent) -> Void) {
        self.script = script; self.sink = sink
    }

    func start() {
        lock.lock(); started = true; let events = script; lock.unlock()
        events.forEach(sink)
    }
    func decide(_ decision: FailureDecision) { lock.lock(); decisions.append(decision); lock.unlock() }
    func retry(afterFixes fixes: [Step]) { lock.lock(); fixRuns.append(fixes); lock.unlock() }
    func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
        sink(.finished(success: false, cancelled: true))
    }
    func sendInput(_ bytes: [UInt8]) { lock.lock(); input += bytes; lock.unlock() }
    func resize(rows: Int, columns: Int) { lock.lock(); sizes.append((rows, columns)); lock.unlock() }
}
