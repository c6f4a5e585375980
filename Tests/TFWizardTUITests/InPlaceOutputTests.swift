import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// During a flood every piece of output is an engine event; the wizard's loop must append it to the
/// step's output tail in place. A copy per event (megabytes, the tail is kept up to 8 MB) is what held a
/// key pressed during a flood back by 20-30 ms (bench/keys.py).
final class InPlaceOutputTests: XCTestCase {
    func testOutputIsAppendedToTheStepsTailWithoutCopyingIt() {
        let environment = TestMachine.environment()
        var driver = WizardDriver(environment)
        driver.press(times: 7, .enter)
        XCTAssertEqual(driver.state.screen, .install)
        var state = driver.state
        driver.state = Wizard.initialState(environment: environment, size: driver.terminal.size)   // the only copy is `state`
        _ = Wizard.update(&state, .engine(.stepStarted(index: 0)), environment: environment)
        _ = Wizard.update(&state, .engine(.output(index: 0, bytes: Array(repeating: 120, count: 64 << 10))), environment: environment)
        var appendsWithRoom = 0
        for piece in 0..<200 {
            let before = Self.tailStorage(state)
            _ = Wizard.update(&state, .engine(.output(index: 0, bytes: [UInt8(48 + piece % 10)])), environment: environment)
            let after = Self.tailStorage(state)
            // With room left, an in-place append keeps the buffer; a copy needs a second buffer while the
            // first is still alive, so its address differs.
            guard before.capacity > before.count else { continue }
            appendsWithRoom += 1
            XCTAssertEqual(after.address, before.address, "piece \(piece): the output tail was copied")
        }
        XCTAssertGreaterThan(appendsWithRoom, 100)
        XCTAssertEqual(state.install?.stepTails[0].bytes.count, (64 << 10) + 200)
    }

    private static func tailStorage(_ state: WizardState) -> (address: UnsafeRawPointer?, count: Int, capacity: Int) {
        guard let tail = state.install?.stepTails[0].bytes else { return (nil, 0, 0) }
        return (tail.withUnsafeBytes { $0.baseAddress }, tail.count, tail.capacity)
    }
}
