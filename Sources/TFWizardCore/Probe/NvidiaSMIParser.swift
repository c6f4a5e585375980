import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Parses what `nvidia-smi` prints: the CSV of `--query-gpu`, the plain status table (every layout from
/// the 346 drivers on), `nvidia-smi -L` lines, and the message of a driver that does not answer.
public enum NvidiaSMIParser {
    public struct Report: Equatable, Sendable {
        public var driverVersion: String?
        public var cudaVersion: String?
        public var devices: [MachineFacts.GPU.Device]
        /// nvidia-smi is installed but the kernel driver is not loaded or does not answer.
        public var driverUnreachable: Bool
    }

    /// The columns asked for, in order: name, compute_cap, driver_version, memory.total, pci.bus_id.
    public static let queryFields = ["name", "compute_cap", "driver_version", "memory.total", "pci.bus_id"]

    /// `--format=csv,noheader` lines of `queryFields` (or of the same list without compute_cap, which
    /// drivers before 510 reject).
    public static func parseQuery(_ text: String, withComputeCapability: Bool = true) -> Report {
        var devices: [MachineFacts.GPU.Device] = []
        var driverVersion: String?
        let expected = withComputeCapability ? 5 : 4
        for line in text.split(whereSeparator: \.isNewline) {
            let columns = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingSpaces() }
            guard columns.count == expected else { continue }
            var values = columns
            let computeCapability = withComputeCapability ? values.remove(at: 1) : nil
            guard let busID = PCIAddress.normalize(values[3]) else { continue }
            driverVersion = driverVersion ?? meaningful(values[1])
            devices.append(MachineFacts.GPU.Device(
                pciAddress: busID, name: meaningful(values[0]), pciDeviceID: nil,
                computeCapability: computeCapability.flatMap(meaningful),
                memoryMiB: leadingInteger(values[2])))
        }
        return Report(driverVersion: driverVersion, cudaVersion: nil, devices: devices,
                      driverUnreachable: isDriverUnreachable(text))
    }

    /// The plain `nvidia-smi` table (and any `nvidia-smi -L` lines in front of it).
    public static func parseTable(_ text: String) -> Report {
        var driverVersion: String?
        var cudaVersion: String?
        var devices: [MachineFacts.GPU.Device] = []
        var listed: [MachineFacts.GPU.Device] = []
        var awaitingMemoryLine = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = String(rawLine)
            if driverVersion == nil, let value = valueAfter("Driver Version:", in: line) { driverVersion = value }
            if cudaVersion == nil, let value = valueAfter("CUDA Version:", in: line) { cudaVersion = value }
            if let device = listLine(line) { listed.append(device); continue }
            if let device = gpuRow(line) {
                devices.append(device)
                awaitingMemoryLine = true
                continue
            }
            if awaitingMemoryLine {
                awaitingMemoryLine = false
                if let total = memoryTotal(line), !devices.isEmpty { devices[devices.count - 1].memoryMiB = total }
            }
        }
        // The table names every GPU with its bus id; -L lines fill in GPUs a cut-off table lacks.
        if listed.count > devices.count {
            devices += listed.dropFirst(devices.count)
        }
        return Report(driverVersion: driverVersion, cudaVersion: cudaVersion, devices: devices,
                      driverUnreachable: isDriverUnreachable(text))
    }

    public static func isDriverUnreachable(_ text: String) -> Bool {
        text.contains("couldn't communicate with the NVIDIA driver")
            || text.contains("No devices were found")
            || text.contains("Driver/library version mismatch")
    }

    // MARK: - table pieces

    /// `|   0  NVIDIA GeForce RTX 4090 D      On  |   00000000:B8:00.0 Off |   ...` (and "Off|" without a space).
    private static func gpuRow(_ line: String) -> MachineFacts.GPU.Device? {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false)
        guard cells.count >= 3 else { return nil }
        let first = cells[1].split(separator: " ")
        guard first.count >= 3, first[0].allSatisfy(\.isNumber),
              ["On", "Off", "N/A"].contains(String(first.last!)) else { return nil }
        guard let busToken = cells[2].split(separator: " ").first,
              let address = PCIAddress.normalize(String(busToken)) else { return nil }
        let name = first.dropFirst().dropLast().joined(separator: " ")
        return MachineFacts.GPU.Device(pciAddress: address, name: name.isEmpty ? nil : name, pciDeviceID: nil,
                                       computeCapability: nil, memoryMiB: nil)
    }

    /// `|  0%   47C    P8    20W / 260W |   1107MiB / 11019MiB |   ...`: the total after the slash.
    private static func memoryTotal(_ line: String) -> Int? {
        for cell in line.split(separator: "|") where cell.contains("MiB") && cell.contains("/") {
            let parts = cell.split(separator: "/")
            if parts.count == 2, parts[1].contains("MiB") { return leadingInteger(String(parts[1])) }
        }
        return nil
    }

    /// `GPU 0: Quadro RTX 4000 (UUID: GPU-...)`
    private static func listLine(_ line: String) -> MachineFacts.GPU.Device? {
        guard line.hasPrefix("GPU "), let colon = line.firstIndex(of: ":"),
              line[line.index(line.startIndex, offsetBy: 4)..<colon].allSatisfy(\.isNumber) else { return nil }
        var name = line[line.index(after: colon)...].trimmingSpaces()
        if let uuid = name.firstRange(of: " (UUID:") { name = String(name[..<uuid.lowerBound]) }
        return MachineFacts.GPU.Device(pciAddress: nil, name: name.isEmpty ? nil : name, pciDeviceID: nil,
                                       computeCapability: nil, memoryMiB: nil)
    }

    private static func valueAfter(_ label: String, in line: String) -> String? {
        guard let range = line.firstRange(of: label) else { return nil }
        let token = line[range.upperBound...].split(separator: " ").first.map(String.init)
        return token.flatMap { $0.first?.isNumber == true ? $0 : nil }
    }

    private static func leadingInteger(_ text: String) -> Int? {
        Int(text.trimmingSpaces().prefix(while: \.isNumber))
    }

    private static func meaningful(_ value: String) -> String? {
        let trimmed = value.trimmingSpaces()
        return trimmed.isEmpty || trimmed.hasPrefix("[") || trimmed == "N/A" ? nil : trimmed
    }
}

/// PCI addresses in the form sysfs uses: a 4-digit domain, lower case (`0000:b8:00.0`).
public enum PCIAddress {
    /// Accepts `00000000:B8:00.0` (nvidia-smi), `0000:b8:00.0` (sysfs) and `b8:00.0` (lspci).
    public static func normalize(_ text: String) -> String? {
        let parts = text.lowercased().split(separator: ":")
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let domain = parts.count == 3 ? String(parts[0].suffix(4)) : "0000"
        let bus = parts[parts.count - 2]
        let slot = parts[parts.count - 1].split(separator: ".")
        let hex = "0123456789abcdef".unicodeScalars
        guard bus.count == 2, slot.count == 2, slot[0].count == 2, slot[1].count == 1,
              (domain + bus + slot[0] + slot[1]).unicodeScalars.allSatisfy(hex.contains),
              domain.count == 4 else { return nil }
        return "\(domain):\(bus):\(slot[0]).\(slot[1])"
    }
}
