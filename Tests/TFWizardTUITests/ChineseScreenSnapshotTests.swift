import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// Every screen at 80x24 in Simplified Chinese, walked as its English snapshot is: the text snapshots a
/// Chinese reader checks against the English ones. Each screen also fits by display width, and shows no
/// English sentence (a word from the code that bypassed the string tables).
final class ChineseScreenSnapshotTests: XCTestCase {
    /// pip unless told otherwise: the scripted runs below print pip's output into pip's steps.
    private func chinese(gpu: Bool = false, installer: Answers.Installer? = .pip,
                         adjust: (inout MachineFacts) -> Void = { _ in }) -> WizardDriver {
        WizardDriver(TestMachine.environment(gpu: gpu, language: "zh", installer: installer, adjust: adjust))
    }

    /// Snapshot, width of every row, and no English prose outside what a child program printed.
    private func check(_ driver: WizardDriver, _ name: String, childOutput: Bool = false,
                       file: StaticString = #filePath, line: UInt = #line) {
        let screen = driver.screen()
        assertSnapshot(screen, named: "zh-" + name, file: file, line: line)
        for row in screen.split(separator: "\n") {
            XCTAssertLessThanOrEqual(TextWidth.width(String(row)), 80, "\(name): \(row)", file: file, line: line)
        }
        XCTAssertTrue(screen.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(name): no Chinese",
                      file: file, line: line)
        if !childOutput {
            XCTAssertEqual(Self.englishProse(in: screen), [], "\(name): English words on a Chinese screen", file: file, line: line)
        }
    }

    /// Rows that read as English sentences: two or more of the commonest English words. Commands, paths,
    /// package names and versions have none of these.
    static func englishProse(in screen: String) -> [String] {
        let common: Set<String> = ["the", "is", "are", "and", "not", "of", "to", "was", "with", "for", "this", "that",
                                   "be", "it", "on", "in", "a", "an", "or", "no", "has", "will", "can", "press"]
        return screen.split(separator: "\n").map(String.init).filter { row in
            let words = row.lowercased().split { !$0.isLetter || !$0.isASCII }.map(String.init)
            return words.filter(common.contains).count >= 2
        }
    }

    /// The question screens, each reached by the keys of its English snapshot.
    func testQuestionScreens() {
        let walks: [(String, [Key])] = [
            ("01-welcome", []), ("02-device-no-gpu", [.enter, .down]), ("03-method", [.enter, .enter]),
            ("03-method-system-pip-refused", [.enter, .enter, .down]), ("04-package", [.enter, .enter, .enter, .tab, .down]),
            ("05-python", [.enter, .enter, .enter, .enter]), ("05-python-unsupported", [.enter, .enter, .enter, .enter, .down, .enter]),
            ("06-venv", [.enter, .enter, .enter, .enter, .enter]),
        ]
        for (name, keys) in walks {
            var driver = chinese()
            keys.forEach { driver.press($0) }
            check(driver, name)
        }
        var venv = chinese()
        venv.press(times: 5, .enter)
        venv.press(.function(1))
        check(venv, "41-help-venv")
    }

    func testDeviceWithGPU() {
        var driver = chinese(gpu: true)
        driver.press(.enter)
        check(driver, "02-device-gpu")
    }

    func testPlanAndItsEnd() {
        var driver = chinese(installer: nil)   // the recommended installer, uv
        driver.press(times: 6, .enter)
        check(driver, "07-plan")
        driver.press(.end)
        check(driver, "07-plan-end")
        driver.press(.function(1))
        check(driver, "40-help-plan")
    }

    func testPlanRefused() {
        var driver = chinese(adjust: { $0.cpu.hasAVX = false })
        driver.press(times: 6, .enter)
        check(driver, "07-plan-refused")
    }

    func testInstallScreens() {
        var driver = chinese()
        // pip under zh_CN prints Chinese of its own: the pane shows it by width as it shows English.
        driver.runSecondStep(printing: ["正在收集 pip\r\n  正在下载 pip-25.3-py3-none-any.whl (1.8 MB)\r\n",
                                        "     ━━━━━━━━━━ 1.8/1.8 MB 5.0 MB/s eta 0:00:00\r\n"])
        check(driver, "08-install-running", childOutput: true)
        driver.press(.interrupt)
        check(driver, "08-install-confirm-cancel", childOutput: true)
    }

    func testFailureAndFullLog() {
        var driver = chinese()
        driver.failDefaultInstall(step: 2)
        check(driver, "09-failure", childOutput: true)
        var log = driver
        log.press(.down, .down, .enter)
        check(log, "10-full-log", childOutput: true)
        driver.press(.down, .enter)
        XCTAssertEqual(driver.state.screen, .troubleshoot)
        check(driver, "30-troubleshoot-no-matching-dist", childOutput: true)
    }

    func testValidationAndDone() {
        var driver = chinese()
        driver.finishDefaultInstall()
        check(driver, "11-validation")
        driver.press(.enter)
        driver.send(.logExported(path: "/home/ada/.local/state/tfwizard/install-20261126-1030.log", error: nil))
        driver.send(.answersSaved(path: "/home/ada/.local/state/tfwizard/answers-20261126-1030.yaml", error: nil))
        check(driver, "12-done")
    }

    func testTooSmall() {
        var driver = chinese()
        driver.resize(rows: 20, columns: 60)
        check(driver, "13-too-small")
    }

    func testTroubleshootFromALogFileAndItsFix() {
        var driver = chinese()
        driver.press(.down, .enter)
        check(driver, "33-log-path")
        driver.type(CatalogDiagnosis.logFolder + "/pip.log")
        driver.press(.enter)
        check(driver, "34-troubleshoot-pep668-log-file", childOutput: true)
        XCTAssertTrue(driver.screen().contains("系统 Python 拒绝用 pip 安装"), driver.screen())
    }

    func testAPossibleCauseFromALogFile() {
        var driver = chinese()
        driver.press(.down, .enter)
        driver.type(CatalogDiagnosis.logFolder + "/cudnn.log")
        driver.press(.enter)
        check(driver, "35-troubleshoot-cuda-library-unknown-gpu", childOutput: true)
    }

    func testFixConfirm() {
        var driver = chinese()
        driver.press(times: 7, .enter)
        let output = TroubleshootScreenTests.venvMissing.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        driver.engine(.stepStarted(index: 0), .output(index: 0, bytes: Array(output.utf8)),
                      .stepFinished(index: 0, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 0))
        driver.press(.down, .enter)
        check(driver, "31-troubleshoot-venv-missing", childOutput: true)
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .fixConfirm)
        check(driver, "32-fix-confirm-venv-missing")
    }

    func testRootConfirmation() throws {
        var driver = WizardDriver(try RecordedMachineEnvironment.environment("gpu-no-driver", answers: Answers(device: .gpu),
                                                                             language: "zh"))
        for _ in 0..<10 where driver.state.screen != .plan { driver.press(.enter) }
        driver.press(.enter)
        XCTAssertEqual(driver.state.confirmation, .runAsRoot)
        check(driver, "42-confirm-root")
    }

    func testDockerImage() throws {
        var driver = WizardDriver(try RecordedMachineEnvironment.environment(
            "gpu-none-docker-missing", answers: Answers(device: .cpu, method: .docker), language: "zh"))
        driver.press(.enter, .enter, .enter, .enter)
        XCTAssertEqual(driver.state.screen, .dockerImage)
        check(driver, "06-docker-image")
    }

    func testMirrorAndProxy() {
        var driver = chinese()
        driver.press(times: 6, .enter)
        XCTAssertTrue(driver.screen().contains("按 m 可以改用镜像源"), "the plan suggests a mirror to Chinese readers")
        driver.press(.character("m"))
        check(driver, "50-index-settings")
        XCTAssertTrue(driver.state.indexSettings.mirror.text.isEmpty, "no mirror is chosen for the reader")
    }

    /// What stays in the terminal after the screen is gone, in Chinese.
    func testExitSummary() {
        var driver = chinese()
        driver.finishDefaultInstall()
        driver.send(.answersSaved(path: "/home/ada/.local/state/tfwizard/a.yaml", error: nil))
        let lines = ExitSummary.lines(driver.state, reason: .success, logPath: "/home/ada/.local/state/tfwizard/x.log")
        assertSnapshot(lines.joined(separator: "\n") + "\n", named: "zh-60-exit-summary")
        XCTAssertEqual(lines.first, "tfwizard：TensorFlow 2.21.0 已安装，可以正常工作。")
        XCTAssertEqual(Self.englishProse(in: lines.joined(separator: "\n")), [])
    }
}
