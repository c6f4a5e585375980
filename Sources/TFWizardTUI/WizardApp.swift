import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Engine events arrive on the engine's thread; the UI loop drains them on its own, about 20 times a
/// second. A child can print far faster than a screen can show (a flood of 100,000 lines a second), so
/// the queue is bounded: past `maxPendingOutputBytes` of undrawn output the oldest output is dropped
/// from the live view (the journal has every byte), and each drain merges a step's consecutive output
/// into one event, so the UI does one update per step per drain, not one per chunk. The bound is also
/// what one drain can cost the UI thread, so a key is never kept waiting behind more than that.
final class EngineEventQueue: @unchecked Sendable {
    static let maxPendingOutputBytes = 256 << 10

    private let lock = Lock()
    private var pending: [EngineEvent] = []
    private var pendingOutputBytes = 0
    private var droppedOutputBytes = 0

    func push(_ event: EngineEvent) {
        lock.lock(); defer { lock.unlock() }
        pending.append(event)
        guard case .output(_, let bytes) = event else { return }
        pendingOutputBytes += bytes.count
        if pendingOutputBytes > Self.maxPendingOutputBytes { dropOldestOutputLocked() }
    }

    /// The events since the last drain, consecutive output of one step merged, and how many output
    /// bytes were dropped from the live view since then.
    func drain() -> (events: [EngineEvent], droppedOutputBytes: Int) {
        lock.lock()
        let events = pending
        let dropped = droppedOutputBytes
        pending.removeAll(keepingCapacity: true)
        pendingOutputBytes = 0
        droppedOutputBytes = 0
        lock.unlock()
        return (Self.mergingOutput(events), dropped)
    }

    /// Drops output from the front until half the bound is left: one pass, whatever the flood.
    private func dropOldestOutputLocked() {
        var kept: [EngineEvent] = []
        kept.reserveCapacity(pending.count)
        for event in pending {
            if pendingOutputBytes > Self.maxPendingOutputBytes / 2, case .output(_, let bytes) = event {
                pendingOutputBytes -= bytes.count
                droppedOutputBytes += bytes.count
            } else {
                kept.append(event)
            }
        }
        pending = kept
    }

    static func mergingOutput(_ events: [EngineEvent]) -> [EngineEvent] {
        var merged: [EngineEvent] = []
        merged.reserveCapacity(events.count)
        var run: (index: Int, bytes: [UInt8])?
        for event in events {
            if case .output(let index, let bytes) = event {
                if run?.index == index { run?.bytes.append(contentsOf: bytes) } else {
                    if let done = run { merged.append(.output(index: done.index, bytes: done.bytes)) }
                    run = (index, bytes)
                }
                continue
            }
            if let done = run { merged.append(.output(index: done.index, bytes: done.bytes)); run = nil }
            merged.append(event)
        }
        if let done = run { merged.append(.output(index: done.index, bytes: done.bytes)) }
        return merged
    }
}

/// The interactive wizard: reads keys, drains engine events, updates state, draws.
public enum WizardApp {
    /// Milliseconds a key read waits, so engine output and elapsed times appear without a key press.
    static let keyTimeoutMilliseconds = 50
    /// The shortest time between two frames drawn for output alone (a key's answer is drawn at once):
    /// what reaches the terminal each second is bounded by the frame rate, whatever the child prints.
    static let minimumFrameSeconds = 1.0 / 30

    /// Longest wait, after a signal, for a cancelled install to end (the engine's TERM-then-KILL grace).
    static var interruptWaitSeconds: Double { Engine.cancelGrace + 2 }

    /// Runs the wizard on a terminal until the user leaves; the terminal is left open (its owner closes it).
    /// - Parameter interruption: raised by the process's signal handling; when set, a running install
    ///   is cancelled (its process group terminated, then killed) and the run ends as `.interrupted`.
    public static func run(environment: WizardEnvironment, terminal: Terminal,
                           interruption: InterruptFlag? = nil) -> ExitReason {
        runToEnd(environment: environment, terminal: terminal, interruption: interruption).reason
    }

    /// How the wizard ended, and its last state (for the summary printed after the screen is gone).
    static func runToEnd(environment: WizardEnvironment, terminal: Terminal,
                         interruption: InterruptFlag? = nil) -> (reason: ExitReason, state: WizardState) {
        var state = Wizard.initialState(environment: environment, size: terminal.size)
        let queue = EngineEventQueue()
        let background = BackgroundWork()
        var engine: EngineControl?

        func perform(_ effects: [WizardEffect]) {
            for effect in effects {
                switch effect {
                case .startEngine(let plan):
                    let control = environment.startEngine(plan) { queue.push($0) }
                    engine = control
                    control.start()
                case .decide(let decision): engine?.decide(decision)
                case .retryAfterFixes(let fixes): engine?.retry(afterFixes: fixes)
                case .cancelEngine: engine?.cancel()
                case .sendInput(let bytes): engine?.sendInput(bytes)
                case .resizeLogPane(let rows, let columns): engine?.resize(rows: rows, columns: columns)
                case .inspectTarget, .readLogFile, .probeInterpreter, .measureFolder, .completeFolder, .planUninstall:
                    if let answer = environment.read(effect) { dispatch(answer) }
                case .exportLog:
                    // Off the UI thread: the export reads the whole transcript back.
                    let exportLog = environment.exportLog
                    background.run {
                        do { return .logExported(path: try exportLog(), error: nil) }
                        catch { return .logExported(path: nil, error: String(describing: error)) }
                    }
                case .saveAnswers(let answers):
                    do { dispatch(.answersSaved(path: try environment.saveAnswers(answers), error: nil)) }
                    catch { dispatch(.answersSaved(path: nil, error: String(describing: error))) }
                }
            }
        }

        func dispatch(_ event: WizardEvent) {
            perform(Wizard.update(&state, event, environment: environment))
        }

        var lastFrame = Date()
        func drawFrame() {
            Wizard.render(state, on: terminal)
            lastFrame = Date()
        }
        // Engine events taken from the queue but not yet applied: a key that comes in while a burst of
        // output is being taken in is answered first, and the rest of the burst follows.
        var backlog = EngineEventBacklog()
        drawFrame()
        while state.exitReason == nil {
            if let signal = interruption?.pending ?? (terminal.hasHungUp ? SIGHUP : nil) {
                backlog.applyAll { dispatch(.engine($0)) }
                if state.isInstallRunning, let engine { stopInstall(engine, queue: queue, dispatch: dispatch) }
                return (.interrupted(signal: signal), state)
            }
            let key = terminal.readKey(timeoutMilliseconds: backlog.isEmpty ? keyTimeoutMilliseconds : 0)
            dispatch(.tick(environment.clock()))
            if terminal.size != state.size || key == .resize {
                dispatch(.resized(terminal.size))
            }
            // A key acts on the screen the user sees, and its answer is drawn before more output is taken in.
            if let key, key != .resize {
                dispatch(.key(key))
                drawFrame()
            }
            let drained = queue.drain()
            if drained.droppedOutputBytes > 0, let index = state.runningStepIndex {
                backlog.applyAll { dispatch(.engine($0)) }   // the notice comes after what was taken in before
                let notice = environment.strings.text("install.output-skipped", ["bytes": String(drained.droppedOutputBytes)])
                dispatch(.engine(.output(index: index, bytes: Array(("\r\n" + notice + "\r\n").utf8))))
            }
            backlog.append(drained.events)
            backlog.apply(until: { terminal.hasKeyWaiting }) { dispatch(.engine($0)) }
            for answer in background.drain() { dispatch(answer) }
            if Date().timeIntervalSince(lastFrame) >= minimumFrameSeconds || state.exitReason != nil { drawFrame() }
        }
        // Leaving while a child still runs (it cannot, but a dropped engine must not outlive the UI).
        if state.isInstallRunning { engine?.cancel() }
        return (state.exitReason ?? .cancelled, state)
    }

    /// Cancels the install and waits (bounded) until the engine reports the end, so the child's process
    /// group is gone and the transcript holds everything before the terminal is given back.
    private static func stopInstall(_ engine: EngineControl, queue: EngineEventQueue,
                                    dispatch: (WizardEvent) -> Void) {
        engine.cancel()
        let deadline = Date().addingTimeInterval(interruptWaitSeconds)
        while Date() < deadline {
            var ended = false
            for event in queue.drain().events {
                if case .finished = event { ended = true }
                dispatch(.engine(event))
            }
            if ended { return }
            usleep(20_000)
        }
    }
}
