import Foundation
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// A signal seen by the UI loop (through `InterruptFlag`): the install is cancelled and waited for,
/// and the run ends as `.interrupted`, exit 128+n.
final class InterruptTests: XCTestCase {
    func testSignalDuringInstallCancelsTheEngineAndEndsInterrupted() {
        TestLocale.useUTF8()
        let engines = EngineBox()
        let environment = TestMachine.environment(engineScript: [.stepStarted(index: 0)], engines: engines)
        let terminal = MemoryTerminal(keys: Array(repeating: .enter, count: 7))
        let flag = InterruptFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.raise(SIGTERM) }
        let result = WizardApp.run(environment: environment, terminal: terminal, interruption: flag)
        XCTAssertEqual(result, .interrupted(signal: SIGTERM))
        XCTAssertEqual(result.exitCode, 143)
        XCTAssertTrue(engines.last?.started ?? false, "the install never started")
        XCTAssertTrue(engines.last?.cancelled ?? false, "the install was not cancelled")
    }

    func testSignalBeforeAnyInstallEndsAtOnce() {
        TestLocale.useUTF8()
        let engines = EngineBox()
        let environment = TestMachine.environment(engineScript: [], engines: engines)
        let flag = InterruptFlag()
        flag.raise(SIGHUP)
        flag.raise(SIGINT)   // the first signal decides the exit status
        let result = WizardApp.run(environment: environment, terminal: MemoryTerminal(keys: [.enter]), interruption: flag)
        XCTAssertEqual(result.exitCode, 128 + SIGHUP)
        XCTAssertNil(engines.last)
    }
}
