import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Work started on its own thread right away; `value()` waits for it. The probe's commands block on
/// their child processes, so each gets a thread instead of a slot in a pool sized to the CPU count.
final class BackgroundJob<Value: Sendable>: @unchecked Sendable {
    private let finished = Semaphore(value: 0)
    private var result: Value?   // written once before `finished` is signalled, read only after waiting

    init(_ work: @escaping @Sendable () -> Value) {
        DetachedThread.start { [self] in
            self.result = work()
            self.finished.signal()
        }
    }

    func value() -> Value {
        finished.wait()
        finished.signal()   // later calls return at once
        return result!
    }
}
