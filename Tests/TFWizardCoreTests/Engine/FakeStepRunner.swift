import Foundation
@testable import TFWizardCore

/// A runner that plays scripted results instead of running anything.
final class FakeStepRunner: StepRunner, @unchecked Sendable {
    enum Attempt {
        case finish(output: String, termination: ProcessTermination)
        case failToStart(errorNumber: Int32)
        /// Prints `output`, then runs until terminated (ends with SIGTERM).
        case hang(output: String)
    }

    private let lock = NSLock()
    private var scripts: [String: [Attempt]]
    private(set) var started: [String] = []
    private(set) var terminated: [String] = []
    private(set) var inputs: [[UInt8]] = []
    private(set) var sizes: [(Int, Int)] = []

    init(_ scripts: [String: [Attempt]]) { self.scripts = scripts }

    var executesCommands: Bool { true }

    var startedSteps: [String] { lock.lock(); defer { lock.unlock() }; return started }
    var terminatedSteps: [String] { lock.lock(); defer { lock.unlock() }; return terminated }
    var receivedInput: [[UInt8]] { lock.lock(); defer { lock.unlock() }; return inputs }
    var receivedSizes: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return sizes }

    func start(_ step: Step, rows: Int, columns: Int,
               onOutput: @escaping @Sendable ([UInt8]) -> Void) throws -> RunningStep {
        lock.lock()
        started.append(step.id)
        sizes.append((rows, columns))
        var attempt = Attempt.finish(output: "", termination: .exited(0))
        if var queue = scripts[step.id], !queue.isEmpty {
            attempt = queue.removeFirst()
            scripts[step.id] = queue
        }
        lock.unlock()
        switch attempt {
        case .failToStart(let errorNumber):
            throw SpawnError(command: step.argv.first ?? "", errorNumber: errorNumber)
        case .finish(let output, let termination):
            if !output.isEmpty { onOutput(Array(output.utf8)) }
            return FakeRunningStep(termination: termination, hangs: false) { [self] in record(terminated: step.id) }
                input: { [self] bytes in record(input: bytes) }
        case .hang(let output):
            if !output.isEmpty { onOutput(Array(output.utf8)) }
            return FakeRunningStep(termination: .signaled(SIGTERM), hangs: true) { [self] in record(terminated: step.id) }
                input: { [self] bytes in record(input: bytes) }
        }
    }

    private func record(terminated id: String) { lock.lock(); terminated.append(id); lock.unlock() }
    private func record(input bytes: [UInt8]) { lock.lock(); inputs.append(bytes); lock.unlock() }
}

final class FakeRunningStep: RunningStep, @unchecked Sendable {
    private let condition = NSCondition()
    private let termination: ProcessTermination
    private var ended: Bool
    private let onTerminate: @Sendable () -> Void
    private let onInput: @Sendable ([UInt8]) -> Void

    init(termination: ProcessTermination, hangs: Bool, onTerminate: @escaping @Sendable () -> Void,
         input onInput: @escaping @Sendable ([UInt8]) -> Void) {
        self.termination = termination
        self.ended = !hangs
        self.onTerminate = onTerminate
        self.onInput = onInput
    }

    func waitForExit() -> ProcessTermination {
        condition.lock(); defer { condition.unlock() }
        while !ended { condition.wait() }
        return termination
    }

    func write(_ bytes: [UInt8]) { onInput(bytes) }
    func resize(rows: Int, columns: Int) {}

    func terminateGroup(grace: Double) {
        onTerminate()
        condition.lock(); ended = true; condition.broadcast(); condition.unlock()
    }
}

/// Records engine events and lets a test wait for one.
final class EventRecorder: @unchecked Sendable {
    private let condition = NSCondition()
    private var recorded: [EngineEvent] = []

    func record(_ event: EngineEvent) {
        condition.lock(); recorded.append(event); condition.broadcast(); condition.unlock()
    }

    var events: [EngineEvent] { condition.lock(); defer { condition.unlock() }; return recorded }

    /// The events without output chunks, which arrive in sizes the test does not control.
    var milestones: [EngineEvent] {
        events.filter { if case .output = $0 { return false } else { return true } }
    }

    @discardableResult
    func waitFor(timeout: Double = 10, _ predicate: (EngineEvent) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock(); defer { condition.unlock() }
        while !recorded.contains(where: predicate) {
            if !condition.wait(until: deadline) { return recorded.contains(where: predicate) }
        }
        return true
    }

    func waitForFinish(timeout: Double = 10) -> Bool {
        waitFor(timeout: timeout) { if case .finished = $0 { return true } else { return false } }
    }

    func waitForDecisionRequest(count: Int = 1, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let requests = events.filter { if case .awaitingDecision = $0 { return true } else { return false } }
            if requests.count >= count { return true }
            usleep(10_000)
        }
        return false
    }
}
