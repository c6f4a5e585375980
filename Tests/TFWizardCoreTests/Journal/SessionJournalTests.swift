import Foundation
import XCTest
@testable import TFWizardCore

final class SessionJournalTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-journal-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    private let step = Step(id: "install-tf", title: "Install TensorFlow", why: "the point",
                            argv: ["/opt/venv/bin/pip", "install", "tensorflow[and-cuda]"],
                            environment: ["PIP_INDEX_URL": "https://alice:s3cretPass@mirror.example/simple",
                                          "TWINE_PASSWORD": "hunter22"])

    func testDirectoryAndFilesArePrivate() throws {
        let directory = root + "/state/tfwizard"
        let oldMask = umask(0o022)
        defer { umask(oldMask) }
        let journal = try SessionJournal(directory: directory)
        XCTAssertEqual(try mode(directory), 0o700)
        XCTAssertEqual(try mode(root + "/state"), 0o700)
        XCTAssertEqual(try mode(journal.transcriptPath), 0o600)
        let exported = try journal.export()
        XCTAssertEqual(try mode(exported), 0o600)
        XCTAssertEqual((exported as NSString).deletingLastPathComponent, directory)
        let name = (exported as NSString).lastPathComponent
        XCTAssertNotNil(name.range(of: #"^tfwizard-\d{8}-\d{6}\.log$"#, options: .regularExpression), name)
    }

    func testDefaultDirectoryFollowsXDG() {
        XCTAssertEqual(SessionJournal.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]),
                       "/x/state/tfwizard")
        XCTAssertEqual(SessionJournal.defaultDirectory(environment: ["HOME": "/home/u"]), "/home/u/.local/state/tfwizard")
    }

    func testTranscriptRecordsSessionAndEveryOutputByte() throws {
        let journal = try SessionJournal(directory: root)
        journal.recordProbeReport("OS: Ubuntu 24.04\nCPU: AVX2")
        journal.recordAnswers("device: gpu\nmethod: venv\n")
        journal.recordPlan("1. Install TensorFlow")
        journal.stepStarted(index: 0, of: 2, step: step)
        let output: [UInt8] = Array("Collecting tensorflow\n\u{1B}[32m 50%\r100%\u{1B}[0m\n".utf8) + [0xFF, 0x0A]
        journal.stepOutput(index: 0, bytes: Array(output[0..<7]))
        journal.stepOutput(index: 0, bytes: Array(output[7...]))
        journal.stepOutput(index: 0, bytes: Array("no newline at end".utf8))
        journal.stepFinished(index: 0, step: step,
                             outcome: StepOutcome(status: .failed, exitCode: 1, signal: nil, durationSeconds: 12.34,
                                                  failureReason: "exited with status 1"))

        let transcriptData = try Data(contentsOf: URL(fileURLWithPath: journal.transcriptPath))
        XCTAssertNotNil(transcriptData.range(of: Data(output)), "raw output bytes, escapes and invalid UTF-8 included")
        let transcript = String(decoding: transcriptData, as: UTF8.self)
        XCTAssertTrue(transcript.contains("== probe ==\nOS: Ubuntu 24.04\nCPU: AVX2\n"))
        XCTAssertTrue(transcript.contains("== answers ==\ndevice: gpu\nmethod: venv\n"))
        XCTAssertTrue(transcript.contains("== plan ==\n1. Install TensorFlow\n"))
        XCTAssertTrue(transcript.contains("==> step 1/2 install-tf: Install TensorFlow\n"))
        XCTAssertTrue(transcript.contains("    command: /opt/venv/bin/pip install 'tensorflow[and-cuda]'\n"))
        XCTAssertTrue(transcript.contains("    started: "))
        XCTAssertTrue(transcript.contains("no newline at end\n<== step 1 install-tf: failed, exit 1, exited with status 1, 12.3 s\n"),
                      transcript)
    }

    func testSecretsAreMaskedEvenWhenSplitAcrossChunks() throws {
        let journal = try SessionJournal(directory: root, secrets: ["pr0xyPass!"])
        journal.stepStarted(index: 0, of: 1, step: step)
        journal.stepOutput(index: 0, bytes: Array("Using proxy http://bob:pr0x".utf8))
        journal.stepOutput(index: 0, bytes: Array("yPass!@proxy.example:3128\nthe password is pr0".utf8))
        journal.stepOutput(index: 0, bytes: Array("xyPass! here\nURL https://h.example/x?a=1&token=abcdef123&b=2\n".utf8))
        journal.stepOutput(index: 0, bytes: Array("encoded pr0xyPass%21 too\n".utf8))
        journal.stepOutput(index: 0, bytes: Array("typed pr0xyPaX\u{8}ss! with a backspace\n".utf8))
        journal.recordAnswers("proxy: http://bob:pr0xyPass!@proxy.example:3128")
        journal.stepFinished(index: 0, step: step, outcome: StepOutcome(status: .done, exitCode: 0, signal: nil, durationSeconds: 1))
        let transcript = try read(journal.transcriptPath)
        let exported = try read(try journal.export())
        XCTAssertTrue(exported.contains("typed **** with a backspace"), exported)
        for text in [transcript, exported] {
            XCTAssertFalse(text.contains("pr0xyPass"), text)
            XCTAssertFalse(text.contains("s3cretPass"), text)
            XCTAssertFalse(text.contains("hunter22"), text)
            XCTAssertFalse(text.contains("abcdef123"), text)
            XCTAssertTrue(text.contains("Using proxy http://bob:****@proxy.example:3128\n"), text)
            XCTAssertTrue(text.contains("the password is **** here\n"), text)
            XCTAssertTrue(text.contains("?a=1&token=****&b=2"), text)
            XCTAssertTrue(text.contains("encoded **** too"), text)
            XCTAssertTrue(text.contains("environment: PIP_INDEX_URL=https://alice:****@mirror.example/simple"), text)
            XCTAssertTrue(text.contains("environment: TWINE_PASSWORD=****"), text)
        }
    }

    func testExportIsReadableAndRewrittenOnEachCall() throws {
        let journal = try SessionJournal(directory: root)
        journal.recordPlan("the plan")
        journal.stepStarted(index: 0, of: 1, step: step)
        journal.stepOutput(index: 0, bytes: Array("\u{1B}]52;c;ZXZpbA==\u{07}Downloading  1%\r 60%\r100%\n\u{1B}[2J".utf8))
        let path = try journal.export()
        let first = try read(path)
        XCTAssertFalse(first.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D })
        XCTAssertTrue(first.contains("\n100%\n"), first)
        XCTAssertTrue(first.contains("== plan ==\nthe plan\n"))
        XCTAssertTrue(first.contains("== summary ==\nno steps ran\n"), first)

        journal.stepFinished(index: 0, step: step, outcome: StepOutcome(status: .done, exitCode: 0, signal: nil, durationSeconds: 2))
        journal.recordValidation(index: 0, report: ValidationReport(tensorflowVersion: "2.21.0", reduceSum: "1.5",
                                                                    gpuDevices: ["/physical_device:GPU:0"], passed: true))
        let again = try journal.export()
        XCTAssertEqual(again, path)
        let second = try read(again)
        XCTAssertTrue(second.contains("== summary ==\ninstall-tf: done, exit 0\n"), second)
        XCTAssertTrue(second.contains("gpus: /physical_device:GPU:0"), second)
        XCTAssertEqual(try mode(again), 0o600)
        let logs = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".log") }
        XCTAssertEqual(logs.count, 1, "\(logs)")
    }

    func testTwoSessionsInTheSameSecondGetTheirOwnFiles() throws {
        let now = Date()
        let first = try SessionJournal(directory: root, now: now)
        let second = try SessionJournal(directory: root, now: now)
        XCTAssertNotEqual(first.transcriptPath, second.transcriptPath)
        XCTAssertNotEqual(try first.export(), try second.export())
    }

    func testLogDirectoryThatIsAFileIsAnError() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: root, contents: Data()))
        XCTAssertThrowsError(try SessionJournal(directory: root + "/sub"))
        XCTAssertThrowsError(try SessionJournal(directory: root))
    }

    /// The wizard's last screen exports the log, then its exit does: after a large step the second
    /// export must not read the whole transcript again (it froze the screen for seconds).
    func testTheEndOfALargeStepExportsTheTranscriptOnce() throws {
        let journal = try SessionJournal(directory: root)
        journal.stepStarted(index: 0, of: 1, step: step)
        let block = Array(repeating: Array((String(repeating: "x", count: 99) + "\n").utf8), count: 1000).flatMap { $0 }
        for _ in 0..<200 { journal.stepOutput(index: 0, bytes: block) }   // 20 MB
        journal.stepFinished(index: 0, step: step, outcome: StepOutcome(status: .done, exitCode: 0, signal: nil, durationSeconds: 9))
        let path = try journal.export()
        let first = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        XCTAssertEqual(try journal.export(), path)
        let second = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        XCTAssertEqual(first, second, "the log was written again with nothing new to add")

        journal.recordNote("recorded after the export")
        XCTAssertEqual(try journal.export(), path)
        let third = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        XCTAssertNotEqual(second, third, "something new was recorded: the log must be written again")
        XCTAssertTrue(try read(path).contains("recorded after the export"))
    }
}
