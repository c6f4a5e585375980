import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Finds NVIDIA GPUs (sysfs, or `lspci` where sysfs is not there) and whether the driver is loaded
/// (/proc/driver/nvidia/version), then asks `nvidia-smi` for names, compute capability and memory.
struct GPUProbe: Sendable {
    let root: MachineRoot
    let runner: any CommandRunning
    let environment: [String: String]

    static let nvidiaVendorID = "0x10de"
    static let smiTimeout = 5.0

    func probe() -> MachineFacts.GPU {
        var (devices, sysfsReadable) = sysfsDevices()
        if !sysfsReadable, let lspci = root.which("lspci", path: environment["PATH"]) {
            let result = runner.run([lspci, "-nn"], timeout: 3, environment: commandEnvironment)
            if result.succeeded { devices = LspciParser.nvidiaDisplayDevices(result.output) }
        }
        let procVersion = root.read("/proc/driver/nvidia/version").flatMap(NvidiaDriverVersionParser.parse)
        var driverVersion = procVersion
        var driverLoaded = procVersion != nil

        let smi = root.which("nvidia-smi", path: environment["PATH"])
            ?? (root.isExecutableFile("/usr/lib/wsl/lib/nvidia-smi") ? "/usr/lib/wsl/lib/nvidia-smi" : nil)
        // Without a device or a driver nvidia-smi can only fail; under WSL neither shows in /sys or /proc.
        if let smi, !devices.isEmpty || driverLoaded || smi.hasPrefix("/usr/lib/wsl/") {
            let report = askNvidiaSMI(smi)
            if !report.devices.isEmpty {
                driverLoaded = true
                driverVersion = driverVersion ?? report.driverVersion
                devices = Self.merge(sysfs: devices, smi: report.devices)
            } else if report.driverUnreachable {
                driverLoaded = false
            }
        }
        return MachineFacts.GPU(nvidiaPresent: !devices.isEmpty, devices: devices,
                                driverVersion: driverVersion, driverLoaded: driverLoaded)
    }

    private var commandEnvironment: [String: String] {
        var environment = self.environment
        environment["LC_ALL"] = "C"
        return environment
    }

    /// Display-class (0x03xxxx) functions of vendor 0x10de; the HDMI audio function of a card is not a GPU.
    private func sysfsDevices() -> ([MachineFacts.GPU.Device], readable: Bool) {
        let base = "/sys/bus/pci/devices"
        let entries = root.list(base)
        var devices: [MachineFacts.GPU.Device] = []
        for entry in entries {
            guard root.readValue("\(base)/\(entry)/vendor")?.lowercased() == Self.nvidiaVendorID,
                  root.readValue("\(base)/\(entry)/class")?.lowercased().hasPrefix("0x03") == true else { continue }
            devices.append(MachineFacts.GPU.Device(
                pciAddress: PCIAddress.normalize(entry) ?? entry, name: nil,
                pciDeviceID: root.readValue("\(base)/\(entry)/device")?.lowercased(),
                computeCapability: nil, memoryMiB: nil))
        }
        return (devices, !entries.isEmpty)
    }

    /// The CSV query first; drivers before 510 reject compute_cap, so ask again without it; if the
    /// query form fails altogether, read the plain table.
    private func askNvidiaSMI(_ smi: String) -> NvidiaSMIParser.Report {
        func query(_ fields: [String]) -> CommandResult {
            runner.run([smi, "--query-gpu=" + fields.joined(separator: ","), "--format=csv,noheader"],
                       timeout: Self.smiTimeout, environment: commandEnvironment)
        }
        let full = query(NvidiaSMIParser.queryFields)
        if full.succeeded { return NvidiaSMIParser.parseQuery(full.output) }
        if full.timedOut || !full.launched || NvidiaSMIParser.isDriverUnreachable(full.output) {
            return NvidiaSMIParser.parseQuery(full.output)
        }
        let withoutCapability = query(NvidiaSMIParser.queryFields.filter { $0 != "compute_cap" })
        if withoutCapability.succeeded {
            return NvidiaSMIParser.parseQuery(withoutCapability.output, withComputeCapability: false)
        }
        let table = runner.run([smi], timeout: Self.smiTimeout, environment: commandEnvironment)
        return NvidiaSMIParser.parseTable(table.output)
    }

    /// sysfs knows every device and its PCI id; nvidia-smi knows names, capability and memory.
    static func merge(sysfs: [MachineFacts.GPU.Device], smi: [MachineFacts.GPU.Device]) -> [MachineFacts.GPU.Device] {
        var merged = sysfs
        for device in smi {
            if let index = merged.firstIndex(where: { $0.pciAddress != nil && $0.pciAddress == device.pciAddress }) {
                merged[index].name = device.name ?? merged[index].name
                merged[index].computeCapability = device.computeCapability ?? merged[index].computeCapability
                merged[index].memoryMiB = device.memoryMiB ?? merged[index].memoryMiB
            } else {
                merged.append(device)
            }
        }
        return merged
    }
}
