import Foundation
import XCTest

/// Every recorded machine walked with Enter alone in an 80x24 tmux pane, as a new user who trusts the
/// recommendations would: it must reach a plan the planner accepts, or stop on the screen whose choice
/// makes the install impossible, with the reason on it. The last screen of each walk is a snapshot
/// (Snapshots/walk-NAME.txt; TFWIZARD_RECORD_SNAPSHOTS=1 rewrites them).
final class EnterOnlyWalkTests: XCTestCase {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Where Enter alone ends on each recording: the plan, or the screen that says why not.
    static let expectedEnd: [String: String] = [
        "debian-12": "Review the plan", "docker-no-permission-conda": "Review the plan",
        "docker-no-toolkit": "Review the plan", "gpu-no-driver": "Review the plan",
        "gpu-none-docker-missing": "Review the plan", "gpu-old-capability": "Review the plan",
        "gpu-old-driver": "Review the plan", "ubuntu-18.04": "Python", "ubuntu-20.04": "Review the plan",
        "ubuntu-22.04": "Review the plan", "ubuntu-24.04": "Review the plan",
    ]

    func testEveryRecordedMachineEndsAtAnAcceptedPlanOrAtTheScreenThatSaysWhy() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: RecordedWizard.machines.path)
            .filter { FileManager.default.fileExists(atPath: RecordedWizard.machines.appendingPathComponent("\($0)/root").path) }
            .sorted()
        XCTAssertEqual(Set(names), Set(Self.expectedEnd.keys), "a recording without an expected end, or one gone")
        for name in names {
            let end = try walk(name)
            XCTAssertEqual(Self.title(of: end), Self.expectedEnd[name], "\(name):\n\(end)")
            if Self.title(of: end) == "Review the plan" {
                XCTAssertFalse(end.contains("cannot work on this machine"), "\(name): the plan was refused:\n\(end)")
                XCTAssertTrue(end.contains("Enter install"), "\(name): no install action:\n\(end)")
            } else {
                // Enter did nothing here: the screen says why, and how to go on.
                XCTAssertTrue(end.contains("cannot be used") || end.contains("not possible"), "\(name):\n\(end)")
            }
            try compare(end, snapshot: "walk-\(name)")
        }
    }

    /// Enter until the plan, or until Enter no longer moves on; the screen there, settled.
    private func walk(_ name: String) throws -> String {
        let wizard = try RecordedWizard(machine: name)
        try wizard.session.waitFor("\(name) - Welcome", timeout: 20)
        var screen = try wizard.settled()
        for _ in 0..<12 {
            if Self.title(of: screen) == "Review the plan" { break }
            let before = Self.title(of: screen)
            try wizard.session.send("Enter")
            let deadline = Date().addingTimeInterval(5)
            repeat { usleep(50_000); screen = try wizard.session.screen() }
                while Self.title(of: screen) == before && Date() < deadline
            screen = try wizard.settled()
            if Self.title(of: screen) == before { break }   // Enter was refused: the reason is on screen
        }
        // Let a plan finish drawing its first page (it reads the target folder first).
        return try wizard.settled()
    }

    /// The screen's title: the title bar's text after "recorded NAME - ", without the step counter.
    static func title(of screen: String) -> String {
        guard let bar = screen.components(separatedBy: "\n").first, let dash = bar.range(of: " - ") else { return "" }
        let rest = bar[dash.upperBound...]
        return rest.components(separatedBy: "  ").first?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    private func compare(_ screen: String, snapshot name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.snapshots.appendingPathComponent(name + ".txt")
        let text = screen.components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
        if ProcessInfo.processInfo.environment["TFWIZARD_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text + "\n", expected, "snapshot \(name) differs", file: file, line: line)
    }
}
