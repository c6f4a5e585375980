import Foundation
import XCTest
@testable import TFWizardCore

/// Headless output waits for the printer past a bound instead of piling up in memory.
final class BlockingQueueTests: XCTestCase {
    func testProducerWaitsPastTheLimitAndZeroWeightItemsNeverWait() {
        let queue = BlockingQueue<Int>(limit: 4) { $0 }
        let pushed = Counter()
        Thread.detachNewThread {
            for _ in 0..<6 { queue.push(1); pushed.increment() }
            queue.push(0); pushed.increment()
        }
        usleep(300_000)
        XCTAssertEqual(pushed.value, 4, "the producer went past the limit")
        XCTAssertEqual(queue.pop(), 1)
        XCTAssertEqual(queue.pop(), 1)
        let deadline = Date().addingTimeInterval(5)
        while pushed.value < 7 && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(pushed.value, 7)
        XCTAssertEqual((0..<5).map { _ in queue.pop() }, [1, 1, 1, 1, 0], "in order")
    }
}

extension BlockingQueueTests {
    /// A taken item is freed once its taker drops it, while later ones still wait: slots that kept taken
    /// 64 KB chunks alive held hundreds of MB during a flood.
    func testTakenItemsAreNotKeptAlive() {
        let queue = BlockingQueue<Payload>()
        weak var taken: Payload?
        do {
            let first = Payload()
            taken = first
            queue.push(first)
            queue.push(Payload())
            _ = queue.pop()
        }
        XCTAssertNil(taken, "the queue still holds an item it gave out")
    }
}

final class Payload: Sendable {}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
