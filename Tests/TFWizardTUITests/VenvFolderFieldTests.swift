import Foundation
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The venv folder field on real folders: Tab completes as a shell does, and the free space shown is
/// the one where the folder typed would go.
final class VenvFolderFieldTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-venv-field-\(getpid())")
        for folder in ["projects/tf-one", "projects/tf-two", "projects/other", ".hidden-tf"] {
            try FileManager.default.createDirectory(at: home.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "x".write(to: home.appendingPathComponent("projects/tf-file"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: home) }

    private func onVenvScreen() -> WizardDriver {
        let prober = Prober(root: "/", runner: SystemCommandRunner(), environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"],
                            venvTarget: nil)
        var driver = WizardDriver(TestMachine.environment(prober: prober))
        driver.press(times: 5, .enter)
        XCTAssertEqual(driver.state.screen, .venv)
        driver.press(.control(21))
        return driver
    }

    func testTabCompletesSharedPartThenListsThenFinishesAUniqueFolder() {
        var driver = onVenvScreen()
        driver.type("~/pro")
        driver.press(.tab)
        XCTAssertEqual(driver.state.venvField.text, "~/projects/", "a single match gets its slash")
        driver.type("tf")
        driver.press(.tab)
        XCTAssertEqual(driver.state.venvField.text, "~/projects/tf-", "the shared part; a file is not a folder")
        XCTAssertEqual(driver.state.venvCandidates, ["tf-one", "tf-two"])
        XCTAssertTrue(driver.screen().contains("tf-one  tf-two"), driver.screen())
        driver.type("t")
        XCTAssertEqual(driver.state.venvCandidates, [], "typing clears the list")
        driver.press(.tab)
        XCTAssertEqual(driver.state.venvField.text, "~/projects/tf-two/")
        driver.press(.control(21))
        driver.type("~/")
        driver.press(.tab)
        XCTAssertEqual(driver.state.venvField.text, "~/projects/", "hidden folders only after a dot")
    }

    func testTheFreeSpaceIsThatOfTheFolderTyped() throws {
        var driver = onVenvScreen()
        driver.type(home.path + "/projects/new-venv")
        let disk = try XCTUnwrap(driver.state.venvDisk)
        XCTAssertEqual(disk.path, home.path + "/projects", "the nearest folder that exists")
        let screen = driver.screen().replacingOccurrences(of: "\n  ", with: " ")
        XCTAssertTrue(screen.contains("GB free at \(home.path)/projects."), screen)
        XCTAssertFalse(screen.contains("free at /home/ada"), "not the probe's figure for the default folder")
    }
}
