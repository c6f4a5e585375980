import Foundation
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// Drives update + render directly: keys and engine events in, state, effects and screen text out.
struct WizardDriver {
    let environment: WizardEnvironment
    var state: WizardState
    var effects: [WizardEffect] = []
    let terminal: MemoryTerminal

    init(_ environment: WizardEnvironment, rows: Int = 24, columns: Int = 80) {
        TestLocale.useUTF8()
        self.environment = environment
        terminal = MemoryTerminal(rows: rows, columns: columns)
        state = Wizard.initialState(environment: environment, size: terminal.size)
    }

    /// Sends an event; reads the update asks for are answered at once, as `WizardApp` does, and are not
    /// kept in `effects` (which lists what the wizard asks the world to change).
    mutating func send(_ event: WizardEvent) {
        let (next, produced) = Wizard.update(state, event, environment: environment)
        state = next
        effects += produced.filter { !$0.isRead }
        for read in produced where read.isRead {
            if let answer = environment.read(read) { send(answer) }
        }
    }

    mutating func press(_ keys: Key...) { keys.forEach { send(.key($0)) } }
    mutating func press(times: Int, _ key: Key) { for _ in 0..<times { send(.key(key)) } }
    mutating func type(_ text: String) { text.forEach { send(.key(.character($0))) } }
    mutating func engine(_ events: EngineEvent...) { events.forEach { send(.engine($0)) } }
    mutating func at(_ time: Double) { send(.tick(time)) }

    /// Renders and returns the screen text.
    func screen() -> String {
        Wizard.render(state, on: terminal)
        return terminal.text()
    }

    mutating func resize(rows: Int, columns: Int) {
        terminal.size = TerminalSize(rows: rows, columns: columns)
        send(.resized(terminal.size))
    }
}

enum TestLocale {
    /// wcwidth knows CJK widths only in a UTF-8 locale (the program sets it from LANG; tests pin it).
    static func useUTF8() {
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}

/// Text snapshots under Snapshots/; TFWIZARD_RECORD_SNAPSHOTS=1 rewrites them.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    let snapshots = (folder.lastPathComponent == "Support" ? folder.deletingLastPathComponent() : folder)
        .appendingPathComponent("Snapshots")
    let path = snapshots.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["TFWIZARD_RECORD_SNAPSHOTS"] == "1"
    if record || !FileManager.default.fileExists(atPath: path.path) {
        try? FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
        try? text.write(to: path, atomically: true, encoding: .utf8)
        if !record { XCTFail("recorded new snapshot \(name); check it and run again", file: file, line: line) }
        return
    }
    let expected = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
    if expected != text {
        XCTFail("snapshot \(name) differs:\n--- expected\n\(expected)--- got\n\(text)", file: file, line: line)
    }
}
