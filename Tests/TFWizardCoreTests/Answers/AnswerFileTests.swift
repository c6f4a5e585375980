import XCTest
@testable import TFWizardCore

final class AnswerFileTests: XCTestCase {
    private func fixture(_ name: String) throws -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/answers")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    private func parseError(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> AnswerFileError {
        let text = try fixture(name)
        do {
            let answers = try AnswerFile.parse(text, fileName: name, strings: Strings(language: "en"))
            XCTFail("expected an error, got \(answers)", file: file, line: line)
        } catch let error as AnswerFileError {
            return error
        }
        throw XCTSkip("unreachable")
    }

    func testFullFileParses() throws {
        let answers = try AnswerFile.parse(fixture("gpu-venv.yaml"), fileName: "gpu-venv.yaml", strings: Strings(language: "en"))
        XCTAssertEqual(answers, Answers(device: .gpu, method: .venv, python: "3.10", package: .tensorflow, version: "2.19.1",
                                        venv: "~/ml/tf-gpu", indexURL: "https://mirrors.example.org/pypi/simple",
                                        proxy: "http://ada:s3cret@proxy.example.org:3128",
                                        docker: .init(imageTag: "latest-gpu", jupyter: true)))
    }

    func testUnquotedPythonVersionKeepsItsText() throws {
        // YAML would read 3.10 as the number 3.1; the node's text keeps "3.10".
        XCTAssertEqual(try AnswerFile.parse("python: 3.10\n", fileName: "a.yaml", strings: Strings(language: "en")).python, "3.10")
        XCTAssertEqual(try AnswerFile.parse("version: 2.20\n", fileName: "a.yaml", strings: Strings(language: "en")).version, "2.20")
    }

    func testMissingKeysTakeTheDefaults() throws {
        let answers = try AnswerFile.parse(fixture("minimal.yaml"), fileName: "minimal.yaml", strings: Strings(language: "en"))
        XCTAssertEqual(answers, Answers())
        XCTAssertEqual(answers.venv, "~/tensorflow/venv")
    }

    func testUnknownKeyNamesLineAndField() throws {
        let error = try parseError("unknown-key.yaml")
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.field, "pyhton")
        XCTAssertEqual(error.description,
                       "unknown-key.yaml:3: pyhton: unknown key 'pyhton' (known keys: device, method, python, package, version, venv, index_url, proxy, docker, pins, installer)")
    }

    func testBadValueListsTheChoices() throws {
        let error = try parseError("bad-device.yaml")
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.field, "device")
        XCTAssertEqual(error.message, "expected one of cpu, gpu, found \"tpu\"")
    }

    func testWrongTypeIsReported() throws {
        let error = try parseError("wrong-type.yaml")
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.field, "method")
        XCTAssertEqual(error.message, "expected a single value, found a list")
    }

    func testDuplicateKeyPointsAtTheRepeat() throws {
        let error = try parseError("duplicate-key.yaml")
        XCTAssertEqual(error.line, 4)
        XCTAssertEqual(error.field, "device")
        XCTAssertTrue(error.message.contains("more than once (first on line 1)"), error.message)
    }

    func testNestedDockerFieldsAreChecked() throws {
        let error = try parseError("docker-unknown.yaml")
        XCTAssertEqual(error.line, 5)
        XCTAssertEqual(error.field, "docker.jupyter")
        XCTAssertEqual(error.message, "expected true or false")
        let unknown = "docker:\n  image_tag: latest\n  port: 8888\n"
        XCTAssertThrowsError(try AnswerFile.parse(unknown, fileName: "d.yaml", strings: Strings(language: "en"))) { error in
            XCTAssertEqual((error as? AnswerFileError)?.line, 3)
            XCTAssertEqual((error as? AnswerFileError)?.field, "docker.port")
        }
    }

    func testSyntaxErrorHasALine() throws {
        let error = try parseError("syntax-error.yaml")
        XCTAssertNotNil(error.line)
        XCTAssertTrue(error.message.hasPrefix("not valid YAML"), error.message)
    }

    func testValueChecks() {
        let cases: [(String, Int, String)] = [
            ("device: cpu\nvenv: tensorflow/venv\n", 2, "venv"),
            ("python: python3\n", 1, "python"),
            ("version: newest\n", 1, "version"),
            ("index_url: ftp://mirror\n", 1, "index_url"),
            ("proxy: http://ada:****@proxy:3128\n", 1, "proxy"),
            ("docker: latest\n", 1, "docker"),
            ("- device\n", 1, ""),
        ]
        for (text, line, field) in cases {
            XCTAssertThrowsError(try AnswerFile.parse(text, fileName: "x.yaml", strings: Strings(language: "en")), text) { error in
                XCTAssertEqual((error as? AnswerFileError)?.line, line, text)
                XCTAssertEqual((error as? AnswerFileError)?.field, field, text)
            }
        }
        XCTAssertThrowsError(try AnswerFile.parse("", fileName: "empty.yaml", strings: Strings(language: "en"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("empty.yaml: the file is empty"), "\(error)")
        }
    }

    func testRenderThenParseGivesTheSameAnswers() throws {
        let samples = [
            Answers(),
            Answers(device: .gpu, method: .systemPip, python: "/usr/bin/python3.11", package: .tfNightly, version: "latest",
                    venv: "/opt/envs/tf", indexURL: "https://mirror.example/simple", proxy: "http://proxy.example:3128",
                    docker: .init(imageTag: "2.21.0-gpu", jupyter: true)),
            Answers(python: "3.13", package: .tensorflowCPU, version: "2.20.0", venv: "~/a b/'c\"$(touch pwned)'"),
            Answers(installer: .uv),
        ]
        // Commented in either language, the file reads back as the same answers.
        for answers in samples {
            for language in ["en", "zh"] {
                let text = AnswerFile.render(answers, strings: Strings(language: language))
                XCTAssertEqual(try AnswerFile.parse(text, fileName: "rendered.yaml", strings: Strings(language: "en")), answers, text)
            }
        }
        XCTAssertTrue(AnswerFile.render(Answers(), strings: Strings(language: "zh")).contains("# 软件包索引的镜像源"))
    }

    func testRenderNeverWritesCredentials() throws {
        let answers = Answers(indexURL: "https://token123@mirror.example/simple", proxy: "http://ada:s3cret@proxy.example:3128")
        let text = AnswerFile.render(answers, strings: Strings(language: "en"))
        XCTAssertFalse(text.contains("s3cret"))
        XCTAssertFalse(text.contains("token123"))
        XCTAssertTrue(text.contains("proxy: \"http://ada:****@proxy.example:3128\""), text)
        XCTAssertTrue(text.contains("index_url: \"https://****@mirror.example/simple\""), text)
        // Read back, the masked file says what to do instead of using "****" as a password.
        XCTAssertThrowsError(try AnswerFile.parse(text, fileName: "a.yaml", strings: Strings(language: "en"))) { error in
            XCTAssertTrue("\(error)".contains("masked"), "\(error)")
        }
    }

    func testCredentialMask() {
        XCTAssertEqual(CredentialMask.masked("http://u:p@h:1"), "http://u:****@h:1")
        XCTAssertEqual(CredentialMask.masked("u:p@h:1"), "u:****@h:1")
        XCTAssertEqual(CredentialMask.masked("https://h/simple?x=a@b"), "https://h/simple?x=a@b")
        XCTAssertEqual(CredentialMask.masked("http://proxy:3128"), "http://proxy:3128")
        XCTAssertEqual(CredentialMask.masked("http://a@b:p@ss@h"), "http://a@b:****@h")
        XCTAssertTrue(CredentialMask.isMasked("http://u:****@h"))
        XCTAssertFalse(CredentialMask.isMasked("http://u:pw@h"))
    }
}
