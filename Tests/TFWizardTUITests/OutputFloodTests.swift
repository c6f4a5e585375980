import Foundation
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The whole wizard loop with the real engine and a step that floods its pty (far over 100,000 lines a
/// second, planned for 70 s): keys are still answered, cancel ends the flood at once, and memory
/// stays bounded while the pane keeps only its scrollback.
final class OutputFloodTests: XCTestCase {
    func testKeysAreAnsweredAndMemoryStaysBoundedDuringAFlood() throws {
        TestLocale.useUTF8()
        var environment = TestMachine.environment()
        let program = """
        import sys, time
        line = b"pip progress " + b"x" * 60 + b"\\n"
        end = time.time() + 70
        while time.time() < end:
            sys.stdout.buffer.write(line * 2000)
        """
        let flood = Step(id: "flood", title: "A step that floods its output", why: "test",
                         argv: ["/usr/bin/python3", "-c", program])
        let plan = Plan(answers: environment.initialAnswers, steps: [flood], notes: [], tensorflowVersion: "2.21.0",
                        pythonPath: "/usr/bin/python3")
        let engines = RealEngines()
        environment.makePlan = { _, _, _ in .success(plan) }   // the flood is the engine's input, not a planner question
        environment.startEngine = { plan, sink in
            let engine = Engine(plan: plan, runner: PtyStepRunner(), journal: nil, expectGPU: false, strings: Strings(language: "en"), onEvent: sink)
            engines.append(engine)
            return engine
        }
        // Seven Enters start the install; some seconds into the flood (4, or TFWIZARD_FLOOD_SECONDS for
        // the full minute by hand), Ctrl-C, choose Yes, confirm.
        let floodSeconds = ProcessInfo.processInfo.environment["TFWIZARD_FLOOD_SECONDS"].flatMap(Double.init) ?? 4
        let terminal = TimedKeysTerminal(keys: Array(repeating: (0.0, Key.enter), count: 7)
                                         + [(floodSeconds, .interrupt), (0.3, .left), (0.3, .enter), (0.3, .enter)])
        let residentBefore = Self.residentMegabytes()
        let start = Date()
        let result = WizardApp.run(environment: environment, terminal: terminal.memory)
        let seconds = Date().timeIntervalSince(start)

        XCTAssertEqual(result, .cancelled)
        XCTAssertTrue(engines.last?.isCancelled ?? false, "the flood was not cancelled")
        // Planned for 60 s: ending well before proves the keys got through during the flood.
        XCTAssertLessThan(seconds, floodSeconds + 16, "the wizard took \(seconds) s to answer Ctrl-C during the flood")
        let growth = Self.residentMegabytes() - residentBefore
        print("flood: \(String(format: "%.1f", seconds)) s, resident memory grew \(growth) MB")
        XCTAssertLessThan(growth, 300, "memory grew by \(growth) MB during the flood")
        XCTAssertGreaterThan(terminal.keysRead, 7, "the keys after the install started were never read")
    }

    static func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}

/// Scripted keys, each handed out only after its delay (seconds since the previous key), so the loop
/// sees "no key" in between and keeps drawing and draining output, as with a person at the keyboard.
final class TimedKeysTerminal: @unchecked Sendable {
    let memory: MemoryTerminal
    private(set) var keysRead = 0

    init(keys: [(Double, Key)]) {
        memory = MemoryTerminal(keys: [])
        memory.keysWhenScriptEnds = []
        var due = Date()
        var schedule: [(Date, Key)] = []
        for (delay, key) in keys {
            due = due.addingTimeInterval(delay)
            schedule.append((due, key))
        }
        let box = self
        memory.keySource = { () -> Key? in
            guard let next = schedule.first, Date() >= next.0 else { return nil }
            schedule.removeFirst()
            box.keysRead += 1
            // After the last key, a safety net: leave the wizard if it is still running.
            if schedule.isEmpty { box.memory.keysWhenScriptEnds = [.interrupt, .character("y")] }
            return next.1
        }
    }
}

final class RealEngines: @unchecked Sendable {
    private let lock = NSLock()
    private var engines: [Engine] = []
    func append(_ engine: Engine) { lock.lock(); engines.append(engine); lock.unlock() }
    var last: Engine? { lock.lock(); defer { lock.unlock() }; return engines.last }
}
