import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Free disk against what an install needs, measured by the probe before anything runs: the plan warns
/// with it, and a `disk-full` diagnosis quotes it.
public struct DiskPreflight: Equatable, Sendable {
    public var disk: MachineFacts.Disk
    /// The environment and room for pip's download cache and unpacking.
    public var neededBytes: Int64

    /// Measured: a CPU venv with TensorFlow is 2.1 GB; the CUDA and cuDNN wheels bring a GPU one to about 6 GB.
    public static func environmentBytes(for device: Answers.Device) -> Int64 {
        device == .gpu ? 6 << 30 : 2_100 << 20
    }

    /// pip keeps the downloaded wheels in its cache and unpacks beside them: about half as much again.
    public static func neededBytes(for device: Answers.Device) -> Int64 {
        device == .gpu ? 8 << 30 : 3 << 30
    }

    public init?(facts: MachineFacts, device: Answers.Device) {
        guard let disk = facts.disk else { return nil }
        self.disk = disk
        neededBytes = Self.neededBytes(for: device)
    }

    public init(disk: MachineFacts.Disk, neededBytes: Int64) {
        self.disk = disk; self.neededBytes = neededBytes
    }

    public var isShort: Bool { disk.freeBytes < neededBytes }

    /// "Free space measured before the start: 1.2 GB in /home/ada; the install needs about 3.0 GB."
    public func measuredLine(strings: Strings) -> String {
        strings.text("faults.disk.measured", ["free": Self.size(disk.freeBytes), "path": disk.path,
                                              "need": Self.size(neededBytes)])
    }

    /// Gigabytes with one decimal; megabytes below one gigabyte (a small disk says how small).
    public static func size(_ bytes: Int64) -> String {
        bytes >= 1 << 30 ? cFormat("%.1f GB", Double(bytes) / Double(1 << 30))
                         : cFormat("%.1f MB", Double(bytes) / Double(1 << 20))
    }

    /// Free bytes for an unprivileged user on the file system holding `path` (its nearest existing parent).
    public static func measure(at path: String) -> MachineFacts.Disk? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.path
        while !FileManager.default.fileExists(atPath: folder), folder != "/" {
            folder = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        }
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return MachineFacts.Disk(path: folder, freeBytes: Int64(info.f_bavail) * Int64(info.f_frsize))
    }
}
