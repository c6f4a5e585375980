import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that accepts connections (the kernel completes them from the backlog) and
/// never answers: pip pointed at it as its index waits, which makes a step that runs as long as a
/// test needs.
final class StallingServer {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else { close(descriptor); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    var indexURL: String { "http://127.0.0.1:\(port)/simple/" }
}

/// The process table, read from /proc: enough to find a step's process and check its group is gone.
enum ProcessTable {
    struct Entry { var pid: Int32; var parent: Int32; var group: Int32; var commandLine: String }

    static func entries() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Entry? in
            guard let pid = Int32(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After "(comm)": state ppid pgrp ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", let parent = Int32(fields[1]), let group = Int32(fields[2]) else { return nil }
            let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(name)/cmdline"))) ?? Data()
            let commandLine = String(decoding: raw.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return Entry(pid: pid, parent: parent, group: group, commandLine: commandLine)
        }
    }

    /// Live (not zombie) processes of a process group.
    static func members(ofGroup group: Int32) -> [Entry] { entries().filter { $0.group == group } }

    static func children(of parent: Int32) -> [Entry] { entries().filter { $0.parent == parent } }

    /// Polls until a process whose command line contains `text` shows up.
    static func waitForProcess(containing text: String, timeout: TimeInterval) -> Entry? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = entries().first(where: { $0.commandLine.contains(text) }) { return found }
            usleep(100_000)
        }
        return nil
    }
}
