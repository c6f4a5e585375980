import Foundation

/// A python3 program serving on 127.0.0.1: it prints its port first, then writes a line per request it
/// gets to a file the test reads back.
class LoopbackServer {
    let port: Int
    private let process: Process
    private let requestLog: URL

    init(folder: URL, script text: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        requestLog = folder.appendingPathComponent("requests.txt")
        let script = folder.appendingPathComponent("server.py")
        try text.write(to: script, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, requestLog.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = out.fileHandleForReading.availableData
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    func requests() -> String { (try? String(contentsOf: requestLog, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }
}
