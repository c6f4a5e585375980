import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The machine's file system seen from `root`: "/" for this machine, a folder for a recorded machine
/// (fixture tree or mounted image). Paths given to it are the machine's own absolute paths; absolute
/// symlink targets are resolved inside the root, never on the host.
struct MachineRoot: Sendable {
    let root: String

    init(_ root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed.isEmpty ? "/" : trimmed
    }

    var isHostRoot: Bool { root == "/" }

    /// The host path of a machine path.
    func hostPath(_ machinePath: String) -> String {
        if isHostRoot { return machinePath }
        return machinePath.hasPrefix("/") ? root + machinePath : root + "/" + machinePath
    }

    func read(_ machinePath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: hostPath(machinePath)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The first line of a file, trimmed: sysfs attributes and one-value override files.
    func readValue(_ machinePath: String) -> String? {
        guard let text = read(machinePath) else { return nil }
        let value = text.split(whereSeparator: \.isNewline).first.map {
            $0.trimmingSpaces()
        }
        return value?.isEmpty == false ? value : nil
    }

    func exists(_ machinePath: String) -> Bool {
        FileManager.default.fileExists(atPath: hostPath(machinePath))
    }

    func isDirectory(_ machinePath: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: hostPath(machinePath), isDirectory: &isDirectory)
            && isDirectory
    }

    /// A regular file (after symlinks) that may be executed.
    func isExecutableFile(_ machinePath: String) -> Bool {
        guard let real = realPath(machinePath) else { return false }
        var info = stat()
        let host = hostPath(real)
        return stat(host, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(host, X_OK) == 0
    }

    func list(_ machinePath: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: hostPath(machinePath)))?.sorted() ?? []
    }

    /// Symlinks resolved, as a machine path; nil when the path does not exist.
    func realPath(_ machinePath: String) -> String? {
        if isHostRoot {
            guard let resolved = Glibc.realpath(machinePath, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return resolveInsideRoot(machinePath)
    }

    /// The first executable `name` in the machine's PATH directories.
    func which(_ name: String, path: String?) -> String? {
        for directory in Self.pathDirectories(path) {
            let candidate = directory == "/" ? "/" + name : directory + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    static func pathDirectories(_ path: String?) -> [String] {
        let value = path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        var seen = Set<String>()
        var directories: [String] = []
        for part in value.split(separator: ":") where part.hasPrefix("/") {
            var directory = String(part)
            while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
            if seen.insert(directory).inserted { directories.append(directory) }
        }
        return directories
    }

    /// Walks the path component by component, following links with the root as "/".
    private func resolveInsideRoot(_ machinePath: String) -> String? {
        var pending = machinePath.split(separator: "/").map(String.init)
        var resolved: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." { _ = resolved.popLast(); continue }
            let current = "/" + (resolved + [component]).joined(separator: "/")
            let host = hostPath(current)
            var info = stat()
            guard lstat(host, &info) == 0 else { return nil }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                hops += 1
                guard hops <= 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: host) else {
                    return nil
                }
                if target.hasPrefix("/") { resolved = [] }
                pending = target.split(separator: "/").map(String.init) + pending
            } else {
                resolved.append(component)
            }
        }
        return "/" + resolved.joined(separator: "/")
    }
}
