import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The mirror and proxy fields from the plan: checked where they are typed, planned into every pip step,
/// shown in the plan with their password masked, and left alone by Esc.
final class IndexSettingsScreenTests: XCTestCase {
    private func atSettings(language: String = "en") -> WizardDriver {
        var driver = WizardDriver(TestMachine.environment(language: language, installer: .pip))
        driver.press(times: 6, .enter)
        XCTAssertEqual(driver.state.screen, .plan)
        driver.press(.character("m"))
        XCTAssertEqual(driver.state.screen, .indexSettings)
        return driver
    }

    func testEnglishSnapshotHasNoSuggestedMirror() {
        let driver = atSettings()
        assertSnapshot(driver.screen(), named: "50-index-settings")
        XCTAssertTrue(driver.state.suggestedMirrors.isEmpty)
        XCTAssertFalse(driver.screen().contains("tsinghua"))
    }

    func testSavedMirrorAndProxyGoToEveryPipStepAndShowMasked() throws {
        var driver = atSettings()
        driver.type("https://ada:S3cret@mirror.example/simple")
        driver.press(.tab)
        driver.type("http://proxy.example:3128")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertEqual(driver.state.answers.indexURL, "https://ada:S3cret@mirror.example/simple")
        XCTAssertEqual(driver.state.answers.proxy, "http://proxy.example:3128")
        let plan = try XCTUnwrap(driver.state.plan)
        let pipSteps = plan.steps.filter { $0.argv.contains("pip") }
        XCTAssertEqual(pipSteps.map(\.id), ["upgrade-pip", "install-tf"])
        for step in pipSteps {
            XCTAssertEqual(step.environment["PIP_INDEX_URL"], "https://ada:S3cret@mirror.example/simple", step.id)
            XCTAssertEqual(step.environment["PIP_PROXY"], "http://proxy.example:3128", step.id)
        }
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("https://ada:****@mirror.example/simple"), screen)
        XCTAssertTrue(screen.contains("http://proxy.example:3128"), screen)
        XCTAssertFalse(screen.contains("S3cret"), screen)
        // Opened again, the fields hold what was saved.
        driver.press(.character("m"))
        XCTAssertEqual(driver.state.indexSettings.mirror.text, "https://ada:S3cret@mirror.example/simple")
    }

    func testABadAddressIsRefusedWithTheFieldNamedAndThePasswordMasked() {
        var driver = atSettings()
        driver.type("ftp://ada:S3cret@mirror.example/simple")
        driver.press(.enter)
        XCTAssertEqual(driver.state.screen, .indexSettings)
        var screen = driver.screen()
        XCTAssertTrue(screen.contains("The mirror must be an http:// or https:// address"), screen)
        XCTAssertTrue(screen.contains("ftp://ada:****@mirror.example/simple"), screen)
        XCTAssertFalse(screen.contains("S3cret\""), screen)
        XCTAssertNil(driver.state.answers.indexURL)

        driver.press(.control(21))
        driver.press(.tab)
        driver.type("proxy example:3128")
        driver.press(.enter)
        screen = driver.screen()
        XCTAssertTrue(screen.contains("The proxy must be"), screen)
        XCTAssertEqual(driver.state.screen, .indexSettings)
    }

    func testEscapeLeavesTheAnswersAsTheyWere() {
        var driver = atSettings()
        driver.type("https://mirror.example/simple")
        driver.press(.escape)
        XCTAssertEqual(driver.state.screen, .plan)
        XCTAssertNil(driver.state.answers.indexURL)
        XCTAssertFalse(driver.screen().contains("mirror.example"))
    }

    /// Chinese readers see mirrors near them; F3 fills them in one after another, and none is preset.
    func testSuggestedMirrorsCycleWithF3() {
        var driver = atSettings(language: "zh")
        XCTAssertEqual(driver.state.suggestedMirrors.map(\.url).first, "https://pypi.tuna.tsinghua.edu.cn/simple")
        XCTAssertEqual(driver.state.indexSettings.mirror.text, "")
        driver.press(.function(3))
        XCTAssertEqual(driver.state.indexSettings.mirror.text, "https://pypi.tuna.tsinghua.edu.cn/simple")
        driver.press(.function(3))
        XCTAssertEqual(driver.state.indexSettings.mirror.text, "https://mirrors.aliyun.com/pypi/simple/")
        driver.press(.enter)
        let screen = driver.screen()
        XCTAssertTrue(screen.contains("pip 从软件包索引镜像源 https://mirrors.aliyun.com/pypi/simple/"), screen)
        XCTAssertFalse(screen.contains("按 m 可以改用镜像源"), "the suggestion goes once a mirror is set")
    }

    func testAddressCheck() {
        for good in ["https://pypi.tuna.tsinghua.edu.cn/simple", "http://127.0.0.1:8080/simple/", "https://u:p@host/simple"] {
            XCTAssertTrue(PackageIndexAddress.isUsable(good, as: .mirror), good)
        }
        for bad in ["pypi.tuna.tsinghua.edu.cn/simple", "ftp://host/simple", "https://", "https://host:99999/simple",
                    "https://host/ simple", ""] {
            XCTAssertFalse(PackageIndexAddress.isUsable(bad, as: .mirror), bad)
        }
        for good in ["http://proxy.example:3128", "proxy.example:3128", "user:pass@proxy.example:3128", "https://proxy.example"] {
            XCTAssertTrue(PackageIndexAddress.isUsable(good, as: .proxy), good)
        }
        for bad in ["socks9://proxy:1", "proxy example:3128", "http://:3128"] {
            XCTAssertFalse(PackageIndexAddress.isUsable(bad, as: .proxy), bad)
        }
    }
}
