import Foundation
import XCTest
@testable import TFWizardCore

/// A password typed into a step's prompt (sudo's, or any program that turns echo off) reaches the
/// child but never the transcript, the exported log or the pane: the pty does not echo it back, and
/// nothing but the child's own output is recorded.
final class TypedPasswordTests: XCTestCase {
    func testPasswordTypedIntoAPromptIsInNoArtifact() throws {
        let secret = "Typed-S3cret-\(UInt32.random(in: 1000...9999))"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-typed-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SessionJournal(directory: folder.path)
        // What sudo does: prompt, echo off, read a line, echo on; then prove the child got the line by
        // its length and its last four characters (the password itself must not be in the command).
        let script = "printf '[sudo] password for ada: '; stty -echo; read -r pw; stty echo; echo; "
            + "echo \"RECEIVED ${#pw} ${pw#Typed-S3cret-}\""
        let step = Step(id: "prompt", title: "A step that asks for a password", why: "test",
                        argv: ["/bin/sh", "-c", script])
        let plan = Plan(answers: Answers(), steps: [step], notes: [], tensorflowVersion: "2.21.0", pythonPath: nil)
        let recorder = EventRecorder()
        let engine = Engine(plan: plan, runner: PtyStepRunner(), journal: journal, expectGPU: false, strings: Strings(language: "en")) { recorder.record($0) }
        engine.start()
        // Type once the prompt shows, as a person would.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let shown = recorder.events.compactMap { event -> [UInt8]? in
                if case .output(_, let bytes) = event { return bytes } else { return nil }
            }.joined()
            if String(decoding: Array(shown), as: UTF8.self).contains("password for ada:") { break }
            usleep(20_000)
        }
        usleep(200_000)   // let `stty -echo` take effect before the keys arrive
        engine.sendInput(Array((secret + "\n").utf8))
        XCTAssertTrue(recorder.waitForFinish(timeout: 20))

        var output: [UInt8] = []
        for case .output(_, let bytes) in recorder.events { output += bytes }
        let shown = String(decoding: output, as: UTF8.self)
        let received = "RECEIVED \(secret.count) \(secret.dropFirst("Typed-S3cret-".count))"
        XCTAssertTrue(shown.contains(received), "the child did not get the typed line: \(shown)")
        XCTAssertFalse(shown.contains(secret), "the typed password came back as output")

        var pane = LogBuffer(maxLines: 100)
        pane.append(output)
        pane.finish()
        XCTAssertFalse(pane.lines.joined(separator: "\n").contains(secret), "the pane shows the password")

        let transcript = try String(contentsOfFile: journal.transcriptPath, encoding: .utf8)
        XCTAssertTrue(transcript.contains(received))
        XCTAssertFalse(transcript.contains(secret), "the transcript holds the password")
        let exported = try String(contentsOfFile: journal.export(), encoding: .utf8)
        XCTAssertFalse(exported.contains(secret), "the exported log holds the password")
    }
}
