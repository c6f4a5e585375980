import Foundation
import XCTest

/// The built `tfwizard` binary and small helpers to run it as a user would.
enum BinaryUnderTest {
    /// `swift test` links `tfwizard` into the same products folder as the test bundle.
    static var path: String {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("tfwizard").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let here = URL(fileURLWithPath: #filePath)
        let packageRoot = here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/tfwizard").path
    }

    struct Run {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary (or `executable`) with stdin from /dev/null (or `input`) and waits.
    static func run(_ arguments: [String], executable: String = BinaryUnderTest.path, environment: [String: String]? = nil,
                    input: String? = nil, timeout: TimeInterval = 900) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        if input != nil { process.standardInput = inPipe } else { process.standardInput = FileHandle.nullDevice }
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        let outData = PipeReader(out.fileHandleForReading), errData = PipeReader(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); XCTFail("tfwizard \(arguments) ran past \(timeout) s") }
        process.waitUntilExit()
        return Run(exitCode: process.terminationStatus, stdout: outData.text(), stderr: errData.text())
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tfwizard-e2e-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads a pipe to its end on a background thread so a chatty child never blocks on a full pipe.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
