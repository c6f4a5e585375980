import Foundation
import XCTest
@testable import TFWizardCore

final class SecretMaskingTests: XCTestCase {
    func testTokenQueryParametersAreMaskedInPlanValues() {
        XCTAssertEqual(CredentialMask.masked("https://h/simple/?token=abc123&x=1"), "https://h/simple/?token=****&x=1")
        XCTAssertEqual(CredentialMask.masked("http://u:pw@h/simple?api_key=k1"), "http://u:****@h/simple?api_key=****")
        XCTAssertTrue(CredentialMask.hasCredentials("https://h/simple?token=abc"))
        XCTAssertTrue(CredentialMask.isMasked("https://h/simple?token=****"))
        XCTAssertFalse(CredentialMask.isMasked("https://h/simple?token=abc"))
    }

    func testSecretsOfAnswersIncludePasswordsAndTokensAlone() {
        var answers = Answers()
        answers.proxy = "http://user:S3cret%21Pass@proxy:3128"
        answers.indexURL = "https://mirror.example/simple/?token=T0kenValue"
        let secrets = Redactor.secrets(of: answers)
        XCTAssertTrue(secrets.contains("S3cret%21Pass"), "\(secrets)")
        XCTAssertTrue(secrets.contains("S3cret!Pass"), "\(secrets)")
        XCTAssertTrue(secrets.contains("T0kenValue"), "\(secrets)")
        XCTAssertEqual(Redactor.redact("proxy password is S3cret!Pass", secrets: secrets), "proxy password is ****")
    }

    func testShellAndJSONPlansMaskTokens() throws {
        var answers = Answers()
        answers.indexURL = "https://mirror.example/simple/?token=T0kenValue"
        let step = Step(id: "pip", title: "pip", why: "w", argv: ["pip", "install", "tensorflow"],
                        environment: ["PIP_INDEX_URL": answers.indexURL!])
        let plan = Plan(answers: answers, steps: [step], notes: [], tensorflowVersion: "2.21.0", pythonPath: "/usr/bin/python3")
        for text in [PlanFormatter.shell(plan, strings: Strings(language: "en")), PlanFormatter.json(plan), PlanFormatter.text(plan, strings: Strings(language: "en"))] {
            XCTAssertFalse(text.contains("T0kenValue"), text)
        }
    }
}
