import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Reads the installed packages out of /var/lib/dpkg/status.
public enum DpkgStatusParser {
    public struct Package: Equatable, Sendable {
        public var name: String
        public var version: String
        public var architecture: String?
    }

    /// The packages `dpkg --audit` lists, each on an indented line under the reason ("The following
    /// packages are only half configured, ...": ` foo     description`).
    public static func auditedPackages(_ output: String) -> [String] {
        output.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.first == " ", let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }
    }

    /// Every package whose status is "installed" (a removed package keeps a stanza with "config-files").
    /// Works on bytes: the file holds every package's description and runs to megabytes.
    public static func installedPackages(_ text: String) -> [Package] {
        var packages: [Package] = []
        var name: String?, version: String?, architecture: String?, installed = false
        func finish() {
            if installed, let name, let version { packages.append(Package(name: name, version: version, architecture: architecture)) }
            name = nil; version = nil; architecture = nil; installed = false
        }
        var text = text
        text.withUTF8 { bytes in
            func value(_ line: Range<Int>, after prefix: StaticString) -> String? {
                let count = prefix.utf8CodeUnitCount
                guard line.count >= count else { return nil }
                let start = prefix.utf8Start
                for offset in 0..<count where bytes[line.lowerBound + offset] != start[offset] { return nil }
                let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[(line.lowerBound + count)..<line.upperBound]),
                                 as: UTF8.self)
                return raw.trimmingSpaces()
            }
            var lineStart = 0
            for index in 0...bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: "\n") else { continue }
                let line = lineStart..<index
                lineStart = index + 1
                if line.isEmpty { finish(); continue }
                // Continuation lines (descriptions, conffiles) start with a space; only four fields matter.
                switch bytes[line.lowerBound] {
                case UInt8(ascii: "P"): if let found = value(line, after: "Package: ") { name = found }
                case UInt8(ascii: "S"): if let found = value(line, after: "Status: ") { installed = found.hasSuffix(" installed") }
                case UInt8(ascii: "V"): if let found = value(line, after: "Version: ") { version = found }
                case UInt8(ascii: "A"): if let found = value(line, after: "Architecture: ") { architecture = found }
                default: continue
                }
            }
        }
        finish()
        return packages
    }

    /// Whether the wizard cares about a package: the C library, the NVIDIA driver and Python itself, and
    /// what the install methods' planners read (`InstallMethod.probeNeeds`: venv, pip, container and build tools).
    public static func isOfInterest(_ name: String) -> Bool {
        if name.hasPrefix("nvidia-driver") || name.hasPrefix("nvidia-utils-") { return true }
        return packagesOfInterest.wants(name)
    }

    static let packagesOfInterest = ProbeNeeds(packages: ["libc6", "cuda-drivers", "ca-certificates", "ubuntu-drivers-common"],
                                               pythonPackages: ["", "-distutils"])
        .union(InstallMethods.all.probeNeeds)

    /// "2.36" from a libc6 version such as "2.36-9+deb12u4" or "2.35-0ubuntu3.8".
    public static func glibcVersion(fromLibc6Version version: String) -> String? {
        let upstream = version.split(separator: "-").first.map(String.init) ?? version
        let withoutEpoch = upstream.split(separator: ":").last.map(String.init) ?? upstream
        let parts = withoutEpoch.split(separator: ".").prefix(2)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return parts.joined(separator: ".")
    }

    /// uname -m for a Debian architecture name.
    public static func unameMachine(forDebianArchitecture architecture: String) -> String {
        switch architecture {
        case "amd64": return "x86_64"
        case "arm64": return "aarch64"
        case "armhf": return "armv7l"
        case "i386": return "i686"
        case "ppc64el": return "ppc64le"
        default: return architecture
        }
    }
}
