/// The session journal as an observer of the engine's events: every step start, output byte, skip, end,
/// check result, decision and fix is written from the event stream, the same stream the screens and the
/// headless printer read, so nothing reaches the log that the user was not told and nothing is missed.
public final class JournalObserver: @unchecked Sendable {
    private let journal: SessionJournal
    private let plan: Plan
    private let strings: Strings

    public init(journal: SessionJournal, plan: Plan, strings: Strings) {
        self.journal = journal; self.plan = plan; self.strings = strings
    }

    public func observe(_ event: EngineEvent) {
        func step(_ index: Int) -> Step? { plan.steps.indices.contains(index) ? plan.steps[index] : nil }
        switch event {
        case .stepStarted(let index):
            if let step = step(index) { journal.stepStarted(index: index, of: plan.steps.count, step: step) }
        case .output(let index, let bytes):
            journal.stepOutput(index: index, bytes: bytes)
        case .stepSkipped(let index, let reason):
            if let step = step(index) { journal.stepSkipped(index: index, step: step, reason: reason) }
        case .stepFinished(let index, let outcome):
            if let step = step(index) { journal.stepFinished(index: index, step: step, outcome: outcome) }
        case .validated(let index, let report):
            journal.recordValidation(index: index, report: report)
        case .decided(let index, let decision, let fixCount):
            let id = step(index)?.id ?? "?"
            journal.recordNote("decision after \(id) failed: \(decision?.rawValue ?? "cancel")"
                               + (fixCount == 0 ? "" : " after \(fixCount) fix command(s)"))
        case .fixStarted(let index, let fix):
            journal.stepStarted(index: index, of: plan.steps.count, step: fix)
        case .fixFinished(let index, let fix, let outcome):
            journal.stepFinished(index: index, step: fix, outcome: outcome)
        case .aborted(let index):
            journal.recordNote(strings.text("engine.aborted", ["step": step(index)?.id ?? "?"]))
        case .awaitingDecision, .finished:
            break
        }
    }
}
