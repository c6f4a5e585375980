import XCTest
@testable import TFWizardCore
import TFWizardYAML

/// The catalogs, the context rules and the string tables are composed at build time by the resource
/// embedder. What the program loads must be exactly what parsing the text of Resources/ gives, and loading
/// it must parse no text.
final class ComposedResourcesTests: XCTestCase {
    private var yamlPaths: [String] { ResourceStore.paths.filter(ResourceSchema.isYAML) }

    func testEveryYAMLFileIsComposedAsTheReaderReadsIt() throws {
        XCTAssertEqual(EmbeddedYAML.paths, yamlPaths)
        XCTAssertGreaterThan(yamlPaths.count, 30)
        for path in yamlPaths {
            let parsed = try YAMLReader.read(ResourceStore.text(path))
            XCTAssertNotNil(parsed, path)
            XCTAssertEqual(EmbeddedYAML.root(path), parsed, path)
        }
        XCTAssertNil(EmbeddedYAML.root("errors/no-such-entry.yaml"))
    }

    func testTheCatalogEqualsTheParsedText() throws {
        let parsed = try Catalog.parse(yaml: ResourceStore.text(ResourceSchema.catalogPath))
        XCTAssertEqual(try Catalog.loadBuiltIn(), parsed)
        XCTAssertEqual(try Catalog.builtIn(), parsed)
    }

    func testEveryErrorEntryAndTheContextRulesEqualTheParsedText() throws {
        let context = try DiagnosisContextRules.parse(yaml: ResourceStore.text(ResourceSchema.contextPath),
                                                      file: ResourceSchema.contextPath)
        XCTAssertEqual(try DiagnosisContextRules.loadBuiltIn(), context)
        XCTAssertEqual(try DiagnosisContextRules.builtIn(), context)
        XCTAssertFalse(context.patterns.isEmpty)

        let paths = ResourceStore.paths.filter { $0.hasPrefix(ResourceSchema.errorFolder) }
        let entries = try paths.map { path in try ErrorCatalog.entry(yaml: ResourceStore.text(path), file: path) }
        let parsed = try ErrorCatalog(entries: entries, context: context)
        XCTAssertEqual(try ErrorCatalog.loadBuiltIn(), parsed)
        XCTAssertEqual(try ErrorCatalog.builtIn(), parsed)
        XCTAssertEqual(try ErrorCatalog.builtIn().entries.count, paths.count)
    }

    func testEveryStringTableEqualsItsParsedFiles() throws {
        let languages = Set(ResourceStore.paths.filter { $0.hasPrefix("strings/") && $0.hasSuffix(".json") }
            .map { $0.split(separator: "/")[1] }.map(String.init))
        XCTAssertEqual(Set(EmbeddedStrings.languages), languages)
        XCTAssertEqual(Strings.availableLanguages(), languages.sorted())
        for language in languages {
            var parsed: [String: String] = [:]
            for path in ResourceStore.paths where path.hasPrefix("strings/\(language)/") && path.hasSuffix(".json") {
                let table = try JSONDecoder().decode([String: String].self, from: ResourceStore.data(path))
                parsed.merge(table) { first, _ in first }
            }
            XCTAssertGreaterThan(parsed.count, 500, language)
            XCTAssertEqual(EmbeddedStrings.table(language), parsed, language)
            XCTAssertEqual(Strings.load(language), parsed, language)
        }
        XCTAssertNil(EmbeddedStrings.table("xx"))
    }

    func testTheJSONListsEqualTheParsedFiles() throws {
        struct StepWarningsFile: Decodable { var prefixes: [String] }
        let warnings = try JSONDecoder().decode(StepWarningsFile.self, from: ResourceStore.data("engine/step-warnings.json"))
        XCTAssertEqual(StepWarnings.builtInPrefixes, warnings.prefixes)
        let mirrors = try JSONDecoder().decode([PackageIndexAddress.Mirror].self,
                                               from: ResourceStore.data("catalog/index-mirrors.json"))
        XCTAssertFalse(mirrors.isEmpty)
        XCTAssertEqual(PackageIndexAddress.builtInMirrors, mirrors)
    }

    /// The loaders read the composed forms: watched by a parsing log, they parse no YAML and read no
    /// resource text. Parsing the same resource from its text is noted, so the log does see parsing.
    func testLoadingTheBuiltInResourcesParsesNoText() throws {
        let log = TextParsingLog()
        try TextParsingLog.$current.withValue(log) {
            _ = try Catalog.loadBuiltIn()
            _ = try ErrorCatalog.loadBuiltIn()
            _ = try DiagnosisContextRules.loadBuiltIn()
            _ = Strings.load("en")
            _ = Strings.load("zh")
            _ = Strings(language: "zh").text("headless.done")
            _ = Strings.availableLanguages()
            _ = PackageIndexAddress.suggestedMirrors(for: "zh")
            _ = StepWarnings(prefixes: StepWarnings.builtInPrefixes)
        }
        XCTAssertEqual(log.noted, [])

        let control = TextParsingLog()
        try TextParsingLog.$current.withValue(control) {
            _ = try Catalog.parse(yaml: ResourceStore.text(ResourceSchema.catalogPath))
        }
        XCTAssertEqual(control.noted, [ResourceSchema.catalogPath, "YAML"])
    }

    /// The context file's keys are the rule kinds the diagnoser knows.
    func testTheSchemaNamesTheContextKinds() {
        XCTAssertEqual(ResourceSchema.contextKinds, DiagnosisContextRules.Kind.allCases.map(\.rawValue))
    }
}
