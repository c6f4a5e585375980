import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Finds NVIDIA display devices in `lspci` or `lspci -nn` text (used where sysfs is not readable).
public enum LspciParser {
    private static let displayClasses = ["VGA compatible controller", "3D controller", "Display controller"]

    public static func nvidiaDisplayDevices(_ text: String) -> [MachineFacts.GPU.Device] {
        var devices: [MachineFacts.GPU.Device] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            // Device lines start at column 0 with the address; `-k`/`-v` detail lines are indented.
            guard let space = rawLine.firstIndex(of: " "),
                  let address = PCIAddress.normalize(String(rawLine[..<space])) else { continue }
            let rest = rawLine[rawLine.index(after: space)...]
            guard let classEnd = rest.firstRange(of: ": ") else { continue }
            let className = stripBracketSuffix(String(rest[..<classEnd.lowerBound]))
            let description = String(rest[classEnd.upperBound...])
            let idPair = vendorDeviceIDs(description)
            let isNVIDIA = idPair?.vendor == "10de" || description.hasPrefix("NVIDIA Corporation")
            guard isNVIDIA, displayClasses.contains(className) else { continue }
            devices.append(MachineFacts.GPU.Device(
                pciAddress: address, name: marketingName(description),
                pciDeviceID: idPair.map { "0x" + $0.device } ?? unnamedDeviceID(description),
                computeCapability: nil, memoryMiB: nil))
        }
        return devices
    }

    /// "VGA compatible controller [0300]" -> "VGA compatible controller".
    private static func stripBracketSuffix(_ text: String) -> String {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return text }
        return text[..<open].trimmingSpaces()
    }

    /// The `[10de:2504]` of `lspci -nn`.
    private static func vendorDeviceIDs(_ description: String) -> (vendor: String, device: String)? {
        for group in bracketGroups(description) {
            let parts = group.split(separator: ":")
            if parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) {
                return (String(parts[0]).lowercased(), String(parts[1]).lowercased())
            }
        }
        return nil
    }

    /// "GA106 [GeForce RTX 3060 Lite Hash Rate]" -> "GeForce RTX 3060 Lite Hash Rate".
    private static func marketingName(_ description: String) -> String? {
        bracketGroups(description).last { group in
            !(group.split(separator: ":").count == 2 && group.count == 9)
        }
    }

    /// "NVIDIA Corporation Device 1db6 (rev a1)": a device pci.ids has no name for.
    private static func unnamedDeviceID(_ description: String) -> String? {
        guard let range = description.firstRange(of: "Device ") else { return nil }
        let id = description[range.upperBound...].prefix(while: \.isHexDigit)
        return id.count == 4 ? "0x" + id.lowercased() : nil
    }

    private static func bracketGroups(_ text: String) -> [String] {
        var groups: [String] = []
        var current: String?
        for character in text {
            if character == "[" { current = "" }
            else if character == "]" { if let group = current { groups.append(group) }; current = nil }
            else if current != nil { current!.append(character) }
        }
        return groups
    }
}

/// The version in /proc/driver/nvidia/version, e.g.
/// `NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.107.02  Wed Jul 24 23:53:00 UTC 2024`.
public enum NvidiaDriverVersionParser {
    public static func parse(_ text: String) -> String? {
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("NVRM version:") }) else {
            return nil
        }
        let tokens = line.split(separator: " ")
        let start = tokens.firstIndex(where: { $0 == "Module" }) ?? tokens.startIndex
        return tokens[start...].first(where: { token in
            let parts = token.split(separator: ".")
            return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }).map(String.init)
    }
}
