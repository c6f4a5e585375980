import FoundationEssentials
import TFWizardCore
#if canImport(Glibc)
import Glibc
#endif

/// The signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) that asked the wizard to stop, set from a signal
/// source's queue and read by the UI loop between two key reads. A signal handler never touches
/// ncurses itself: it only raises this flag; the loop stops the install, gives the terminal back and
/// returns `.interrupted`.
public final class InterruptFlag: @unchecked Sendable {
    private let lock = Lock()
    private var signalNumber: Int32?

    public init() {}

    /// Records the first signal; later ones do not replace it.
    public func raise(_ signal: Int32) {
        lock.lock(); defer { lock.unlock() }
        if signalNumber == nil { signalNumber = signal }
    }

    public var pending: Int32? {
        lock.lock(); defer { lock.unlock() }
        return signalNumber
    }
}
