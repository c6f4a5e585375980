import XCTest
@testable import TFWizardCore

/// uv words its failures differently from pip ("No solution found when resolving dependencies", "Request
/// failed after 3 retries", rustls' "invalid peer certificate"): the uv installer's failures get the same
/// causes as pip's. The logs in Fixtures/uv-logs are uv 0.13's own output for each failure, made here
/// (a closed port, a name that does not resolve, a version and a package that do not exist, no CA for
/// the index's certificate), with the venv's path replaced by the one the tests use.
final class UVFailureDiagnosisTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/uv-logs")

    private func topCause(_ file: String) throws -> String? {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
        let diagnoser = Diagnoser(catalog: try ErrorCatalog.builtIn())
        diagnoser.feed(Array(data))
        let diagnosis = diagnoser.finish()
        XCTAssertEqual(diagnosis.matches.first?.id, diagnosis.fatalCause?.id, "\(file): the first match is the cause")
        return diagnosis.fatalCause?.id
    }

    func testUVsNetworkFailuresAreNetworkErrors() throws {
        XCTAssertEqual(try topCause("refused.log"), "network-error")
        XCTAssertEqual(try topCause("dns.log"), "network-error")
    }

    func testUVsUnsatisfiableRequirementsAreNoMatchingDistribution() throws {
        XCTAssertEqual(try topCause("noversion.log"), "no-matching-dist")
        XCTAssertEqual(try topCause("notfound.log"), "no-matching-dist")
    }

    func testUVsUnknownIssuerIsAnInterceptedCertificate() throws {
        XCTAssertEqual(try topCause("ssl.log"), "ssl-intercepted")
    }
}
