import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The troubleshoot screen from a failed step and from the main menu, and "apply the fix and retry".
final class TroubleshootScreenTests: XCTestCase {
    static let venvMissing = """
        The virtual environment was not created successfully because ensurepip is not
        available.  On Debian/Ubuntu systems, you need to install the python3-venv
        package using the following command.

            apt-get install python3.12-venv

        You may need to use sudo with that command.  After installing the python3-venv
        package, recreate your virtual environment.
        """
    static let networkError = """
        Looking in indexes: http://127.0.0.1:9/simple
        WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f2c>: Failed to establish a new connection: [Errno 111] Connection refused')': /simple/tensorflow/
        ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)
        ERROR: No matching distribution found for tensorflow
        """
    static let numpy2 = """
        A module that was compiled using NumPy 1.x cannot be run in
        NumPy 2.1.3 as it may crash. To support both 1.x and 2.x
        versions of NumPy, modules must be compiled with NumPy 2.0.
        Traceback (most recent call last):
          File "<string>", line 1, in <module>
        AttributeError: _ARRAY_API not found
        ImportError: numpy.core.multiarray failed to import
        """

    /// Walks to the install with the defaults and fails `step` with `output`.
    private func fail(_ driver: inout WizardDriver, step: Int, output: String) {
        driver.press(times: 7, .enter)
        driver.at(1000)
        for done in 0..<step {
            driver.engine(.stepStarted(index: done),
                          .stepFinished(index: done, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        }
        let bytes = Array(output.replacingOccurrences(of: "\n", with: "\r\n").utf8) + [13, 10]
        driver.engine(.stepStarted(index: step), .output(index: step, bytes: bytes))
        driver.at(1004)
        driver.engine(.stepFinished(index: step, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 4)),
                      .awaitingDecision(index: step))
    }

    private func openTroubleshoot(_ driver: inout WizardDriver) {
        XCTAssertEqual(driver.state.screen, .failure)
        driver.press(.down, .enter)
        XCTAssertEqual(driver.state.screen, .troubleshoot)
    }

    func testVenvMissingOffersTheFixAndShowsItsCommandsFirst() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        fail(&driver, step: 0, output: Self.venvMissing)
        XCTAssertTrue(driver.screen().contains("Python's venv module is incomplete"), "the failure screen names the cause")
        openTroubleshoot(&driver)
        assertSnapshot(driver.screen(), named: "30-troubleshoot-venv-missing")

        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .fixConfirm)
        let confirm = driver.screen()
        assertSnapshot(confirm, named: "31-fix-confirm-venv-missing")
        XCTAssertTrue(confirm.contains("$ sudo apt-get install -y python3.12-venv"), confirm)
        XCTAssertTrue(driver.effects.allSatisfy { if case .retryAfterFixes = $0 { return false } else { return true } },
                      "nothing runs before the confirm")

        driver.press(.escape)
        XCTAssertEqual(driver.state.screen, .troubleshoot)
        driver.press(.enter)
        driver.effects.removeAll()
        driver.press(.enter)
        XCTAssertEqual(driver.effects.count, 1)
        guard case .retryAfterFixes(let fixes) = driver.effects.first else { return XCTFail("\(driver.effects)") }
        XCTAssertEqual(fixes.map(\.argv), [["sudo", "apt-get", "install", "-y", "python3.12-venv"]])
        XCTAssertEqual(fixes.first?.needsRoot, true)
        XCTAssertEqual(driver.state.screen, .install)
        XCTAssertEqual(driver.state.install?.steps[0].status, .pending)
        XCTAssertNil(driver.state.install?.awaitingDecisionFor)
    }

    func testNetworkErrorExplainsButDoesNotApply() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        fail(&driver, step: 2, output: Self.networkError)
        openTroubleshoot(&driver)
        let screen = driver.screen()
        assertSnapshot(screen, named: "32-troubleshoot-network-error")
        XCTAssertTrue(screen.contains("The package index could not be reached"), screen)
        XCTAssertFalse(screen.contains("Apply the fix"), "reaching the network needs the user's judgement")
        driver.effects.removeAll()
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .failure, "Enter with nothing to apply goes back")
        XCTAssertEqual(driver.effects, [])
        driver.press(.down, .enter, .escape)
        XCTAssertEqual(driver.state.screen, .failure)
    }

    func testNumpy2FixPinsNumpyInTheVenv() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        fail(&driver, step: 3, output: Self.numpy2)
        openTroubleshoot(&driver)
        assertSnapshot(driver.screen(), named: "33-troubleshoot-numpy2-abi")
        driver.press(.enter)
        let confirm = driver.screen()
        XCTAssertTrue(confirm.contains("$ /home/ada/tensorflow/venv/bin/python -m pip install 'numpy<2'"), confirm)
        XCTAssertTrue(confirm.contains("Retry step 4: Check that TensorFlow works"), confirm)

        // Applied, the pin becomes part of the answers the wizard saves, so a replay installs numpy<2 at once.
        XCTAssertEqual(driver.state.answers.pins, [])
        driver.effects.removeAll()
        driver.press(.enter)
        XCTAssertEqual(driver.state.answers.pins, ["numpy<2"])
    }

    func testLogFileFromTheMainMenu() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(.down, .enter)
        XCTAssertEqual(driver.state.screen, .logPath)
        let folder = CatalogDiagnosis.logFolder
        driver.type(folder + "/missing.log")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .logPath)
        XCTAssertTrue(driver.screen().contains("missing.log"), driver.screen())
        driver.press(.control(21))
        driver.type(folder + "/pip.log")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .troubleshoot)
        let screen = driver.screen()
        assertSnapshot(screen, named: "34-troubleshoot-pep668-log-file")
        XCTAssertTrue(screen.contains("[pep668]"), screen)
        XCTAssertFalse(screen.contains("Apply the fix"), "a log file has no step to retry")
        driver.press(.escape)
        XCTAssertEqual(driver.state.screen, .logPath)
        driver.press(.escape)
        XCTAssertEqual(driver.state.screen, .welcome)
        driver.press(.up, .enter)
        XCTAssertEqual(driver.state.screen, .device, "the first choice still starts the install")
    }

    /// A CUDA library line with nothing saying whether the machine has an NVIDIA GPU is a possible cause,
    /// worded as `doctor` words it, never listed among the harmless messages.
    func testACUDALibraryLineOfUnknownGPUIsAPossibleCauseNotHarmless() throws {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(.down, .enter)
        driver.type(CatalogDiagnosis.logFolder + "/cudnn.log")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .troubleshoot)
        let screen = driver.screen()
        assertSnapshot(screen, named: "35-troubleshoot-cuda-library-unknown-gpu")
        XCTAssertTrue(screen.contains("The cause if this machine has an NVIDIA GPU: A CUDA or cuDNN library"), screen)
        XCTAssertTrue(screen.contains("[cuda-lib-missing]"), screen)
        XCTAssertFalse(screen.contains("Harmless messages"), screen)
        XCTAssertFalse(screen.contains("No failure found"), screen)
        let whole = TroubleshootScreen.lines(driver.state, try XCTUnwrap(driver.state.troubleshoot), width: 76)
            .map(\.text).joined(separator: " ")
        XCTAssertTrue(whole.contains("nothing in the log says whether this one has one"), whole)
        XCTAssertTrue(whole.contains("tensorflow[and-cuda]"), whole)
    }

    func testAPossibleCauseBesideTheCauseIsAlsoFoundNotHarmless() throws {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        driver.press(.down, .enter)
        driver.type(CatalogDiagnosis.logFolder + "/cudnn-and-pep668.log")
        driver.press(.enter)
        let context = try XCTUnwrap(driver.state.troubleshoot)
        XCTAssertEqual(context.view.cause?.finding.id, "pep668")
        let lines = TroubleshootScreen.lines(driver.state, context, width: 200).map(\.text)
        let alsoFound = try XCTUnwrap(lines.firstIndex(of: "Also found:"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines[alsoFound + 1].hasPrefix("* The cause if this machine has an NVIDIA GPU: "), lines[alsoFound + 1])
        XCTAssertTrue(lines[alsoFound + 1].contains("[cuda-lib-missing] line 2:"), lines[alsoFound + 1])
        XCTAssertFalse(lines.contains("Harmless messages (no action needed):"), lines.joined(separator: "\n"))
    }

    func testSpacePagesThroughALongDiagnosisAndStartsOver() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip), rows: 24, columns: 80)
        let others = """
            I0000 This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
            I0000 successful NUMA node read from SysFS had negative value (-1), but there must be at least one NUMA node
            W0000 TF-TRT Warning: Could not find TensorRT
            E0000 Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered
            I0000 Could not find cuda drivers on your machine, GPU will not be used.
            ValueError: File format not supported: Keras 3 only supports V3 `.keras` files and legacy H5 format files
            OSError: [Errno 28] No space left on device
            """
        fail(&driver, step: 3, output: Self.numpy2 + "\n" + others)
        openTroubleshoot(&driver)
        XCTAssertTrue(driver.screen().contains("more below: PgDn or Space"))
        XCTAssertTrue(driver.screen().contains("Cause: The disk (or /tmp) is full [disk-full]"), "the likeliest cause leads")
        var screens: [String] = []
        for _ in 0..<10 {
            driver.press(.space)
            screens.append(driver.screen())
            if driver.state.troubleshoot?.scroll == 0 { break }
        }
        XCTAssertGreaterThan(screens.count, 1, "at least one page down before starting over")
        XCTAssertEqual(driver.state.troubleshoot?.scroll, 0, "Space wraps to the top after the end")
        XCTAssertTrue(screens.contains { $0.contains("[cuda-drivers-absent-cpu]") && !$0.contains("more below") },
                      "the last page shows the last harmless message: \(screens.joined(separator: "\n=====\n"))")
        XCTAssertEqual(driver.state.screen, .troubleshoot)
    }

    func testCtrlCOnTheTroubleshootScreenCancelsTheInstall() {
        var driver = WizardDriver(TestMachine.environment(installer: .pip))
        fail(&driver, step: 0, output: Self.venvMissing)
        openTroubleshoot(&driver)
        driver.press(.interrupt)
        XCTAssertEqual(driver.state.confirmation, .cancelInstall)
        driver.press(.character("y"))
        XCTAssertEqual(Array(driver.effects.suffix(2)), [.decide(.abort), .cancelEngine])
    }
}
