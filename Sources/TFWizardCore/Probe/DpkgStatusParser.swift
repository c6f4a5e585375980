import Foundation

/// Reads the installed packages out of /var/lib/dpkg/status.
public enum DpkgStatusParser {
    public struct Package: Equatable, Sendable {
        public var name: String
        public var version: String
        public var architecture: String?
    }

    /// Every package whose status is "installed" (a removed package keeps a stanza with "config-files").
    public static func installedPackages(_ text: String) -> [Package] {
        var packages: [Package] = []
        var name: String?, version: String?, architecture: String?, installed = false
        func finish() {
            if installed, let name, let version { packages.append(Package(name: name, version: version, architecture: architecture)) }
            name = nil; version = nil; architecture = nil; installed = false
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { finish(); continue }
            // Continuation lines (descriptions, conffiles) start with a space; only a few fields matter.
            guard let first = line.first, first == "P" || first == "S" || first == "V" || first == "A" else { continue }
            if line.hasPrefix("Package: ") { name = String(line.dropFirst(9)).trimmingCharacters(in: .whitespaces) }
            else if line.hasPrefix("Status: ") { installed = line.hasSuffix(" installed") }
            else if line.hasPrefix("Version: ") { version = String(line.dropFirst(9)).trimmingCharacters(in: .whitespaces) }
            else if line.hasPrefix("Architecture: ") { architecture = String(line.dropFirst(14)).trimmingCharacters(in: .whitespaces) }
        }
        finish()
        return packages
    }

    /// Whether the wizard cares about a package: Python and its venv/pip/dev parts, the NVIDIA driver,
    /// container tooling, and the C library.
    public static func isOfInterest(_ name: String) -> Bool {
        if ["libc6", "docker.io", "docker-ce", "nvidia-container-toolkit", "build-essential", "cuda-drivers",
            "ca-certificates"].contains(name) { return true }
        if name.hasPrefix("nvidia-driver") || name.hasPrefix("nvidia-utils-") { return true }
        guard name.hasPrefix("python3") else { return false }
        // python3, python3.12, python3-venv, python3.12-venv, python3-pip, python3-dev, python3.12-dev
        var rest = name.dropFirst("python3".count)
        if rest.hasPrefix(".") {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: \.isNumber)
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        return ["", "-venv", "-pip", "-dev", "-distutils"].contains(String(rest))
    }

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
