import Foundation
import XCTest

/// Collects output chunks from a reader thread and lets a test wait for some text.
final class OutputRecorder: @unchecked Sendable {
    private let condition = NSCondition()
    private var bytes: [UInt8] = []
    private(set) var chunkCount = 0

    func append(_ chunk: [UInt8]) {
        condition.lock()
        bytes.append(contentsOf: chunk)
        chunkCount += 1
        condition.broadcast()
        condition.unlock()
    }

    var text: String {
        condition.lock(); defer { condition.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    var byteCount: Int {
        condition.lock(); defer { condition.unlock() }
        return bytes.count
    }

    /// Waits until the output contains `needle`; false on timeout.
    func waitFor(_ needle: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock(); defer { condition.unlock() }
        while !String(decoding: bytes, as: UTF8.self).contains(needle) {
            if !condition.wait(until: deadline) { return String(decoding: bytes, as: UTF8.self).contains(needle) }
        }
        return true
    }
}

/// Polls `predicate` until it holds or `timeout` passes.
func pollUntil(timeout: Double, _ predicate: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if predicate() { return true }
        usleep(20_000)
    }
    return predicate()
}
