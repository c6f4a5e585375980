import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// How long and where the engine waits for dpkg's locks before an apt step.
public struct PackageLockPolicy: Sendable {
    /// dpkg takes these with fcntl (POSIX) locks; apt takes the frontend lock first.
    public var lockPaths: [String]
    /// Seconds to wait for the holder to finish before the step fails with `apt-lock`.
    public var maxWaitSeconds: Double
    /// Seconds between checks.
    public var pollSeconds: Double
    /// Seconds between the countdown lines.
    public var announceEverySeconds: Double

    public init(lockPaths: [String], maxWaitSeconds: Double, pollSeconds: Double = 0.5,
                announceEverySeconds: Double = 10) {
        self.lockPaths = lockPaths; self.maxWaitSeconds = maxWaitSeconds
        self.pollSeconds = pollSeconds; self.announceEverySeconds = announceEverySeconds
    }

    public static let system = PackageLockPolicy(
        lockPaths: ["/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock"], maxWaitSeconds: 120)
}

/// Who holds a dpkg lock file.
public struct LockHolder: Equatable, Sendable {
    public var path: String
    public var pid: Int32
    public var command: String       // from /proc/PID/comm; "?" when it cannot be read
}

public enum PackageManagerLock {
    static let packageManagers: Set<String> = ["apt-get", "apt", "aptitude", "dpkg", "ubuntu-drivers"]

    /// Whether a step runs apt or dpkg (directly or through sudo/env).
    public static func isPackageManagerStep(_ step: Step) -> Bool {
        for argument in step.argv {
            let name = URL(fileURLWithPath: argument).lastPathComponent
            if packageManagers.contains(name) { return true }
            // Only the command word counts, after sudo/env and their options or assignments.
            if ["sudo", "env"].contains(name) || argument.hasPrefix("-") || argument.contains("=") { continue }
            return false
        }
        return false
    }

    /// The first lock of `paths` another process holds, asked the way dpkg takes them (F_GETLK for a
    /// write lock over the whole file). A missing or unreadable file is not held.
    public static func holder(of paths: [String]) -> LockHolder? {
        for path in paths {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                // Not readable without root (dpkg's are 0640): the kernel's lock table is.
                if errno == EACCES, let holder = holderFromLockTable(of: path) { return holder }
                continue
            }
            defer { close(descriptor) }
            var query = flock()
            query.l_type = Int16(F_WRLCK)
            query.l_whence = Int16(SEEK_SET)
            query.l_start = 0
            query.l_len = 0
            guard fcntl(descriptor, F_GETLK, &query) == 0, query.l_type != Int16(F_UNLCK) else { continue }
            return LockHolder(path: path, pid: query.l_pid, command: commandName(of: query.l_pid))
        }
        return nil
    }

    /// The holder of a POSIX lock on `path` as /proc/locks lists it (by device and inode).
    public static func holderFromLockTable(of path: String, table: String? = nil) -> LockHolder? {
        var info = stat()
        guard stat(path, &info) == 0,
              let text = table ?? (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) else { return nil }
        // glibc's dev_t layout (gnu_dev_major/minor are macros Swift does not see).
        let dev = UInt64(info.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let device = cFormat("%02llx:%02llx:%llu", major, minor, UInt64(info.st_ino))
        for line in text.split(separator: "\n") {
            // "1: POSIX  ADVISORY  WRITE 1234 08:01:131 0 EOF"; a waiting request has "->" after the number.
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "POSIX", fields[2] != "->",
                  let pid = Int32(fields[4]), fields[5] == device else { continue }
            return LockHolder(path: path, pid: pid, command: commandName(of: pid))
        }
        return nil
    }

    static func commandName(of pid: Int32) -> String {
        guard pid > 0, let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return "?" }
        let trimmed = name.trimmingWhitespace()
        return trimmed.isEmpty ? "?" : trimmed
    }
}
