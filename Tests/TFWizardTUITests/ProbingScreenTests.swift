import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The first frame, drawn before the probe: the welcome title and introduction and what is happening.
final class ProbingScreenTests: XCTestCase {
    func testFirstFrameBeforeTheProbe() {
        TestLocale.useUTF8()
        let terminal = MemoryTerminal()
        ProbingScreen.render(on: terminal, strings: Strings(language: "en"), recordedMachine: nil)
        assertSnapshot(terminal.text(), named: "00-probing")
        XCTAssertEqual(terminal.refreshCount, 1)
    }

    func testFirstFrameOfADryRunSaysSo() {
        TestLocale.useUTF8()
        let terminal = MemoryTerminal()
        ProbingScreen.render(on: terminal, strings: Strings(language: "en"), recordedMachine: "gpu-no-driver")
        XCTAssertTrue(terminal.text().hasPrefix(" DRY RUN: recorded gpu-no-driver - Welcome"), terminal.text())
    }
}
