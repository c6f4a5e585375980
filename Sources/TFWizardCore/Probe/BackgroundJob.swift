import Foundation

/// Work started on its own thread right away; `value()` waits for it. The probe's commands block on
/// their child processes, so each gets a thread instead of a slot in a pool sized to the CPU count.
final class BackgroundJob<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var result: Value?   // written once before `finished` is signalled, read only after waiting

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            self.result = work()
            self.finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func value() -> Value {
        finished.wait()
        finished.signal()   // later calls return at once
        return result!
    }
}
