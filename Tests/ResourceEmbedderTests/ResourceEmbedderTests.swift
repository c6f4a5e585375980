import Foundation
import XCTest

/// The build step that turns Resources/ into Swift: a resource that does not read stops the build with its
/// file and line, in the compiler's format, before any program is built from it.
final class ResourceEmbedderTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("embedder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources")
        try FileManager.default.copyItem(at: resources, to: work.appendingPathComponent("Resources"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    private var embedder: String {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("ResourceEmbedder").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/ResourceEmbedder").path
    }

    /// Runs the embedder on the copy of Resources/: its exit status and what it printed on stderr.
    private func embed() throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: embedder)
        process.arguments = [work.appendingPathComponent("Resources").path, work.appendingPathComponent("out").path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }

    /// Replaces `old` (which must be there) in the resource at `path`.
    private func edit(_ path: String, replacing old: String, with new: String) throws {
        let file = work.appendingPathComponent("Resources").appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) no longer holds \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    private func lineNumber(of text: String, in path: String) throws -> Int {
        let content = try String(contentsOf: work.appendingPathComponent("Resources").appendingPathComponent(path), encoding: .utf8)
        let lines = content.components(separatedBy: "\n")
        return try XCTUnwrap(lines.firstIndex { $0.contains(text) }) + 1
    }

    func testTheShippedResourcesBecomeSwift() throws {
        let run = try embed()
        XCTAssertEqual(run.status, 0, run.stderr)
        let out = work.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(names, ["EmbeddedData.swift", "EmbeddedResources.swift", "EmbeddedStrings.swift", "EmbeddedYAML.swift"])
        let strings = try String(contentsOf: out.appendingPathComponent("EmbeddedStrings.swift"), encoding: .utf8)
        XCTAssertTrue(strings.contains("        \"headless.done\",\n"), "the English keys")
        XCTAssertTrue(strings.contains("        \"done in {seconds} s\",\n"), "the English texts")
        let yaml = try String(contentsOf: out.appendingPathComponent("EmbeddedYAML.swift"), encoding: .utf8)
        XCTAssertTrue(yaml.contains(#"yamlPair("id", .plain, 1, yamlScalar("apt-lock", .plain, 1))"#))
    }

    func testAMisspeltKeyOfAnErrorEntryStopsTheBuildAtItsLine() throws {
        try edit("errors/apt-lock.yaml", replacing: "auto_fix: false", with: "autofix: false")
        let line = try lineNumber(of: "autofix:", in: "errors/apt-lock.yaml")
        let run = try embed()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Resources/errors/apt-lock.yaml:\(line): error: autofix: unknown key 'autofix'"), run.stderr)
    }

    func testAMisspeltKeyOfAReleaseNamesItsField() throws {
        let catalog = "catalog/tensorflow-releases.yaml"
        try edit(catalog, replacing: "  - version: \"2.21.0\"\n", with: "  - version: \"2.21.0\"\n    cuda_version: \"12\"\n")
        let line = try lineNumber(of: "cuda_version:", in: catalog)
        let run = try embed()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Resources/\(catalog):\(line): error: releases[0].cuda_version: unknown key"), run.stderr)
    }

    func testBrokenYAMLStopsTheBuildAtItsLine() throws {
        try edit("diagnosis/context.yaml", replacing: "gpu_absent:\n", with: "gpu_absent:\n\t- literal: \"x\"\n")
        let line = try lineNumber(of: "gpu_absent:", in: "diagnosis/context.yaml") + 1
        let run = try embed()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Resources/diagnosis/context.yaml:\(line): error: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("tab"), run.stderr)
    }

    func testAStringKeyInTwoFilesStopsTheBuild() throws {
        try edit("strings/zh/app.json", replacing: "{\n", with: "{\n  \"headless.done\": \"x\",\n")
        let run = try embed()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("headless.done: the key is also in strings/zh/app.json"), run.stderr)
    }

    func testAStringFileThatIsNotATableStopsTheBuild() throws {
        try edit("strings/en/app.json", replacing: "{\n", with: "{\n  \"nested\": {},\n")
        let run = try embed()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Resources/strings/en/app.json: error: not a JSON object of key -> text"), run.stderr)
    }
}
