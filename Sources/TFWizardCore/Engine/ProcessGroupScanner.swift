import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the living (not zombie) members of a process group, from /proc on Linux. Used to decide
/// whether a terminated step left anything behind before escalating to SIGKILL.
public enum ProcessGroupScanner {
    static func liveMembers(ofGroup group: pid_t) -> [pid_t] {
        #if os(Linux)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
            return kill(-group, 0) == 0 ? [group] : []
        }
        var members: [pid_t] = []
        for entry in entries {
            guard let pid = pid_t(entry), let stat = readSmallFile("/proc/\(entry)/stat") else { continue }
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
            guard let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count >= 3, let processGroup = pid_t(fields[2]) else { continue }
            let state = fields[0]
            if processGroup == group && state != "Z" && state != "X" { members.append(pid) }
        }
        return members
        #else
        return kill(-group, 0) == 0 ? [group] : []
        #endif
    }

    /// Processes whose command line is exactly `argv` (a step's command a killed tfwizard left running),
    /// with their process groups.
    public static func processes(runningExactly argv: [String]) -> [(pid: pid_t, group: pid_t)] {
        #if os(Linux)
        let wanted = Array(argv.joined(separator: "\0").utf8) + [0]
        guard !argv.isEmpty, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var found: [(pid: pid_t, group: pid_t)] = []
        for entry in entries {
            guard let pid = pid_t(entry), pid != getpid(), let line = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                  Array(line) == wanted, let stat = readSmallFile("/proc/\(entry)/stat"),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count >= 3, let group = pid_t(fields[2]), fields[0] != "Z" else { continue }
            found.append((pid, group))
        }
        return found
        #else
        return []
        #endif
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}
