import XCTest
@testable import TFWizardCore

final class RedactorTests: XCTestCase {
    func testURLPasswordsAreMasked() {
        XCTAssertEqual(Redactor.redact("proxy=http://user:p%40ss@proxy:8080/", secrets: []), "proxy=http://user:****@proxy:8080/")
        XCTAssertEqual(Redactor.redact("socks5h://:tok@h", secrets: []), "socks5h://:****@h")
        XCTAssertEqual(Redactor.redact("https://pypi.org/simple user@example.org", secrets: []),
                       "https://pypi.org/simple user@example.org")
        XCTAssertEqual(Redactor.redact("a http://u:1@x b https://v:2@y", secrets: []), "a http://u:****@x b https://v:****@y")
    }

    func testTokenQueryParametersAreMasked() {
        XCTAssertEqual(Redactor.redact("GET /f?X-Amz-Signature=abc123&x=1", secrets: []), "GET /f?X-Amz-Signature=****&x=1")
        XCTAssertEqual(Redactor.redact("https://h/p?access_token=zzz#frag", secrets: []), "https://h/p?access_token=****#frag")
        XCTAssertEqual(Redactor.redact("?monkey=1&tokenizer=2", secrets: []), "?monkey=1&tokenizer=2")
    }

    func testLiteralSecretsAndTheirEncodedFormsAreMasked() {
        XCTAssertEqual(Redactor.redact("pass is p@ss word or p%40ss%20word", secrets: ["p@ss word"]),
                       "pass is **** or ****")
        XCTAssertEqual(Redactor.redact("abc", secrets: ["a", ""]), "abc", "too short to mask on its own")
        XCTAssertEqual(Redactor.redact("secretsecret2", secrets: ["secret", "secretsecret2"]), "****")
    }
}
