import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One TensorFlow release as the compatibility matrix in `Resources/catalog/` describes it.
public struct TensorFlowRelease: Codable, Equatable, Sendable {
    public var version: String                 // "2.21.0"
    public var pythonMin: String               // "3.10"
    public var pythonMax: String               // "3.13"
    public var cuda: String?                   // "12.5"
    public var cudnn: String?                  // "9.3"
    public var minDriver: String?              // "525.60.13"
    public var computeCapabilities: [String]   // GPU compute capabilities the pip wheels support, e.g. ["6.0", ..., "9.0"]
    public var minComputeCapability: String?   // oldest GPU that works ("3.5" ... "6.0")
    public var glibcMin: String?               // oldest glibc the manylinux wheels accept ("2.27")
    public var requiresAVX: Bool
    public var andCudaExtra: Bool              // tensorflow[and-cuda] exists (2.14+)
    public var released: String?               // "2026-03-..." for display
    public var bazel: String?                  // build from source: Bazel version
    public var clang: String?                  // build from source: clang version

    public init(version: String, pythonMin: String, pythonMax: String, cuda: String?, cudnn: String?,
                minDriver: String?, computeCapabilities: [String], minComputeCapability: String?,
                glibcMin: String?, requiresAVX: Bool, andCudaExtra: Bool, released: String?,
                bazel: String?, clang: String?) {
        self.version = version; self.pythonMin = pythonMin; self.pythonMax = pythonMax; self.cuda = cuda
        self.cudnn = cudnn; self.minDriver = minDriver; self.computeCapabilities = computeCapabilities
        self.minComputeCapability = minComputeCapability; self.glibcMin = glibcMin; self.requiresAVX = requiresAVX
        self.andCudaExtra = andCudaExtra; self.released = released; self.bazel = bazel; self.clang = clang
    }

    /// "2.21" from "2.21.0".
    public var minorVersion: String { version.split(separator: ".").prefix(2).joined(separator: ".") }

    /// Whether a Python "3.X" (or "3.X.Y") is in this release's range.
    public func supportsPython(_ version: String) -> Bool {
        let minor = VersionNumber(version).prefix(2)
        return minor >= VersionNumber(pythonMin) && minor <= VersionNumber(pythonMax)
    }
}

/// The python3 a distribution's own archive installs (for machines that have no Python at all).
public struct DistributionPython: Codable, Equatable, Sendable {
    public var id: String                      // os-release ID: ubuntu, debian
    public var version: String                 // os-release VERSION_ID: "22.04", "12"
    public var python: String                  // "3.10"
    public var externallyManaged: Bool         // PEP 668 marker shipped with that python3
    public init(id: String, version: String, python: String, externallyManaged: Bool) {
        self.id = id; self.version = version; self.python = python; self.externallyManaged = externallyManaged
    }
}

/// The compatibility matrix: releases newest first.
public struct Catalog: Codable, Equatable, Sendable {
    public var releases: [TensorFlowRelease]
    public var distributions: [DistributionPython]
    public init(releases: [TensorFlowRelease], distributions: [DistributionPython] = []) {
        self.releases = releases.sorted { VersionNumber($0.version) > VersionNumber($1.version) }
        self.distributions = distributions
    }

    /// The python3 that `apt-get install python3` gives on this system; nil when the system is not listed.
    public func distributionPython(for os: MachineFacts.OperatingSystem) -> DistributionPython? {
        distributions.first { $0.id == os.id && $0.version == os.versionID }
    }
    public var latest: TensorFlowRelease? { releases.first }
    /// "latest", "2.21", "2.21.0" -> the release; nil when unknown.
    public func release(_ requested: String) -> TensorFlowRelease? {
        if requested == "latest" { return latest }
        return releases.first { $0.version == requested || $0.minorVersion == requested }
    }
}

/// A dotted version compared numerically ("3.10" > "3.9", "525.60.13" < "550.54").
public struct VersionNumber: Comparable, Sendable, CustomStringConvertible {
    public let parts: [Int]
    public init(_ text: String) {
        parts = text.split(separator: ".").map { part in Int(part.prefix { $0.isNumber }) ?? 0 }
    }
    init(parts: [Int]) { self.parts = parts }
    public func prefix(_ count: Int) -> VersionNumber { VersionNumber(parts: Array(parts.prefix(count))) }
    public static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        for index in 0..<max(lhs.parts.count, rhs.parts.count) {
            let left = index < lhs.parts.count ? lhs.parts[index] : 0
            let right = index < rhs.parts.count ? rhs.parts[index] : 0
            if left != right { return left < right }
        }
        return false
    }
    public static func == (lhs: VersionNumber, rhs: VersionNumber) -> Bool { !(lhs < rhs) && !(rhs < lhs) }
    public var description: String { parts.map(String.init).joined(separator: ".") }
}
