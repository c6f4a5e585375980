import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// A key waiting stops the taking-in of a burst of output; the rest follows, in order, on the next turn.
final class EngineEventBacklogTests: XCTestCase {
    private func outputs(_ range: ClosedRange<Int>) -> [EngineEvent] {
        range.map { .output(index: 0, bytes: Array("line \($0)\n".utf8)) }
    }

    private func text(_ events: [EngineEvent]) -> String {
        events.map { event -> String in
            if case .output(_, let bytes) = event { return String(decoding: bytes, as: UTF8.self) }
            return "?"
        }.joined()
    }

    func testAWaitingKeyStopsTheBurstAndTheRestFollowsInOrder() {
        var backlog = EngineEventBacklog()
        var applied: [EngineEvent] = []
        backlog.append(outputs(1...5))
        var keyWaiting = false
        backlog.apply(until: { keyWaiting }) { event in
            applied.append(event)
            if applied.count == 2 { keyWaiting = true }   // a key arrives while the second is taken in
        }
        XCTAssertEqual(applied.count, 2)
        XCTAssertFalse(backlog.isEmpty)
        backlog.append(outputs(6...7))
        keyWaiting = false
        backlog.apply(until: { keyWaiting }) { applied.append($0) }
        XCTAssertTrue(backlog.isEmpty)
        XCTAssertEqual(text(applied), text(outputs(1...7)))
    }

    func testApplyAllTakesEverything() {
        var backlog = EngineEventBacklog()
        backlog.append(outputs(1...3))
        var applied: [EngineEvent] = []
        backlog.apply(until: { true }) { applied.append($0) }
        XCTAssertEqual(applied.count, 1)
        backlog.applyAll { applied.append($0) }
        XCTAssertEqual(text(applied), text(outputs(1...3)))
        XCTAssertTrue(backlog.isEmpty)
    }
}
