import Foundation
import XCTest
import TFWizardCore

/// Every log in Fixtures/logs (real excerpts from public reports, listed in index.tsv with their source)
/// must yield its expected top cause; harmless-only logs must yield none.
final class DiagnosisCorpusTests: XCTestCase {
    static let logsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs")

    struct IndexRow { let file: String; let expected: String; let source: String }

    static func index() throws -> [IndexRow] {
        let text = try String(contentsOf: logsDirectory.appendingPathComponent("index.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return IndexRow(file: fields[0], expected: fields.count > 1 ? fields[1] : "", source: fields.count > 2 ? fields[2] : "")
        }
    }

    func testEveryLogYieldsItsExpectedCause() throws {
        let catalog = try ErrorCatalog.builtIn()
        let rows = try Self.index()
        XCTAssertGreaterThan(rows.count, 30)
        for row in rows {
            let data = try Data(contentsOf: Self.logsDirectory.appendingPathComponent(row.file))
            let diagnoser = Diagnoser(catalog: catalog)
            diagnoser.feed(Array(data))
            let diagnosis = diagnoser.finish()
            if row.expected.isEmpty {
                XCTAssertNil(diagnosis.fatalCause, "\(row.file): harmless log got cause \(diagnosis.fatalCause?.id ?? "")")
                XCTAssertFalse(diagnosis.matches.isEmpty, "\(row.file): harmless lines should be recognised")
                XCTAssertEqual(DoctorOutput.exitCode(for: diagnosis), 0, row.file)
            } else {
                XCTAssertEqual(diagnosis.fatalCause?.id, row.expected, "\(row.file): matches \(diagnosis.matches.map(\.id))")
                XCTAssertEqual(diagnosis.matches.first?.id, row.expected, row.file)
                XCTAssertEqual(DoctorOutput.exitCode(for: diagnosis), 1, row.file)
            }
        }
    }

    func testEveryCatalogEntryIsSeenInTheCorpus() throws {
        let catalog = try ErrorCatalog.builtIn()
        let rows = try Self.index()
        let expectedCauses = Set(rows.map(\.expected))
        var harmlessSeen = Set<String>()
        for row in rows where row.expected.isEmpty {
            let text = try String(contentsOf: Self.logsDirectory.appendingPathComponent(row.file), encoding: .utf8)
            harmlessSeen.formUnion(Diagnoser(catalog: catalog).diagnose(text: text).matches.map(\.id))
        }
        for entry in catalog.entries {
            if entry.severity == .fatal {
                XCTAssertTrue(expectedCauses.contains(entry.id), "no corpus log for \(entry.id)")
            } else {
                XCTAssertTrue(harmlessSeen.contains(entry.id), "no harmless log shows \(entry.id)")
            }
        }
    }

    func testEveryIndexedFileExistsAndHasASource() throws {
        let rows = try Self.index()
        let listed = Set(rows.map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.logsDirectory.path).filter { $0.hasSuffix(".log") })
        XCTAssertEqual(listed, present)
        for row in rows { XCTAssertTrue(row.source.hasPrefix("https://"), "\(row.file) has no source URL") }
    }

    func testHarmlessLogsMixedIntoAFailureDoNotHideIt() throws {
        let catalog = try ErrorCatalog.builtIn()
        let harmless = try String(contentsOf: Self.logsDirectory.appendingPathComponent("harmless-cpu-import-1.log"), encoding: .utf8)
        let failure = try String(contentsOf: Self.logsDirectory.appendingPathComponent("numpy2-abi-2.log"), encoding: .utf8)
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: harmless + failure + harmless)
        XCTAssertEqual(diagnosis.fatalCause?.id, "numpy2-abi")
        XCTAssertEqual(diagnosis.matches.first?.severity, .fatal)
        XCTAssertEqual(diagnosis.matches.filter { $0.severity == .fatal }.count, 1)
        let severities = diagnosis.matches.map(\.severity)
        XCTAssertEqual(severities, severities.sorted(), "fatal must rank above info")
    }
}
