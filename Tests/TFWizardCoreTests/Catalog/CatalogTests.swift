import XCTest
@testable import TFWizardCore

final class CatalogTests: XCTestCase {
    func testBuiltInCatalogHasEveryMinorFrom212To221() throws {
        let catalog = try Catalog.builtIn()
        XCTAssertEqual(catalog.releases.map(\.minorVersion),
                       ["2.21", "2.20", "2.19", "2.18", "2.17", "2.16", "2.15", "2.14", "2.13", "2.12"])
        XCTAssertEqual(catalog.releases.map(\.version),
                       ["2.21.0", "2.20.0", "2.19.1", "2.18.1", "2.17.1", "2.16.2", "2.15.1", "2.14.1", "2.13.1", "2.12.1"])
    }

    func testLatestMatchesTheTestedConfiguration() throws {
        let latest = try XCTUnwrap(Catalog.builtIn().latest)
        XCTAssertEqual(latest.version, "2.21.0")
        XCTAssertEqual([latest.pythonMin, latest.pythonMax], ["3.10", "3.13"])
        XCTAssertEqual(latest.cuda, "12.5")
        XCTAssertEqual(latest.cudnn, "9.3")
        XCTAssertEqual(latest.minDriver, "525.60.13")
        XCTAssertEqual(latest.glibcMin, "2.27")
        XCTAssertEqual(latest.bazel, "7.4.1")
        XCTAssertEqual(latest.clang, "18.1.8")
        XCTAssertTrue(latest.supportsPython("3.13.1"))
        XCTAssertFalse(latest.supportsPython("3.9"))
    }

    func testAndCudaExtraFrom214AndAVXEverywhere() throws {
        let catalog = try Catalog.builtIn()
        for release in catalog.releases {
            XCTAssertEqual(release.andCudaExtra, VersionNumber(release.minorVersion) >= VersionNumber("2.14"), release.version)
            XCTAssertTrue(release.requiresAVX, release.version)
            XCTAssertNotNil(release.minDriver, release.version)
            XCTAssertFalse(release.computeCapabilities.isEmpty, release.version)
            XCTAssertEqual(release.computeCapabilities.first, release.minComputeCapability, release.version)
        }
        XCTAssertEqual(catalog.release("2.16")?.pythonMax, "3.12")
        XCTAssertEqual(catalog.release("2.20")?.pythonMax, "3.13")
        XCTAssertEqual(catalog.release("2.12")?.pythonMin, "3.8")
        XCTAssertNil(catalog.release("2.12")?.clang)
        XCTAssertEqual(catalog.release("2.17")?.cuda, "12.3")
    }

    func testUnknownKeyIsAnErrorWithItsLine() {
        let yaml = """
        releases:
          - version: "2.21.0"
            python: "3.10-3.13"
            requires_avx: true
            and_cuda_extra: true
            cuda_version: "12.5"
        """
        XCTAssertThrowsError(try Catalog.parse(yaml: yaml)) { error in
            let error = error as? CatalogError
            XCTAssertEqual(error?.line, 6)
            XCTAssertEqual(error?.field, "releases[0].cuda_version")
        }
    }

    func testMalformedPythonRangeIsRejected() {
        let yaml = """
        releases:
          - version: "2.21.0"
            python: "3.13-3.10"
            requires_avx: true
            and_cuda_extra: true
        """
        XCTAssertThrowsError(try Catalog.parse(yaml: yaml)) { error in
            XCTAssertEqual((error as? CatalogError)?.line, 3)
            XCTAssertTrue("\(error)".contains("3.10-3.13"), "\(error)")
        }
    }

    func testMissingFlagAndRepeatedSeriesAreRejected() {
        let missing = """
        releases:
          - version: "2.21.0"
            python: "3.10-3.13"
            and_cuda_extra: true
        """
        XCTAssertThrowsError(try Catalog.parse(yaml: missing)) { error in
            XCTAssertEqual((error as? CatalogError)?.field, "releases[0].requires_avx")
        }
        let twice = """
        releases:
          - { version: "2.21.0", python: "3.10-3.13", requires_avx: true, and_cuda_extra: true }
          - { version: "2.21.1", python: "3.10-3.13", requires_avx: true, and_cuda_extra: true }
        """
        XCTAssertThrowsError(try Catalog.parse(yaml: twice)) { error in
            XCTAssertEqual((error as? CatalogError)?.line, 3)
        }
    }
}
