import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// Every screen's key table against what the screen shows and does, on a walk through every screen:
/// each binding is in the help bar or the help overlay, each key shown does something (or is a declared
/// no-op, with the reason), keys outside the table do nothing, and F1 lists every binding.
final class KeyBindingWalkTests: XCTestCase {
    /// Keys that do nothing visible in a walked state, and why that is right.
    static let noOps: [String: (keys: [Key], reason: String)] = [
        "fix confirm": (scrollKeys, "the fix and the retried step fit on one 80x24 screen: there is nothing to scroll"),
        "plan refused": (scrollKeys, "the refusal fits on the screen: the keys scroll a long one"),
        "troubleshoot a log file": (scrollKeys, "this log's diagnosis fits on the screen: the keys scroll a long one"),
    ]
    static let scrollKeys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end, .space]

    /// Keys no table should take unless it names them; pressed where a table does not have them.
    static let strangers: [Key] = [.function(5), .function(12), .character("z"), .delete, .tab, .backTab, .left, .right,
                                   .control(4), .home, .escape, .space, .pageDown]

    func testEveryScreenShowsAndHandlesItsKeys() throws {
        var screens = Set<Screen>()
        for (name, driver) in try Self.walk() {
            screens.insert(driver.state.screen)
            checkBar(name, driver)
            checkKeysAreHandled(name, driver)
            checkStrangersDoNothing(name, driver)
            if driver.state.confirmation == nil && !driver.state.helpShown { checkOverlay(name, driver) }
        }
        XCTAssertEqual(screens, Set(Screen.allCases), "the walk misses screens")
    }

    func testTheQuitKeyIsInEveryBar() throws {
        for (name, driver) in try Self.walk() where driver.state.confirmation == nil {
            let bar = Self.lines(driver).last ?? ""
            let text = driver.state.text
            XCTAssertTrue(bar.contains("Ctrl-C " + text("help.quit")) || bar.contains("Ctrl-C " + text("help.cancel")), "\(name): \(bar)")
            XCTAssertTrue(bar.hasSuffix("F1/? " + text("help.help")) || bar.hasSuffix("F1 " + text("help.help")) || driver.state.helpShown,
                          "\(name): \(bar)")
        }
    }

    func testHelpOverlaySnapshots() {
        var plan = WizardDriver(TestMachine.environment())
        plan.press(times: 6, .enter)
        plan.press(.function(1))
        assertSnapshot(plan.screen(), named: "40-help-plan")

        var venv = WizardDriver(TestMachine.environment())
        venv.press(times: 5, .enter)
        venv.type("?")
        XCTAssertFalse(venv.state.helpShown, "? is typed into the text field")
        venv.press(.backspace, .function(1))
        assertSnapshot(venv.screen(), named: "41-help-venv")
    }

    func testCtrlCInTheOverlayClosesItAndAsks() {
        var driver = WizardDriver(TestMachine.environment())
        driver.press(.enter, .character("?"))
        XCTAssertTrue(driver.state.helpShown)
        driver.press(.interrupt)
        XCTAssertFalse(driver.state.helpShown)
        XCTAssertEqual(driver.state.confirmation, .quit)
    }

    // MARK: - checks

    /// Every binding marked for the bar is in it, under its label, and the bar fits in 80 columns.
    func checkBar(_ name: String, _ driver: WizardDriver, file: StaticString = #filePath, line: UInt = #line) {
        let bar = Self.lines(driver).last ?? ""
        XCTAssertLessThanOrEqual(TextWidth.width(bar), 80, name)
        for help in Keymap.active(driver.state).helps where help.shownInBar {
            let entry = Self.entry(of: help, in: bar, driver.state.text)
            XCTAssertNotNil(entry, "\(name): \(help.keysText(driver.state.text)) \(driver.state.text(help.label)) not in the bar: \(bar)",
                            file: file, line: line)
        }
        for help in Keymap.active(driver.state).helps {
            XCTAssertTrue(Strings(language: "en").hasKey(help.label), "\(name): no string \(help.label)")
        }
    }

    /// F1 (and ? where nothing is typed) opens the overlay with every binding; its keys close it and
    /// the screen beneath comes back as it was.
    func checkOverlay(_ name: String, _ driver: WizardDriver, file: StaticString = #filePath, line: UInt = #line) {
        let before = Self.signature(driver)
        var opened = driver
        opened.press(.function(1))
        XCTAssertTrue(opened.state.helpShown, "\(name): F1 does not open the help", file: file, line: line)
        let lines = Self.lines(opened)
        for help in Keymap.all(driver.state) {
            let found = lines.dropLast().contains { Self.line($0, shows: help, driver.state.text) }
            XCTAssertTrue(found, "\(name): \(help.keysText(driver.state.text)) \(driver.state.text(help.label)) not in the overlay:\n"
                          + lines.joined(separator: "\n"), file: file, line: line)
        }
        for key in [Key.escape, .function(1), .character("?"), .enter] {
            var closed = opened
            closed.press(key)
            XCTAssertFalse(closed.state.helpShown, "\(name): \(key) does not close the help", file: file, line: line)
            XCTAssertTrue(Self.signature(closed) == before, "\(name): the screen differs after the help closed with \(key)",
                          file: file, line: line)
        }
        var question = driver
        question.press(.character("?"))
        XCTAssertEqual(question.state.helpShown, !driver.state.typingHasFocus, "\(name): ? and the help", file: file, line: line)
    }

    /// Each key the table names changes what is on the screen or what happens (an effect, an exit): from
    /// this state, or after one other key of the same screen (Up at the top of a list moves after Down).
    func checkKeysAreHandled(_ name: String, _ driver: WizardDriver, file: StaticString = #filePath, line: UInt = #line) {
        let keys = Keymap.active(driver.state).helps.flatMap(\.pressableKeys)
        for key in keys {
            if Self.changes(driver, key) { continue }
            let reached = keys.contains { other in
                var moved = driver
                moved.press(other)
                guard moved.state.screen == driver.state.screen, moved.state.confirmation == driver.state.confirmation,
                      moved.state.helpShown == driver.state.helpShown, moved.state.exitReason == nil else { return false }
                return Self.changes(moved, key)
            }
            if reached { continue }
            XCTAssertTrue(Self.noOps[name]?.keys.contains(key) == true,
                          "\(name): \(key.name(driver.state.text)) is in the table but does nothing", file: file, line: line)
        }
    }

    /// A key no binding takes leaves everything as it was.
    func checkStrangersDoNothing(_ name: String, _ driver: WizardDriver, file: StaticString = #filePath, line: UInt = #line) {
        let helps = Keymap.active(driver.state).helps
        for key in Self.strangers where !helps.contains(where: { $0.matches(key) }) {
            XCTAssertFalse(Self.changes(driver, key), "\(name): \(key) is in no table but does something", file: file, line: line)
        }
    }

    // MARK: - helpers

    static func changes(_ driver: WizardDriver, _ key: Key) -> Bool {
        let before = signature(driver)
        var after = driver
        after.press(key)
        return signature(after) != before || after.effects.count != driver.effects.count
            || after.state.exitReason != nil
    }

    /// What the user can tell apart: every cell with its style.
    static func signature(_ driver: WizardDriver) -> [[MemoryTerminal.Cell]] {
        _ = driver.screen()
        return driver.terminal.cells
    }

    static func lines(_ driver: WizardDriver) -> [String] {
        driver.screen().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The bar entry ("Esc/Ctrl-C cancel") that names all the binding's keys under its label.
    static func entry(of help: KeyHelp, in bar: String, _ text: Wording) -> String? {
        let entries = bar.trimmingCharacters(in: .whitespaces).components(separatedBy: HelpBar.separator)
        let names = help.keysText(text).components(separatedBy: "/")
        return entries.first { entry in
            guard let space = entry.firstIndex(of: " ") else { return false }
            let keys = entry[..<space].components(separatedBy: "/")
            return String(entry[entry.index(after: space)...]) == text(help.label) && names.allSatisfy(keys.contains)
        }
    }

    /// An overlay row that names all the binding's keys and its label.
    static func line(_ line: String, shows help: KeyHelp, _ text: Wording) -> Bool {
        guard let left = line.firstIndex(of: "|"), let right = line.lastIndex(of: "|"), left < right else { return false }
        let columns = line[line.index(after: left)..<right].components(separatedBy: "   ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " |")) }
            .filter { !$0.isEmpty }
        guard columns.count == 2 else { return false }
        let keys = columns[0].components(separatedBy: "/")
        return columns[1] == text(help.label) && help.keysText(text).components(separatedBy: "/").allSatisfy(keys.contains)
    }

    // MARK: - the walk

    /// A driver in each state worth checking, named.
    static func walk() throws -> [(String, WizardDriver)] {
        var states: [(String, WizardDriver)] = []
        var environment = TestMachine.environment()
        // Enough findings that the welcome screen's list scrolls.
        environment.probeSummary += (1...8).map { "Finding \($0): one more line of what the probe saw" }
        var driver = WizardDriver(environment)
        states.append(("welcome", driver))
        driver.press(.enter); states.append(("device", driver))
        var quit = driver
        quit.press(.interrupt); states.append(("quit question", quit))
        driver.press(.enter); states.append(("method", driver))
        driver.press(.enter); states.append(("package", driver))
        driver.press(.enter); states.append(("python", driver))
        driver.press(.enter); states.append(("venv", driver))
        driver.press(.enter); states.append(("plan", driver))
        var help = driver
        help.press(.function(1)); states.append(("help overlay", help))
        var indexSettings = driver
        indexSettings.press(.character("m"))
        indexSettings.type("http://mirror.example/simple")
        states.append(("mirror and proxy", indexSettings))
        var chinese = WizardDriver(TestMachine.environment(language: "zh"))
        chinese.press(times: 6, .enter)
        chinese.press(.character("m"))
        chinese.type("http://mirror.example/simple")
        states.append(("mirror and proxy, mirrors suggested", chinese))

        var install = driver
        install.press(.enter)
        install.engine(.stepSkipped(index: 0, reason: "already installed"), .stepStarted(index: 1))
        for number in 1...60 { install.engine(.output(index: 1, bytes: Array("line \(number)\r\n".utf8))) }
        states.append(("install running", install))
        var cancel = install
        cancel.press(.escape); states.append(("cancel question", cancel))
        var focused = install
        focused.press(.tab); states.append(("install log focused", focused))

        var failed = WizardDriver(TestMachine.environment())
        failed.press(times: 7, .enter)
        failed.engine(.stepSkipped(index: 0, reason: "already installed"), .stepStarted(index: 1))
        // Harmless messages after the cause make the diagnosis longer than the screen.
        let output = (1...30).map { "Collecting package-\($0)" }.joined(separator: "\n") + "\n"
            + TroubleshootScreenTests.venvMissing + "\n" + """
            I0000 This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
            I0000 successful NUMA node read from SysFS had negative value (-1), but there must be at least one NUMA node
            W0000 TF-TRT Warning: Could not find TensorRT
            E0000 Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered
            I0000 Could not find cuda drivers on your machine, GPU will not be used.
            """
        failed.engine(.output(index: 1, bytes: Array((output.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n").utf8)),
                      .stepFinished(index: 1, outcome: .init(status: .failed, exitCode: 1, signal: nil, durationSeconds: 1)),
                      .awaitingDecision(index: 1))
        states.append(("failure", failed))
        var fullLog = failed
        fullLog.press(.end, .up, .enter); states.append(("full log", fullLog))
        var troubleshoot = failed
        troubleshoot.press(.down, .enter); states.append(("troubleshoot with a fix", troubleshoot))
        troubleshoot.press(.enter); states.append(("fix confirm", troubleshoot))

        var finished = WizardDriver(TestMachine.environment())
        finished.press(times: 7, .enter)
        for index in 0...4 {
            finished.engine(.stepStarted(index: index),
                            .output(index: index, bytes: Array((1...10).map { "step \(index) line \($0)\r\n" }.joined().utf8)),
                            .stepFinished(index: index, outcome: .init(status: .done, exitCode: 0, signal: nil, durationSeconds: 1)))
        }
        finished.engine(.validated(index: 4, report: ValidationReport(tensorflowVersion: "2.21.0", reduceSum: "1.0",
                                                                       gpuDevices: [], passed: true)),
                        .finished(success: true, cancelled: false))
        states.append(("install finished", finished))
        finished.press(.enter); states.append(("validation", finished))
        finished.press(.enter); states.append(("done", finished))

        var logPath = WizardDriver(TestMachine.environment())
        logPath.press(.down, .enter); states.append(("log path", logPath))
        logPath.type(CatalogDiagnosis.logFolder + "/pip.log")
        logPath.press(.enter); states.append(("troubleshoot a log file", logPath))

        var refused = WizardDriver(TestMachine.environment(adjust: { $0.cpu.hasAVX = false }))   // no AVX: refused
        refused.press(times: 6, .enter); states.append(("plan refused", refused))

        var docker = WizardDriver(try RecordedMachineEnvironment.environment("gpu-none-docker-missing",
                                                                             answers: Answers(device: .cpu, method: .docker)))
        docker.press(.enter, .enter, .enter, .enter); states.append(("docker image", docker))
        return states
    }
}
