import XCTest
@testable import TFWizardCore

/// Every word has a text in every language: a key missing from one table, a placeholder lost in
/// translation, or a catalog entry without its translated title, explanation and fix fails here.
final class TranslationCompletenessTests: XCTestCase {
    private func table(_ language: String) throws -> [String: String] {
        var table: [String: String] = [:]
        for path in ResourceStore.paths where path.hasPrefix("strings/\(language)/") && path.hasSuffix(".json") {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: ResourceStore.data(path)) as? [String: String], path)
            table.merge(object) { first, _ in first }
        }
        return table
    }

    /// `{name}` placeholders; a brace that is text ("the mapping opened with '{'") is not one.
    private func placeholders(_ text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "\\{[a-z_]+\\}")
        return Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
            .map { String(text[Range($0.range, in: text)!]) })
    }

    func testEveryLanguageHasEveryKeyWithTheSamePlaceholders() throws {
        let english = try table("en")
        XCTAssertGreaterThan(english.count, 500)
        for language in Strings.availableLanguages() where language != "en" {
            let translated = try table(language)
            let ownKeys = Set(translated.keys).filter { !$0.hasPrefix("error.") }
            XCTAssertEqual(Set(english.keys).subtracting(ownKeys).sorted(), [], "missing in \(language)")
            XCTAssertEqual(ownKeys.subtracting(english.keys).sorted(), [], "only in \(language)")
            for (key, text) in english {
                guard let other = translated[key] else { continue }
                XCTAssertEqual(placeholders(other), placeholders(text), "\(language): \(key)")
                XCTAssertFalse(other.isEmpty, "\(language): \(key)")
            }
        }
    }

    /// The catalog's English is in its YAML files; each other language has `error.<id>.title`,
    /// `.explanation` and `.fix` for every entry, and none for an id that does not exist.
    func testEveryCatalogEntryIsTranslated() throws {
        let catalog = try ErrorCatalog.builtIn()
        let expected = Set(catalog.ids.flatMap { id in ["title", "explanation", "fix"].map { "error.\(id).\($0)" } })
        for language in Strings.availableLanguages() where language != "en" {
            let keys = Set(try table(language).keys.filter { $0.hasPrefix("error.") })
            XCTAssertEqual(expected.subtracting(keys).sorted(), [], "missing in \(language)")
            XCTAssertEqual(keys.subtracting(expected).sorted(), [], "no such catalog entry")
        }
        XCTAssertTrue(try table("en").keys.allSatisfy { !$0.hasPrefix("error.") }, "English catalog texts live in the YAML")
    }

    func testLocalizedCatalogKeepsIdsPatternsAndCommands() throws {
        let english = try ErrorCatalog.builtIn()
        let chinese = english.localized(Strings(language: "zh"))
        XCTAssertEqual(chinese.ids, english.ids)
        let pep668 = try XCTUnwrap(chinese["pep668"])
        XCTAssertEqual(pep668.title, "系统 Python 拒绝用 pip 安装（外部管理，PEP 668）")
        XCTAssertTrue(pep668.fix.contains("python3 -m venv ~/tensorflow/venv"), pep668.fix)
        XCTAssertEqual(pep668.commands, english["pep668"]?.commands)
        XCTAssertEqual(pep668.patterns, english["pep668"]?.patterns)
        XCTAssertEqual(english.localized(Strings(language: "en")), english)
    }

    func testDoctorSpeaksChineseButItsJSONKeepsEnglish() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pep668-\(getpid()).log")
        try "error: externally-managed-environment\n".write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        let zh = Strings(language: "zh")
        let text = DoctorOutput.run(path: log.path, json: false, strings: zh)
        XCTAssertEqual(text.exitCode, 1)
        XCTAssertTrue(text.output.hasPrefix("原因：系统 Python 拒绝用 pip 安装"), text.output)
        XCTAssertTrue(text.output.contains("修复方法：创建一个虚拟环境"), text.output)
        let json = DoctorOutput.run(path: log.path, json: true, strings: zh)
        XCTAssertTrue(json.output.contains(#""id":"pep668""#), json.output)
        XCTAssertTrue(json.output.contains("The system Python refuses pip installs"), json.output)
        XCTAssertFalse(json.output.unicodeScalars.contains { $0.value > 0x2E80 }, json.output)
    }

    /// An answer file's problems are worded in the interface's language, still naming the file, line and field.
    func testAnswerFileProblemsInChinese() {
        let zh = Strings(language: "zh")
        XCTAssertThrowsError(try AnswerFile.parse("device: tpu\n", fileName: "answers.yaml", strings: zh)) { error in
            XCTAssertEqual("\(error)", "answers.yaml:1: device: 应为 cpu, gpu 之一，实际是“tpu”")
        }
        XCTAssertThrowsError(try AnswerFile.parse("method: venv\ncolour: red\n", fileName: "a.yaml", strings: zh)) { error in
            XCTAssertTrue("\(error)".hasPrefix("a.yaml:2: colour: 未知的键 'colour'（已知的键：device, method"), "\(error)")
        }
        XCTAssertThrowsError(try AnswerFile.parse("docker: [1, 2]\n", fileName: "a.yaml", strings: zh)) { error in
            XCTAssertEqual("\(error)", "a.yaml:1: docker: 应为键值映射，实际是列表")
        }
        XCTAssertThrowsError(try AnswerFile.parse("device: cpu\n\tmethod: venv\n", fileName: "a.yaml", strings: zh)) { error in
            XCTAssertEqual("\(error)", "a.yaml:2: 不是有效的 YAML：缩进里用了制表符；请用空格缩进")
        }
        XCTAssertThrowsError(try AnswerFile.parse("docker: {jupyter: true\n", fileName: "a.yaml", strings: zh)) { error in
            XCTAssertEqual("\(error)", "a.yaml:1: 不是有效的 YAML：这一行用 '{' 开始的映射没有闭合")
        }
        XCTAssertThrowsError(try AnswerFile.parse("device: tpu\n", fileName: "answers.yaml", strings: Strings(language: "en"))) { error in
            XCTAssertEqual("\(error)", "answers.yaml:1: device: expected one of cpu, gpu, found \"tpu\"")
        }
    }
}
