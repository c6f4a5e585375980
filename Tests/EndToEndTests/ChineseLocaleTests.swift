import Foundation
import TFWizardCore
import XCTest

/// The real binary chooses its language from the locale: Chinese under zh_CN.UTF-8 on every screen to
/// the plan, English (and nothing but ASCII) under a GBK locale, `doctor` and `plan` in Chinese with
/// their JSON ids unchanged.
final class ChineseLocaleTests: XCTestCase {
    private func session(lang: String, home: URL) throws -> TmuxSession {
        var environment = WizardTmuxTests.environment(home: home)
        environment["LANG"] = lang
        return try TmuxSession(command: WizardTmuxTests.script(home: home), environment: environment)
    }

    private static func hasChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
    }

    func testChineseLocaleWalksToThePlanInChinese() throws {
        let home = try BinaryUnderTest.temporaryFolder("zh-walk")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try session(lang: "zh_CN.UTF-8", home: home)
        let screens: [(title: String, phrase: String)] = [
            ("欢迎", "本向导在这台机器上安装 TensorFlow"), ("CPU 还是 GPU", "TensorFlow 用 CPU 计算，还是用 NVIDIA GPU？"),
            ("安装方式", "用什么方式安装 TensorFlow？"), ("软件包和版本", "安装哪个 TensorFlow 包、哪个版本？"),
            ("Python", "使用哪个 Python？"), ("环境目录", "虚拟环境放在哪里？"), ("查看安装计划", "创建 uv 的工具环境"),
        ]
        // The welcome screen whole, not the first frame drawn while the machine is probed.
        try session.waitFor("按回车开始", timeout: 20)
        for (title, phrase) in screens {
            let screen = try session.waitFor("TensorFlow 安装向导 - " + title, timeout: 20)
            XCTAssertTrue(screen.contains(phrase), "\(title):\n\(screen)")
            let bar = screen.split(separator: "\n").last.map(String.init) ?? ""
            XCTAssertTrue(bar.contains("帮助"), "the help bar of \(title) is not Chinese: \(bar)")
            if title != "查看安装计划" { try session.send("Enter") }
        }
        try session.send("End")
        try session.waitFor("还没有运行任何东西", timeout: 10)
        try session.send("C-c")
        try session.waitFor("退出向导吗？", timeout: 10)
        try session.send("y")
        let end = try session.waitFor("EXIT=", timeout: 20)
        XCTAssertTrue(end.contains("tfwizard：在安装任何东西之前退出"), end)
    }

    /// Chinese bytes on a GBK terminal would be garbled: the wizard speaks English there and says why.
    func testNonUTF8LocaleGetsEnglish() throws {
        let home = try BinaryUnderTest.temporaryFolder("gbk-walk")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try session(lang: "zh_CN.GBK", home: home)
        let welcome = try session.waitFor("Press Enter to begin", timeout: 20)   // not the probing frame
        XCTAssertTrue(welcome.contains("character set is not UTF-8"), welcome)
        try session.send("Enter")
        let device = try session.waitFor("TensorFlow install wizard - CPU or GPU", timeout: 20)
        for screen in [welcome, device] {
            XCTAssertTrue(screen.unicodeScalars.allSatisfy(\.isASCII), "not ASCII:\n\(screen)")
        }
        try session.send("C-c")
        try session.waitFor("Leave the wizard?", timeout: 10)
        try session.send("y")
        try session.waitFor("EXIT=", timeout: 20)
    }

    func testDoctorAndPlanSpeakChineseAndTheirJSONKeepsEnglishIds() throws {
        let folder = try BinaryUnderTest.temporaryFolder("zh-doctor")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("pip.log")
        try "error: externally-managed-environment\n\n× This environment is externally managed\n"
            .write(to: log, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "zh_CN.UTF-8"
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")

        let text = try BinaryUnderTest.run(["doctor", log.path], environment: environment, timeout: 60)
        XCTAssertEqual(text.exitCode, 1, text.stderr)
        XCTAssertTrue(text.stdout.contains("原因：系统 Python 拒绝用 pip 安装（外部管理，PEP 668） [pep668]"), text.stdout)
        XCTAssertTrue(text.stdout.contains("修复方法：创建一个虚拟环境并在其中安装"), text.stdout)
        XCTAssertTrue(text.stdout.contains("$ python3 -m venv"), "commands stay as they are:\n\(text.stdout)")

        let json = try BinaryUnderTest.run(["doctor", log.path, "--json"], environment: environment, timeout: 60)
        XCTAssertEqual(json.exitCode, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let matches = try XCTUnwrap(object["matches"] as? [[String: Any]])
        XCTAssertEqual(matches.first?["id"] as? String, "pep668")
        XCTAssertEqual(Set(matches.first?.keys.map { $0 } ?? []), ["id", "severity", "title", "line", "text"])
        XCTAssertFalse(Self.hasChinese(json.stdout), json.stdout)

        // --lang wins over the locale; an unknown one is bad input naming the languages there are.
        let english = try BinaryUnderTest.run(["doctor", log.path, "--lang", "en"], environment: environment, timeout: 60)
        XCTAssertTrue(english.stdout.hasPrefix("Cause: The system Python refuses pip installs"), english.stdout)
        let unknown = try BinaryUnderTest.run(["doctor", log.path, "--lang", "fr"], environment: environment, timeout: 60)
        XCTAssertEqual(unknown.exitCode, 2)
        XCTAssertTrue(unknown.stderr.contains("--lang：不支持语言 'fr'；请使用 en 或 zh。"), unknown.stderr)
        var cLocale = ProcessInfo.processInfo.environment
        cLocale["LANG"] = "C.UTF-8"
        cLocale.removeValue(forKey: "LC_ALL")
        let unknownInEnglish = try BinaryUnderTest.run(["doctor", log.path, "--lang", "fr"], environment: cLocale, timeout: 60)
        XCTAssertTrue(unknownInEnglish.stderr.contains("--lang: 'fr' is not a supported language; use en or zh."),
                      unknownInEnglish.stderr)
        // --help in the reader's language too (ArgumentParser's own headings stay English).
        let help = try BinaryUnderTest.run(["doctor", "--help"], environment: environment, timeout: 60)
        XCTAssertTrue(help.stdout.contains("对照错误目录诊断安装日志"), help.stdout)

        let answers = folder.appendingPathComponent("answers.yaml")
        try "device: cpu\nmethod: venv\nvenv: \(folder.path)/venv\n".write(to: answers, atomically: true, encoding: .utf8)
        let plan = try BinaryUnderTest.run(["plan", "--answers", answers.path], environment: environment, timeout: 60)
        XCTAssertEqual(plan.exitCode, 0, plan.stderr)
        XCTAssertTrue(plan.stdout.contains("步骤："), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("验证 TensorFlow 能否正常工作"), plan.stdout)
        let planJSON = try BinaryUnderTest.run(["plan", "--answers", answers.path, "--format", "json"], environment: environment,
                                               timeout: 60)
        let planObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(planJSON.stdout.utf8)) as? [String: Any])
        let steps = try XCTUnwrap(planObject["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.last?["id"] as? String, "validate")

        // Traditional Chinese has no table yet: Simplified, with a note.
        environment["LANG"] = "zh_TW.UTF-8"
        let traditional = try BinaryUnderTest.run(["doctor", log.path], environment: environment, timeout: 60)
        XCTAssertTrue(traditional.stdout.hasPrefix("原因："), traditional.stdout)
        XCTAssertTrue(traditional.stderr.contains("尚未提供繁體中文介面"), traditional.stderr)
    }

    /// ArgumentParser's own usage errors are reworded in Chinese; the values and the exit status stay.
    func testCommandLineUsageErrorsSpeakChinese() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "zh_CN.UTF-8"
        environment["LC_ALL"] = nil
        let unknown = try BinaryUnderTest.run(["--bogus"], environment: environment, timeout: 30)
        XCTAssertEqual(unknown.exitCode, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("错误：未知的选项 '--bogus'\n用法：tfwizard"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("详见 'tfwizard wizard --help'。"), unknown.stderr)
        let value = try BinaryUnderTest.run(["plan", "--answers", "a.yaml", "--format", "xml"], environment: environment, timeout: 30)
        XCTAssertEqual(value.exitCode, 2)
        XCTAssertTrue(value.stderr.hasPrefix("错误：'--format <format>' 的值 'xml' 无效。可用的值："), value.stderr)
        environment["LANG"] = "C.UTF-8"
        let english = try BinaryUnderTest.run(["--bogus"], environment: environment, timeout: 30)
        XCTAssertTrue(english.stderr.hasPrefix("Error: Unknown option '--bogus'"), english.stderr)
    }
}
