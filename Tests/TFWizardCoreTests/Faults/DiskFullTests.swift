import Foundation
import XCTest
@testable import TFWizardCore

/// Disk full during pip: the plan warns beforehand with the measured free space; pip's ENOSPC is
/// diagnosed `disk-full`, and the explanation quotes the space measured before the start.
final class DiskFullTests: XCTestCase {
    func testPipOnAFullFileSystemIsDiagnosedDiskFullWithTheMeasuredFreeSpace() throws {
        let folder = try FaultFixtures.temporaryFolder("disk-full")
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = folder.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        guard mountTmpfs(at: small.path, size: "20m") else {
            throw XCTSkip("mounting a tmpfs needs root; testSimulatedNoSpaceOutputIsDiagnosedDiskFull covers the words")
        }
        defer { _ = runQuietly(["umount", small.path]) }

        let measured = try XCTUnwrap(DiskPreflight.measure(at: small.appendingPathComponent("target").path))
        XCTAssertEqual(measured.path, small.path, "the nearest existing folder is measured")
        XCTAssertEqual(Double(measured.freeBytes), Double(20 << 20), accuracy: Double(1 << 20))

        let server = try LocalIndexServer(workdir: folder, bigMegabytes: 40)
        defer { server.stop() }
        // pip unpacks under TMPDIR, so that is on the small disk too.
        let step = FaultFixtures.pipStep(indexURL: server.indexURL, target: small.appendingPathComponent("target").path,
                                         extraEnvironment: ["TMPDIR": small.path])
        let run = EngineRun(plan: FaultFixtures.plan([step]))
        run.engine.start()
        let (outcome, _) = try XCTUnwrap(run.outcome(of: 0, timeout: 90))
        XCTAssertEqual(outcome.status, .failed, run.output.text)
        XCTAssertTrue(run.output.text.contains("No space left on device"), run.output.text)
        run.engine.decide(.abort)

        let preflight = DiskPreflight(disk: measured, neededBytes: DiskPreflight.neededBytes(for: .cpu))
        let lines = Troubleshooter.summaryLines(for: Array(run.output.text.utf8), strings: Strings(language: "en"),
                                                disk: preflight)
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(lines.first?.hasSuffix("[disk-full]") == true, text)
        XCTAssertEqual(lines.filter { $0.contains("Free space measured before the start: 20.0 MB in \(small.path); the install needs about 3.0 GB.") }.count, 1, text)
        XCTAssertTrue(lines[3].contains("Free space measured before the start"), "after the explanation: \(text)")
    }

    func testSimulatedNoSpaceOutputIsDiagnosedDiskFull() {
        let output = """
            Collecting tensorflow
              Downloading tensorflow-2.21.0-cp312-cp312-manylinux_2_27_x86_64.whl (620.5 MB)
            ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device
            """
        let preflight = DiskPreflight(disk: MachineFacts.Disk(path: "/home/ada", freeBytes: 1_288_490_189),
                                      neededBytes: DiskPreflight.neededBytes(for: .gpu))
        let lines = Troubleshooter.summaryLines(for: Array(output.utf8), strings: Strings(language: "en"), disk: preflight)
        XCTAssertTrue(lines.first?.hasSuffix("[disk-full]") == true, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  Free space measured before the start: 1.2 GB in /home/ada; the install needs about 8.0 GB."),
                      lines.joined(separator: "\n"))
        // Another cause never gets the disk line.
        let network = Troubleshooter.summaryLines(for: Array("ReadTimeoutError: Read timed out.".utf8),
                                                  strings: Strings(language: "en"), disk: preflight)
        XCTAssertFalse(network.joined().contains("Free space measured"))
    }

    func testThePlanWarnsWithTheMeasuredFreeSpaceAndTheNeed() throws {
        var facts = MachineFixture.ubuntu2404()
        facts.disk = MachineFacts.Disk(path: "/home/ada", freeBytes: 1 << 30)
        let cpu = try MachineFixture.plan(MachineFixture.answers(.cpu), facts).get()
        XCTAssertTrue(cpu.notes.contains("Only 1.0 GB free in /home/ada; the install needs about 3.0 GB."), cpu.notes.joined(separator: "\n"))
        facts.disk = MachineFacts.Disk(path: "/home/ada", freeBytes: 5 << 30)
        XCTAssertFalse(try MachineFixture.plan(MachineFixture.answers(.cpu), facts).get().notes.contains { $0.hasPrefix("Only ") })
        XCTAssertEqual(DiskPreflight.environmentBytes(for: .cpu), 2_100 << 20)
        XCTAssertEqual(DiskPreflight.environmentBytes(for: .gpu), 6 << 30)
    }

    private func mountTmpfs(at path: String, size: String) -> Bool {
        geteuid() == 0 && runQuietly(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
    }

    @discardableResult
    private func runQuietly(_ argv: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
