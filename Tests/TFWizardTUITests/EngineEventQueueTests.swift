import TFWizardCore
@testable import TFWizardTUI
import XCTest

final class EngineEventQueueTests: XCTestCase {
    func testConsecutiveOutputOfAStepIsMergedInOrder() {
        let queue = EngineEventQueue()
        queue.push(.stepStarted(index: 0))
        queue.push(.output(index: 0, bytes: Array("a".utf8)))
        queue.push(.output(index: 0, bytes: Array("b".utf8)))
        queue.push(.stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        queue.push(.output(index: 1, bytes: Array("c".utf8)))
        let drained = queue.drain()
        XCTAssertEqual(drained.droppedOutputBytes, 0)
        XCTAssertEqual(drained.events, [
            .stepStarted(index: 0), .output(index: 0, bytes: Array("ab".utf8)),
            .stepFinished(index: 0, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)),
            .output(index: 1, bytes: Array("c".utf8)),
        ])
        XCTAssertTrue(queue.drain().events.isEmpty)
    }

    /// A flood nobody drains stays bounded; other events are never dropped; the newest output survives.
    func testUndrawnOutputIsBoundedAndOnlyOutputIsDropped() {
        let queue = EngineEventQueue()
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        queue.push(.stepStarted(index: 0))
        for _ in 0..<1000 { queue.push(.output(index: 0, bytes: chunk)) }   // 64 MB
        queue.push(.output(index: 0, bytes: Array("last".utf8)))
        queue.push(.finished(success: true, cancelled: false))
        let drained = queue.drain()
        let kept = drained.events.reduce(0) { total, event in
            if case .output(_, let bytes) = event { return total + bytes.count } else { return total }
        }
        XCTAssertLessThanOrEqual(kept, EngineEventQueue.maxPendingOutputBytes)
        XCTAssertEqual(kept + drained.droppedOutputBytes, 1000 * chunk.count + 4)
        XCTAssertEqual(drained.events.first, .stepStarted(index: 0))
        XCTAssertEqual(drained.events.last, .finished(success: true, cancelled: false))
        if case .output(_, let bytes) = drained.events[drained.events.count - 2] {
            XCTAssertEqual(Array(bytes.suffix(4)), Array("last".utf8))
        } else {
            XCTFail("no output kept before the end")
        }
    }
}
