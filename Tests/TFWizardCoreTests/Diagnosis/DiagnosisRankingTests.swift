import Foundation
import XCTest
import TFWizardCore

/// Each ranking and severity rule, with a real log it would get wrong without the rule.
final class DiagnosisRankingTests: XCTestCase {
    var catalog: ErrorCatalog!

    override func setUpWithError() throws { catalog = try ErrorCatalog.builtIn() }

    func log(_ name: String) throws -> String {
        try String(contentsOf: DiagnosisCorpusTests.logsDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    /// cuda-lib-missing-6.log (NVIDIA/tensorflow#110): libcusolver named, then the generic summary.
    func testANamedMissingLibraryRanksAboveTheGenericSummary() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: try log("cuda-lib-missing-6.log"))
        XCTAssertEqual(diagnosis.matches.map(\.id).prefix(2), ["cuda-lib-missing", "gpu-libs-dlopen"])
        XCTAssertTrue(diagnosis.fatalCause?.text.contains("libcusolver.so.11") ?? false)
        // The summary is itself the evidence of a GPU: it is printed only when TensorFlow sees one.
        XCTAssertEqual(diagnosis.fatalCause?.gpu?.presence, .present)
        XCTAssertEqual(diagnosis.fatalCause?.gpu?.lineNumber, 6)
    }

    /// network-error-1.log (evilsocket/pwnagotchi#1188): pip retries, and the step ends there.
    func testARetryWarningCountsWhenTheStepDidNotSucceedAfterwards() throws {
        let retries = try log("network-error-1.log")
        XCTAssertEqual(Diagnoser(catalog: catalog).diagnose(text: retries).fatalCause?.id, "network-error")

        let recovered = retries + "Collecting numpy\n  Downloading numpy-1.19.5-cp37-cp37m-linux_armv7l.whl (12.2 MB)\n"
            + "Installing collected packages: numpy\nSuccessfully installed numpy-1.19.5\n"
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: recovered)
        XCTAssertNil(diagnosis.fatalCause, "the retries were followed by success: \(diagnosis.matches.map(\.id))")
        XCTAssertEqual(DoctorOutput.exitCode(for: diagnosis), 0)
        XCTAssertTrue(diagnosis.lastErrorLines.isEmpty, "\(diagnosis.lastErrorLines)")

        // A later package that fails the same way after the first succeeded: the step failed.
        let failedLater = recovered + retries
        XCTAssertEqual(Diagnoser(catalog: catalog).diagnose(text: failedLater).fatalCause?.id, "network-error")
    }

    /// tf-gpu-removed-7.log (QData/AdversarialDNN-Playground#15): pip finds no tensorflow-gpu at all.
    func testTensorflowGPUWithNoMatchingDistributionIsTheRemovedPackage() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: try log("tf-gpu-removed-7.log"))
        XCTAssertEqual(diagnosis.fatalCause?.id, "tf-gpu-removed")
        XCTAssertEqual(diagnosis.matches.first?.id, "tf-gpu-removed")
        let plain = "ERROR: Could not find a version that satisfies the requirement tensorflow==2.5.1 (from versions: none)\n"
            + "ERROR: No matching distribution found for tensorflow==2.5.1\n"
        XCTAssertEqual(Diagnoser(catalog: catalog).diagnose(text: plain).fatalCause?.id, "no-matching-dist")
    }

    /// harmless-onednn-1.log (lllyasviel/stable-diffusion-webui-forge#1573).
    func testTheOneDNNNoticeHasItsOwnHarmlessEntry() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: try log("harmless-onednn-1.log"))
        XCTAssertEqual(diagnosis.matches.map(\.id), ["onednn-notice"])
        XCTAssertEqual(diagnosis.matches.first?.severity, .info)
        XCTAssertTrue(diagnosis.isClean)
    }

    func testAnUnknownFailureStillShowsItsLastErrorLines() throws {
        let unknown = try log("harmless-onednn-1.log") + "Traceback (most recent call last):\n"
            + "  File \"train.py\", line 3, in <module>\n" + "RuntimeError: something new broke\n"
            + DiagnosisContextTests.cudaLibraryLines
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: unknown)
        XCTAssertNil(diagnosis.fatalCause)
        XCTAssertEqual(diagnosis.lastErrorLines, ["Traceback (most recent call last):", "RuntimeError: something new broke"])
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: Strings(language: "en"))
        XCTAssertTrue(text.hasPrefix("No known cause found. The last lines that look like errors:\n"
                                     + "  Traceback (most recent call last):\n  RuntimeError: something new broke\n"), text)
        XCTAssertTrue(text.contains("The cause if this machine has an NVIDIA GPU"), text)
        XCTAssertTrue(text.contains("[onednn-notice]"), text)
    }

    /// apt-no-candidate-5.log (alphagov/govuk-puppet#9797): venv says to install python3-venv, apt cannot.
    func testAptHavingNoPackageRanksAboveTheVenvItWasFor() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: try log("apt-no-candidate-5.log"))
        XCTAssertEqual(diagnosis.matches.map(\.id).prefix(2), ["apt-no-candidate", "venv-missing"])
    }

    /// ssl-intercepted-5.log (meteofrance/mfai#160): a certificate chain ending in a CA pip does not know.
    func testASelfSignedChainIsAnInterceptingProxyNotAMissingBundle() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: try log("ssl-intercepted-5.log"))
        XCTAssertEqual(diagnosis.matches.map(\.id).prefix(2), ["ssl-intercepted", "ssl-cert"])
        let entry = try XCTUnwrap(catalog["ssl-intercepted"])
        XCTAssertEqual(entry.commands, [["python3", "-m", "pip", "config", "set", "global.cert", "/etc/ssl/certs/ca-certificates.crt"]])
    }
}
