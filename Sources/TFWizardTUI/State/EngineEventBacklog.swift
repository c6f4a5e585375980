import TFWizardCore

/// Engine events taken from the queue and not yet applied, in order. Applying stops early when a key is
/// waiting, so the key's answer reaches the screen before the rest of a burst of output.
struct EngineEventBacklog {
    private var events: [EngineEvent] = []
    private var next = 0

    var isEmpty: Bool { next == events.count }

    mutating func append(_ more: [EngineEvent]) {
        events.removeSubrange(0..<next)   // what was applied goes, so a long flood does not pile up
        next = 0
        events += more
    }

    /// Applies events in order until none are left or `interrupted` says to stop (asked after each one).
    mutating func apply(until interrupted: () -> Bool, _ applyEvent: (EngineEvent) -> Void) {
        while next < events.count {
            let event = events[next]
            next += 1
            applyEvent(event)
            if interrupted() { break }
        }
    }

    mutating func applyAll(_ applyEvent: (EngineEvent) -> Void) {
        apply(until: { false }, applyEvent)
    }
}
