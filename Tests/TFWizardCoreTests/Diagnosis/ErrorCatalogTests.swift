import Foundation
import XCTest
import TFWizardCore

final class ErrorCatalogTests: XCTestCase {
    static let fixedIDs = [
        "cuda-lib-missing", "protobuf-too-big", "source-dir-import", "pip-too-old", "protobuf-descriptors", "ssl-cert",
        "setuptools-uninstall", "no-matching-dist", "pep668", "venv-missing", "tf-gpu-removed", "no-avx",
        "gpu-libs-dlopen", "cudnn-mismatch", "libdevice-ptxas", "numpy2-abi", "tf1-session-api", "keras3-legacy",
        "docker-gpu-driver", "docker-permission", "glibc-too-old", "cuda-no-device", "cc-unsupported", "network-error",
        "pip-hash-mismatch", "disk-full", "apt-lock", "cudnn-factory", "tensorrt-missing", "cpu-instructions",
        "numa-node", "cuda-drivers-absent-cpu",
    ]
    static let harmless: Set<String> = ["cudnn-factory", "tensorrt-missing", "cpu-instructions", "numa-node", "cuda-drivers-absent-cpu"]

    func testCatalogHasEveryFixedIDWithTheRightSeverity() throws {
        let catalog = try ErrorCatalog.builtIn()
        XCTAssertEqual(Set(catalog.ids), Set(Self.fixedIDs))
        for id in Self.fixedIDs {
            let entry = try XCTUnwrap(catalog[id])
            XCTAssertEqual(entry.severity, Self.harmless.contains(id) ? .info : .fatal, id)
            XCTAssertFalse(entry.title.isEmpty, id)
            XCTAssertFalse(entry.explanation.isEmpty, id)
            XCTAssertFalse(entry.fix.isEmpty, id)
            XCTAssertGreaterThanOrEqual(entry.patterns.count, 2, "\(id) needs several message variants")
            XCTAssertFalse(entry.references.isEmpty, id)
        }
    }

    func testEveryRegexCompilesAndContainsItsLiteral() throws {
        let catalog = try ErrorCatalog.builtIn()
        for entry in catalog.entries {
            for pattern in entry.patterns {
                guard let regex = pattern.regex else { continue }
                XCTAssertNoThrow(try PosixRegex(regex, ignoreCase: pattern.ignoreCase), "\(entry.id): \(regex)")
                // The literal prefilter is only sound if every match contains it; check it appears in the regex source.
                let unescaped = regex.replacingOccurrences(of: "\\", with: "")
                XCTAssertTrue(unescaped.lowercased().contains(pattern.literal.lowercased()),
                              "\(entry.id): literal '\(pattern.literal)' is not part of '\(regex)'")
            }
        }
    }

    func testGuideTableRowsAreCoveredByTheirStackOverflowIDs() throws {
        let catalog = try ErrorCatalog.builtIn()
        let rows = ["36159194": "cuda-lib-missing", "41991101": "cuda-lib-missing", "36371137": "protobuf-too-big",
                    "35252888": "source-dir-import", "33623453": "pip-too-old", "42006320": "protobuf-descriptors",
                    "35190574": "ssl-cert", "42009190": "setuptools-uninstall", "36933958": "setuptools-uninstall"]
        for (question, id) in rows {
            let entry = try XCTUnwrap(catalog[id])
            XCTAssertTrue(entry.references.contains { $0.hasSuffix("/\(question)") }, "\(id) lacks \(question)")
        }
    }

    func testAFixMarkedAutomaticHasACommand() throws {
        let catalog = try ErrorCatalog.builtIn()
        for entry in catalog.entries where entry.autoFix {
            XCTAssertFalse(entry.commands.isEmpty, entry.id)
        }
        XCTAssertTrue(try XCTUnwrap(catalog["venv-missing"]).autoFix)
        XCTAssertTrue(try XCTUnwrap(catalog["numpy2-abi"]).commands.contains(["python3", "-m", "pip", "install", "numpy<2"]))
    }

    func testBadCatalogIsRejected() {
        XCTAssertThrowsError(try ErrorCatalog.entry(yaml: "id: x\nseverity: sometimes\n", file: "x.yaml"))
        let entry = ErrorCatalogEntry(id: "x", severity: .fatal, priority: 1, title: "t", explanation: "e", fix: "f",
                                      commands: [], autoFix: false, references: [], patterns: [ErrorPattern(literal: "a")])
        XCTAssertThrowsError(try ErrorCatalog(entries: [entry, entry]))
    }
}
