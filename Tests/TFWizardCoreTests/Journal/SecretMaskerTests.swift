import Foundation
import XCTest
@testable import TFWizardCore

/// The bulk masker against the line-at-a-time redaction it replaced: on the hostile-output corpus, the
/// diagnosis logs and the secret-bearing lines, cut into chunks of any size, the transcript, the pane's
/// lines and the headless lines come out as the same bytes.
final class SecretMaskerTests: XCTestCase {
    static let secrets = Redactor.secrets(inURLs: ["http://ada:S3cret%21Pass@proxy.example:3128",
                                                   "https://mirror.example/simple/?token=T0kenValue"])
        + ["p@ss word", "secret", "secretsecret2", "Typed-S3cret-4242"]

    /// Lines that hold credentials in every form the redactor knows, some next to hostile bytes.
    static let secretLines: [[UInt8]] = [
        "Looking in indexes: https://mirror.example/simple/?token=T0kenValue",
        "proxy=http://ada:S3cret%21Pass@proxy.example:3128/ and S3cret!Pass alone",
        "proxy=http://user:p%40ss@proxy:8080/", "socks5h://:tok@h", "https://pypi.org/simple user@example.org",
        "a http://u:1@x b https://v:2@y", "GET /f?X-Amz-Signature=abc123&x=1", "https://h/p?access_token=zzz#frag",
        "?monkey=1&tokenizer=2", "pass is p@ss word or p%40ss%20word", "secretsecret2 secret", "abc=def",
        "Requirement already satisfied: numpy>=1.26 in ./venv", "RECEIVED Typed-S3cret-4242",
        "caf\u{e9} token=x ?token=y", "=\u{301}?key=k\u{301}",
    ].map { Array($0.utf8) } + [
        Array("\u{1b}]0;title\u{07}https://a:b@c/ ?sig=zz".utf8) + [0xff, 0xfe] + Array(" T0kenValue".utf8),
        [0x00] + Array("?token=after-nul S3cret!Pass".utf8) + [0x00, 0xc3, 0x28],
        Array("progress 10%\rprogress ?token=T0kenValue 50%\rdone".utf8),
    ]

    /// Every corpus, each file whole, then all of them interleaved with the secret lines.
    static func corpus() throws -> [[UInt8]] {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        var files: [[UInt8]] = [HostileOutputTests.payload]
        for folder in [tests.appendingPathComponent("Fixtures/logs"), root.appendingPathComponent("fuzz/corpus/sanitizer"),
                       root.appendingPathComponent("fuzz/corpus/matcher")] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                files.append(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
            }
        }
        XCTAssertGreaterThan(files.count, 60, "the corpora were not found")
        var mixed: [UInt8] = []
        for (index, file) in files.enumerated() {
            mixed += file
            mixed += [index % 3 == 0 ? 0x0D : 0x0A]
            mixed += secretLines[index % secretLines.count] + (index % 2 == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        return files + [secretLines.joined(separator: [0x0A]).map { $0 }, mixed]
    }

    func testBlocksAreMaskedAsLineAtATime() throws {
        let masker = SecretMasker(secrets: Self.secrets)
        for text in try Self.corpus() {
            XCTAssertEqual(masker.redact(block: text) ?? text, LineAtATimeJournal.redactLines(text, secrets: Self.secrets))
        }
    }

    func testTranscriptIsTheSameBytesWhateverTheChunks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfw-masker-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededRandom(seed: 14)
        let step = Step(id: "corpus", title: "Corpus", why: "test", argv: ["/bin/true"])
        for (number, text) in try Self.corpus().enumerated() {
            let journal = try SessionJournal(directory: folder.appendingPathComponent("\(number)").path, secrets: Self.secrets)
            var reference = LineAtATimeJournal(secrets: Self.secrets)
            journal.stepStarted(index: 0, of: 1, step: step)
            var offset = 0
            while offset < text.count {
                let size = [1, 7, 4095, 20_000, 70_000][Int(random.next() % 5)]
                let chunk = Array(text[offset..<min(text.count, offset + size)])
                journal.stepOutput(index: 0, bytes: chunk)
                reference.stepOutput(chunk)
                offset += chunk.count
            }
            journal.stepFinished(index: 0, step: step, outcome: StepOutcome(status: .done, exitCode: 0, signal: nil, durationSeconds: 1))
            reference.flush()
            let transcript = Array(try Data(contentsOf: URL(fileURLWithPath: journal.transcriptPath)))
            let header = Array("    started: ".utf8)
            let start = try XCTUnwrap(Self.range(of: header, in: transcript)).upperBound
            let outputStart = try XCTUnwrap(transcript[start...].firstIndex(of: 0x0A)) + 1
            let footer = try XCTUnwrap(Self.range(of: Array("<== step 1 corpus".utf8), in: transcript)).lowerBound
            var written = Array(transcript[outputStart..<footer])
            if reference.written.last != 0x0A, written.last == 0x0A { written.removeLast() }   // the footer's own line break
            XCTAssertEqual(written, reference.written, "corpus \(number)")
        }
    }

    func testPaneAndHeadlessLinesAreMaskedAsBefore() throws {
        let masker = SecretMasker(secrets: Self.secrets)
        for text in try Self.corpus() {
            var sanitizer = TerminalTextSanitizer()
            var lines: [String] = []
            sanitizer.feed(text) { lines.append($0) }
            sanitizer.finish { lines.append($0) }
            for line in lines { XCTAssertEqual(masker.redact(line), Redactor.redact(line, secrets: Self.secrets)) }
        }
        XCTAssertEqual(masker.redact("proxy password is S3cret!Pass"), "proxy password is ****")
    }

    static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }
}

/// The journal's output path as it was before bulk masking: each line (ended by LF or CR) decoded to a
/// String, redacted with `Redactor.redact` and written on its own; a partial line held back up to the
/// pending limit.
struct LineAtATimeJournal {
    let secrets: [String]
    var pending: [UInt8] = []
    var written: [UInt8] = []

    init(secrets: [String]) { self.secrets = secrets }

    mutating func stepOutput(_ bytes: [UInt8]) {
        var lineStart = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A || byte == 0x0D {
            pending.append(contentsOf: bytes[lineStart...offset])
            flush()
            lineStart = offset + 1
        }
        pending.append(contentsOf: bytes[lineStart...])
        if pending.count > SessionJournal.pendingLineLimit { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        let text = String(decoding: pending, as: UTF8.self)
        let redacted = Redactor.redact(text, secrets: secrets)
        written += redacted == text ? pending : Array(redacted.utf8)
        pending.removeAll()
    }

    static func redactLines(_ bytes: [UInt8], secrets: [String]) -> [UInt8] {
        var journal = LineAtATimeJournal(secrets: secrets)
        journal.stepOutput(bytes)
        journal.flush()
        return journal.written
    }
}
