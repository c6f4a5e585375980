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
        "numa-node", "cuda-drivers-absent-cpu", "apt-no-candidate", "ssl-intercepted", "onednn-notice", "pyenv-shim", "cupti-missing",
    ]
    static let harmless: Set<String> = ["cudnn-factory", "tensorrt-missing", "cpu-instructions", "numa-node", "cuda-drivers-absent-cpu",
                                        "onednn-notice", "cupti-missing"]

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

    func testEveryShippedCatalogFileLoads() throws {
        let paths = ResourceStore.paths.filter { $0.hasPrefix("errors/") }
        XCTAssertEqual(paths.count, Self.fixedIDs.count)
        for path in paths {
            XCTAssertTrue(path.hasSuffix(".yaml"), path)
            let entry = try ErrorCatalog.entry(yaml: try ResourceStore.text(path), file: path)
            XCTAssertEqual("errors/\(entry.id).yaml", path, "an entry's file is named after its id")
        }
    }

    private static let minimalEntry = """
        id: x
        severity: fatal
        title: t
        explanation: e
        fix: f
        patterns:
          - literal: "a"
        """

    func testDefaultsOfOptionalKeys() throws {
        let entry = try ErrorCatalog.entry(yaml: Self.minimalEntry, file: "x.yaml")
        XCTAssertEqual(entry, ErrorCatalogEntry(id: "x", severity: .fatal, priority: 50, title: "t", explanation: "e", fix: "f",
                                                commands: [], autoFix: false, references: [],
                                                patterns: [ErrorPattern(literal: "a", regex: nil, ignoreCase: false)]))
    }

    func testMisspelledKeyIsAnErrorWithFileLineAndField() {
        let misspelled = Self.minimalEntry.replacingOccurrences(of: "fix: f\n", with: "fix: f\nautofix: true\n")
        XCTAssertThrowsError(try ErrorCatalog.entry(yaml: misspelled, file: "errors/x.yaml")) { error in
            guard case let .malformed(file, line, field, message)? = error as? ErrorCatalog.LoadError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(file, "errors/x.yaml")
            XCTAssertEqual(line, 6)
            XCTAssertEqual(field, "autofix")
            XCTAssertTrue(message.hasPrefix("unknown key 'autofix'"), message)
            XCTAssertTrue("\(error)".hasPrefix("error catalog errors/x.yaml:6: autofix: unknown key 'autofix'"), "\(error)")
        }
        let inPattern = Self.minimalEntry + "\n    ignorecase: true\n"
        XCTAssertThrowsError(try ErrorCatalog.entry(yaml: inPattern, file: "x.yaml")) { error in
            XCTAssertEqual(error as? ErrorCatalog.LoadError,
                           .malformed(file: "x.yaml", line: 8, field: "patterns[0].ignorecase",
                                      message: "unknown key 'ignorecase' (known keys: literal, regex, ignore_case, needs_gpu)"))
        }
    }

    func testWrongValuesNameTheirLine() {
        let cases: [(String, String, Int, String)] = [
            ("severity: fatal", "severity: sometimes", 2, "severity"),
            ("fix: f", "fix: f\npriority: high", 6, "priority"),
            ("fix: f", "fix: f\nauto_fix: yes", 6, "auto_fix"),
            ("fix: f", "fix: f\ncommands: [python3, -m, pip]", 6, "commands[0]"),
            ("fix: f", "fix: f\nreferences: https://example.org", 6, "references"),
            ("title: t", "title:", 3, "title"),
            ("  - literal: \"a\"", "  - regex: \"a\"", 7, "patterns[0].literal"),
        ]
        for (original, replacement, line, field) in cases {
            let yaml = Self.minimalEntry.replacingOccurrences(of: original, with: replacement)
            XCTAssertThrowsError(try ErrorCatalog.entry(yaml: yaml, file: "x.yaml"), replacement) { error in
                guard case let .malformed(_, foundLine, foundField, _)? = error as? ErrorCatalog.LoadError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(foundLine, line, replacement)
                XCTAssertEqual(foundField, field, replacement)
            }
        }
    }

    func testBadCatalogIsRejected() {
        XCTAssertThrowsError(try ErrorCatalog.entry(yaml: "id: x\nseverity: sometimes\n", file: "x.yaml"))
        let entry = ErrorCatalogEntry(id: "x", severity: .fatal, priority: 1, title: "t", explanation: "e", fix: "f",
                                      commands: [], autoFix: false, references: [], patterns: [ErrorPattern(literal: "a")])
        XCTAssertThrowsError(try ErrorCatalog(entries: [entry, entry]))
    }
}
