import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The venv method installs with uv where uv is recommended (pip where pip is set to an index of the
/// user's own, or where an answer file says so); `u` on the plan switches, and the plan says which and why.
final class InstallerChoiceTests: XCTestCase {
    private func atPlan(_ environment: WizardEnvironment = TestMachine.environment()) -> WizardDriver {
        var driver = WizardDriver(environment)
        driver.press(times: 6, .enter)
        XCTAssertEqual(driver.state.screen, .plan)
        return driver
    }

    private func planText(_ driver: WizardDriver, separator: String = " ") -> String {
        PlanScreen.lines(driver.state, width: 76).map(\.text).joined(separator: separator)
    }

    private static let pipIndex = MachineFacts.PipIndex(url: "https://mirrors.example.cn/pypi/simple",
                                                        source: "/home/ada/.config/pip/pip.conf")

    func testEnterAloneInstallsWithUVAndUSwitchesToPipAndBack() throws {
        var driver = atPlan()
        XCTAssertEqual(driver.state.answers.installer, .uv, "uv is recommended where pip has no index of its own")
        let plan = try XCTUnwrap(driver.state.plan)
        XCTAssertEqual(plan.answers.installer, .uv)
        XCTAssertTrue(plan.steps.map(\.id).contains("install-uv"))
        XCTAssertTrue(plan.steps.first { $0.id == "install-tf" }?.argv.first?.hasSuffix("/bin/uv") == true)
        assertSnapshot(driver.screen(), named: "52-plan-uv")

        driver.press(.character("u"))
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.state.answers.installer, .pip)
        XCTAssertEqual(driver.state.plan?.steps.map(\.id).contains("install-uv"), false)
        XCTAssertTrue(driver.state.plan?.steps.map(\.id).contains("upgrade-pip") == true)

        driver.press(.character("u"))
        XCTAssertEqual(driver.state.answers.installer, .uv)
    }

    func testAChoiceMadeWithUStandsWhenTheMethodIsChosenAgain() {
        var driver = atPlan()
        driver.press(.character("u"))
        XCTAssertEqual(driver.state.answers.installer, .pip)
        while driver.state.screen != .method { driver.press(.escape) }
        driver.press(.enter)
        XCTAssertEqual(driver.state.answers.installer, .pip, "the user's choice, not the recommendation")
    }

    func testTheKeyAndTheReasonAreNamedAtThePlansEndAndInTheHelp() {
        var driver = atPlan()
        var text = planText(driver)
        XCTAssertTrue(text.contains("uv installs, as recommended (see above). Press u to install with pip instead."), text)
        XCTAssertTrue(text.contains("in a little over half pip's time from an empty cache and about a quarter from a full one (measured side by side)"), text)
        driver.press(.character("u"))
        text = planText(driver)
        XCTAssertTrue(text.contains("Recommended: press u to install with uv instead of pip (the same packages, in a little over half the time)."), text)
        XCTAssertTrue(PlanScreen.bindings(driver.state).contains { $0.keys == [.character("u")] })
        driver.press(.function(1))
        XCTAssertTrue(driver.screen().contains("pip/uv"), driver.screen())
    }

    func testPipSetToAnIndexOfItsOwnKeepsPipFirstAndSaysWhy() throws {
        var environment = TestMachine.environment()
        environment.facts.pipIndex = Self.pipIndex
        var driver = atPlan(environment)
        XCTAssertEqual(driver.state.answers.installer, .pip)
        XCTAssertTrue(try XCTUnwrap(driver.state.plan).steps.map(\.id).contains("upgrade-pip"))
        let text = planText(driver)
        XCTAssertTrue(text.contains("pip installs: it is set to the package index https://mirrors.example.cn/pypi/simple (/home/ada/.config/pip/pip.conf), which uv would not read. To use uv, give that mirror with m (both then read it) and press u."), text)
        driver.press(.end)
        assertSnapshot(driver.screen(), named: "52-plan-pip-index")
        driver.press(.home)
        // With the mirror given to tfwizard both installers read it: the plain recommendation again.
        driver.state.answers.indexURL = Self.pipIndex.url
        XCTAssertTrue(planText(driver).contains("Recommended: press u to install with uv"), planText(driver))
        driver.press(.character("u"))
        XCTAssertEqual(driver.state.answers.installer, .uv)
    }

    func testPipSetToNoIndexKeepsPipFirst() {
        var environment = TestMachine.environment()
        environment.facts.pipIndex = MachineFacts.PipIndex(url: nil, source: "PIP_NO_INDEX")
        let driver = atPlan(environment)
        XCTAssertEqual(driver.state.answers.installer, .pip)
        XCTAssertTrue(planText(driver).contains("pip installs: it is set to read no package index (PIP_NO_INDEX), only wheels in folders, which uv would not know. Press u to install with uv from the package index instead."), planText(driver))
    }

    func testAnAnswerFilesInstallerStands() {
        var environment = TestMachine.environment()
        environment.answersFromFile = true   // an answer file without installer: means pip
        let driver = atPlan(environment)
        XCTAssertEqual(driver.state.answers.installer, .pip)
    }

    func testMethodsWithOnlyPipHaveNoSwitch() {
        var driver = WizardDriver(TestMachine.environment())
        driver.state.answers.method = .systemPip
        XCTAssertNil(PlanScreen.otherInstaller(driver.state))
        XCTAssertEqual(driver.state.installer(for: .systemPip), .pip)
        driver.state.answers.method = .venv
        XCTAssertEqual(PlanScreen.otherInstaller(driver.state), .uv)
        driver.state.answers.installer = .uv
        XCTAssertEqual(PlanScreen.otherInstaller(driver.state), .pip)
    }

    /// The mirror hint Chinese readers get is not given where pip installs from a mirror of its own; with
    /// uv, which would go to pypi.org, it is.
    func testTheMirrorHintIsLeftOutWhenPipAlreadyReadsAMirror() {
        var environment = TestMachine.environment(language: "zh")
        environment.facts.pipIndex = MachineFacts.PipIndex(url: "https://pypi.tuna.tsinghua.edu.cn/simple", source: "PIP_INDEX_URL")
        var driver = atPlan(environment)
        XCTAssertEqual(driver.state.answers.installer, .pip)
        XCTAssertFalse(driver.screen().contains("按 m 可以改用镜像源"), driver.screen())
        let text = planText(driver)
        XCTAssertTrue(text.contains("由 pip 安装") && text.contains("https://pypi.tuna.tsinghua.edu.cn/simple") && text.contains("PIP_INDEX_URL"), text)
        driver.press(.character("u"))
        XCTAssertTrue(driver.screen().contains("按 m 可以改用镜像源"), driver.screen())
    }

    func testChineseLines() {
        var driver = atPlan(TestMachine.environment(language: "zh"))
        var text = planText(driver, separator: "\n")
        XCTAssertTrue(text.contains("按推荐由 uv 安装（原因见上文）。"), text)
        XCTAssertTrue(text.contains("由 uv 代替 pip 创建 venv 并安装 TensorFlow"), text)
        driver.press(.character("u"))
        text = planText(driver, separator: "")
        XCTAssertTrue(text.contains("推荐：按 u 改用 uv 代替 pip 安装（包相同，用时略多于一半）。"), text)
    }
}
