import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// `u` on the plan switches the venv method between pip and uv; the plan is made again and says which.
final class InstallerChoiceTests: XCTestCase {
    private func atPlan(language: String = "en") -> WizardDriver {
        var driver = WizardDriver(TestMachine.environment(language: language))
        driver.press(times: 6, .enter)
        XCTAssertEqual(driver.state.screen, .plan)
        return driver
    }

    func testUSwitchesToUVAndBack() throws {
        var driver = atPlan()
        XCTAssertEqual(driver.state.answers.installer, .pip, "pip is the default")
        driver.press(.character("u"))
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.state.answers.installer, .uv)
        let plan = try XCTUnwrap(driver.state.plan)
        XCTAssertEqual(plan.answers.installer, .uv)
        XCTAssertTrue(plan.steps.map(\.id).contains("install-uv"))
        XCTAssertTrue(plan.steps.first { $0.id == "install-tf" }?.argv.first?.hasSuffix("/bin/uv") == true)
        assertSnapshot(driver.screen(), named: "52-plan-uv")

        driver.press(.character("u"))
        XCTAssertEqual(driver.state.answers.installer, .pip)
        XCTAssertEqual(driver.state.plan?.steps.map(\.id).contains("install-uv"), false)
        XCTAssertTrue(driver.state.plan?.steps.map(\.id).contains("upgrade-pip") == true)
    }

    func testTheKeyIsNamedAtThePlansEndAndInTheHelp() {
        var driver = atPlan()
        var text = PlanScreen.lines(driver.state, width: 76).map(\.text).joined(separator: " ")
        XCTAssertTrue(text.contains("Recommended: press u to install with uv instead of pip (the same packages, in half the time or less)."), text)
        driver.press(.character("u"))
        text = PlanScreen.lines(driver.state, width: 76).map(\.text).joined(separator: " ")
        XCTAssertTrue(text.contains("Press u to install with pip instead of uv."), text)
        XCTAssertTrue(PlanScreen.bindings(driver.state).contains { $0.keys == [.character("u")] })
        driver.press(.function(1))
        XCTAssertTrue(driver.screen().contains("pip/uv"), driver.screen())
    }

    func testMethodsWithOnlyPipHaveNoSwitch() {
        var driver = WizardDriver(TestMachine.environment())
        driver.state.answers.method = .systemPip
        XCTAssertNil(PlanScreen.otherInstaller(driver.state))
        driver.state.answers.method = .venv
        XCTAssertEqual(PlanScreen.otherInstaller(driver.state), .uv)
        driver.state.answers.installer = .uv
        XCTAssertEqual(PlanScreen.otherInstaller(driver.state), .pip)
    }

    func testChineseSwitchLine() {
        var driver = atPlan(language: "zh")
        driver.press(.character("u"))
        let text = PlanScreen.lines(driver.state, width: 76).map(\.text).joined(separator: "\n")
        XCTAssertTrue(text.contains("按 u 改回用 pip 安装。"), text)
        XCTAssertTrue(text.contains("由 uv 代替 pip 创建 venv 并安装 TensorFlow"), text)
    }
}
