import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `MachineFacts` for people (text) and for programs and the session log (JSON).
public enum ProbeReport {
    /// Pretty JSON with sorted keys: stable for diffs and tests.
    public static func json(_ facts: MachineFacts) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(facts) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func text(_ facts: MachineFacts, strings: Strings) -> String {
        var lines: [String] = [strings["probe.title"]]
        let yes = strings["probe.yes"], no = strings["probe.no"]

        if let name = facts.os.prettyName ?? facts.os.versionID.map({ "\(facts.os.id) \($0)" }) {
            lines.append(strings.text("probe.os", ["name": name]))
        } else {
            lines.append(strings["probe.os.unknown"])
        }
        lines.append(strings.text("probe.architecture", ["arch": facts.architecture]))

        if let model = facts.cpu.model ?? facts.cpu.cores.map({ _ in "?" }) {
            lines.append(strings.text("probe.cpu", ["model": model, "cores": facts.cpu.cores.map(String.init) ?? "?"]))
        } else {
            lines.append(strings["probe.cpu.unknown"])
        }
        lines.append(strings.text("probe.cpu.flags", ["avx": facts.cpu.hasAVX ? yes : no,
                                                       "avx2": facts.cpu.hasAVX2 ? yes : no,
                                                       "fma": facts.cpu.hasFMA ? yes : no]))
        if !facts.cpu.hasAVX && facts.architecture == "x86_64" { lines.append(strings["probe.cpu.noAVX"]) }
        lines.append(facts.glibcVersion.map { strings.text("probe.glibc", ["version": $0]) } ?? strings["probe.glibc.unknown"])

        if facts.pythons.isEmpty {
            lines.append(strings["probe.pythons.none"])
        } else {
            lines.append(strings.text("probe.pythons", ["count": String(facts.pythons.count)]))
            for python in facts.pythons {
                let real = python.realPath.flatMap { $0 == python.path ? nil : strings.text("probe.python.real", ["real": $0]) } ?? ""
                lines.append(strings.text("probe.python.line", ["path": python.path, "version": python.version,
                                                                "source": strings["python.source.\(python.source.rawValue)"], "real": real]))
                var notes = [python.pipVersion.map { strings.text("probe.python.pip", ["version": $0]) } ?? strings["probe.python.noPip"]]
                if !python.venvAvailable { notes.append(strings["probe.python.venvMissing"]) }
                else if !python.ensurepipAvailable { notes.append(strings["probe.python.ensurepipMissing"]) }
                else { notes.append(strings["probe.python.venvOK"]) }
                if python.externallyManaged { notes.append(strings["probe.python.externallyManaged"]) }
                lines.append("      " + notes.joined(separator: strings["probe.note-separator"]))
            }
        }

        if let index = facts.pipIndex {
            lines.append(index.url.map { strings.text("probe.pip-index", ["url": $0, "source": index.source]) }
                         ?? strings.text("probe.pip-index.none", ["source": index.source]))
        }

        if let disk = facts.disk {
            lines.append(strings.text("probe.disk", ["path": disk.path, "size": byteCount(disk.freeBytes)]))
        } else {
            lines.append(strings["probe.disk.unknown"])
        }

        if facts.privileges.isRoot { lines.append(strings["probe.privileges.root"]) }
        else {
            switch facts.privileges.sudo {
            case .passwordless: lines.append(strings["probe.privileges.passwordless"])
            case .needsPassword: lines.append(strings["probe.privileges.needsPassword"])
            case .absent: lines.append(strings["probe.privileges.absent"])
            }
        }

        if facts.gpu.devices.isEmpty { lines.append(strings["probe.gpu.none"]) }
        for device in facts.gpu.devices {
            let name = device.name ?? device.pciDeviceID.map { strings.text("probe.gpu.unnamed", ["id": $0]) } ?? "?"
            var line = strings.text("probe.gpu.device", ["name": name, "address": device.pciAddress ?? "?"])
            if device.computeCapability != nil || device.memoryMiB != nil {
                line += ", " + strings.text("probe.gpu.details", ["cc": device.computeCapability ?? "?",
                                                                   "memory": device.memoryMiB.map(String.init) ?? "?"])
            }
            lines.append(line)
        }
        if facts.gpu.nvidiaPresent || facts.gpu.driverVersion != nil {
            if facts.gpu.driverLoaded, let version = facts.gpu.driverVersion {
                lines.append(strings.text("probe.gpu.driver", ["version": version]))
            } else {
                lines.append(strings["probe.gpu.driverNotLoaded"])
            }
        }

        lines += toolLines(facts, strings: strings)

        if facts.aptPackages.isEmpty {
            lines.append(strings["probe.apt.none"])
        } else {
            let list = facts.aptPackages.keys.sorted().map { "\($0) \(facts.aptPackages[$0]!)" }.joined(separator: ", ")
            lines.append(strings.text("probe.apt", ["list": list]))
        }
        if let milliseconds = facts.probeDurationMilliseconds {
            lines.append(strings.text("probe.duration", ["ms": String(milliseconds)]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Secure Boot, CUDA on the system, Docker and conda: what the other install methods depend on.
    static func toolLines(_ facts: MachineFacts, strings: Strings) -> [String] {
        var lines: [String] = []
        if let secureBoot = facts.gpu.secureBoot {
            lines.append(strings[secureBoot ? "probe.secureBoot.on" : "probe.secureBoot.off"])
        }
        if let cuda = facts.gpu.systemCUDA, !cuda.isEmpty {
            var found = cuda.toolkits.map { "\($0.path) (\($0.version ?? "?"))" }
            found += cuda.libraries
            lines.append(strings.text("probe.systemCUDA", ["list": found.joined(separator: ", ")]))
        }
        if let docker = facts.docker {
            if let client = docker.clientPath {
                let daemon: String
                switch docker.daemon {
                case .answers: daemon = strings.text("probe.docker.answers", ["version": docker.serverVersion ?? "?"])
                case .permissionDenied: daemon = strings["probe.docker.permissionDenied"]
                case .notRunning: daemon = strings["probe.docker.notRunning"]
                case .unknown: daemon = strings["probe.docker.unknown"]
                }
                lines.append(strings.text("probe.docker", ["path": client, "version": docker.clientVersion ?? "?", "daemon": daemon]))
            } else {
                lines.append(strings["probe.docker.none"])
            }
            if facts.gpu.nvidiaPresent || docker.nvidiaCTKPath != nil {
                lines.append(strings[docker.nvidiaCTKPath == nil ? "probe.docker.toolkit.none"
                                     : (docker.nvidiaRuntime ? "probe.docker.toolkit" : "probe.docker.toolkit.notConfigured")])
            }
        }
        if let conda = facts.conda {
            lines.append(strings.text("probe.conda", ["kind": conda.kind.rawValue, "path": conda.executable,
                                                      "version": conda.version ?? "?",
                                                      "envs": conda.environments.isEmpty ? "-" : conda.environments.joined(separator: ", ")]))
        } else {
            lines.append(strings["probe.conda.none"])
        }
        return lines
    }

    /// What the welcome screen shows: one short line per fact (the full report is in the session log).
    public static func summaryLines(_ facts: MachineFacts, strings: Strings) -> [String] {
        let yes = strings["probe.yes"], no = strings["probe.no"]
        var lines: [String] = []
        let system = facts.os.prettyName ?? facts.os.versionID.map { "\(facts.os.id) \($0)" } ?? facts.os.id
        lines.append(strings.text("probe.summary.system", ["name": system, "arch": facts.architecture,
                                                            "glibc": facts.glibcVersion ?? "?"]))
        lines.append(strings.text("probe.summary.cpu", ["model": facts.cpu.model ?? "?",
                                                         "cores": facts.cpu.cores.map(String.init) ?? "?",
                                                         "avx": facts.cpu.hasAVX ? yes : no,
                                                         "avx2": facts.cpu.hasAVX2 ? yes : no]))
        if !facts.cpu.hasAVX && facts.architecture == "x86_64" { lines.append(strings["probe.cpu.noAVX"]) }
        if let own = facts.pythons.first {
            let versions = facts.pythons.map { VersionNumber($0.minorVersion) }
            let (lowest, highest) = (versions.min()!, versions.max()!)
            let range = lowest == highest ? "\(lowest)" : "\(lowest)-\(highest)"
            var details = [strings["python.source.\(own.source.rawValue)"]]
            if own.externallyManaged { details.append("PEP 668") }
            if !own.canCreateVenv { details.append(strings["probe.summary.no-venv"]) }
            let detail = details.joined(separator: strings["probe.list-separator"])
            lines.append(strings.text("probe.summary.pythons", ["count": String(facts.pythons.count), "range": range,
                                                                 "path": own.path, "version": own.version,
                                                                 "detail": detail]))
        } else {
            lines.append(strings["probe.pythons.none"])
        }
        if let disk = facts.disk {
            lines.append(strings.text("probe.disk", ["path": disk.path, "size": byteCount(disk.freeBytes)]))
        }
        if facts.privileges.isRoot { lines.append(strings["probe.privileges.root"]) } else {
            switch facts.privileges.sudo {
            case .passwordless: lines.append(strings["probe.privileges.passwordless"])
            case .needsPassword: lines.append(strings["probe.privileges.needsPassword"])
            case .absent: lines.append(strings["probe.privileges.absent"])
            }
        }
        if let device = facts.gpu.devices.first {
            let name = device.name ?? device.pciDeviceID.map { strings.text("probe.gpu.unnamed", ["id": $0]) } ?? "?"
            let driver = facts.gpu.driverLoaded ? (facts.gpu.driverVersion ?? "?") : strings["probe.summary.driver-not-loaded"]
            lines.append(strings.text("probe.summary.gpu", ["count": String(facts.gpu.devices.count), "name": name,
                                                             "driver": driver]))
        } else {
            lines.append(strings["probe.gpu.none"])
        }
        return lines
    }

    /// 1 decimal in GiB above 1 GiB, MiB below: enough to judge a 2.1 GB venv.
    static func byteCount(_ bytes: Int64) -> String {
        let gib = Double(bytes) / 1_073_741_824
        if gib >= 1 { return cFormat("%.1f GiB", gib) }
        return cFormat("%.0f MiB", Double(bytes) / 1_048_576)
    }
}
