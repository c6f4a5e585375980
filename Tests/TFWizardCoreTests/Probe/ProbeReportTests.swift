import XCTest
@testable import TFWizardCore

final class ProbeReportTests: XCTestCase {
    private func sampleFacts() throws -> MachineFacts {
        var facts = try RecordedMachine("ubuntu-24.04").prober().probe()
        facts.disk = .init(path: "/home/ubuntu", freeBytes: 53_687_091_200)
        facts.probeDurationMilliseconds = 42
        return facts
    }

    func testJSONIsSortedPrettyAndRoundTrips() throws {
        let facts = try sampleFacts()
        let json = ProbeReport.json(facts)
        XCTAssertEqual(try JSONDecoder().decode(MachineFacts.self, from: Data(json.utf8)), facts)
        XCTAssertTrue(json.hasPrefix("{\n  \"aptPackages\" : {"), String(json.prefix(60)))
        XCTAssertTrue(json.contains("\"path\" : \"/usr/bin/python3\""), "slashes are not escaped")
        let architecture = try XCTUnwrap(json.range(of: "\"architecture\""))
        let cpu = try XCTUnwrap(json.range(of: "\"cpu\""))
        XCTAssertLessThan(architecture.lowerBound, cpu.lowerBound)
        XCTAssertEqual(ProbeReport.json(facts), json, "stable output")
    }

    func testTextNamesWhatMatters() throws {
        let text = ProbeReport.text(try sampleFacts(), strings: Strings(language: "en"))
        for expected in ["System: Ubuntu 24.04.3 LTS", "Architecture: x86_64", "C library: glibc 2.39",
                         "/usr/bin/python3  Python 3.12.3 (system)  -> /usr/bin/python3.12",
                         "externally managed (PEP 668)", "Python interpreters (3):",
                         "NVIDIA GPU: NVIDIA H200 at 0000:00:06.0, compute capability 9.0, 143771 MiB",
                         "NVIDIA driver: 580.159.04 (loaded)", "Free disk at /home/ubuntu: 50.0 GiB",
                         "Privileges: sudo without a password", "Probe took 42 ms"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
        XCTAssertFalse(text.contains("probe."), "every key has English text:\n\(text)")
    }

    func testTextWarnsAboutMissingAVXAndUnloadedDriver() throws {
        let old = ProbeReport.text(try RecordedMachine("ubuntu-18.04").prober().probe(), strings: Strings(language: "en"))
        XCTAssertTrue(old.contains("AVX no, AVX2 no, FMA no"), old)
        XCTAssertTrue(old.contains("has no AVX"), old)
        XCTAssertTrue(old.contains("no pip; ensurepip missing"), old)
        XCTAssertTrue(old.contains("NVIDIA GPU: none found"), old)
        let gpu = ProbeReport.text(try RecordedMachine("ubuntu-20.04").prober().probe(), strings: Strings(language: "en"))
        XCTAssertTrue(gpu.contains("NVIDIA GPU: device 0x2504 at 0000:07:00.0"), gpu)
        XCTAssertTrue(gpu.contains("NVIDIA driver: not loaded"), gpu)
        XCTAssertTrue(gpu.contains("Privileges: running as root"), gpu)
    }

    func testByteCounts() {
        XCTAssertEqual(ProbeReport.byteCount(2_254_857_830), "2.1 GiB")
        XCTAssertEqual(ProbeReport.byteCount(10 * 1_048_576), "10 MiB")
    }
}
