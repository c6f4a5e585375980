import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a call on a queue, so the install can stop its
/// child's process group and write its log before exiting with 128+n.
public final class SignalForwarder: @unchecked Sendable {
    public static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "tfwizard.signals")

    public init(handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in Self.handled {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    public func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for signalNumber in Self.handled { signal(signalNumber, SIG_DFL) }
    }
}
