import FoundationEssentials

/// The package index pip is set to read instead of pypi.org (PIP_INDEX_URL, `index-url`), or none at all
/// (PIP_NO_INDEX, `no-index`), from its environment or its configuration files, in pip's own order. uv
/// reads none of these, so where one is set uv is not the recommended installer: it would go to pypi.org
/// behind the user's back.
struct PipIndexProbe {
    let machine: MachineRoot
    let environment: [String: String]

    func probe() -> MachineFacts.PipIndex? {
        // Each setting on its own, as pip merges them: later files over earlier ones (global, then user
        // unless PIP_CONFIG_FILE names a file that exists, then that file), the environment over all. The
        // venv about to be made has no site file yet.
        var indexURL: (value: String, source: String)?
        var noIndex: (value: Bool, source: String)?
        for file in configurationFiles() {
            guard let text = machine.read(file) else { continue }
            let setting = Self.setting(inConfiguration: text)
            if let url = setting.indexURL { indexURL = (url, file) }
            if let value = setting.noIndex { noIndex = (value, file) }
        }
        if let url = nonEmpty(environment["PIP_INDEX_URL"]) { indexURL = (url, "PIP_INDEX_URL") }
        if let value = nonEmpty(environment["PIP_NO_INDEX"]).flatMap(Self.truth) { noIndex = (value, "PIP_NO_INDEX") }
        if let noIndex, noIndex.value { return MachineFacts.PipIndex(url: nil, source: noIndex.source) }
        return indexURL.map { MachineFacts.PipIndex(url: CredentialMask.masked($0.value), source: $0.source) }
    }

    func configurationFiles() -> [String] {
        let named = nonEmpty(environment["PIP_CONFIG_FILE"])
        if named == "/dev/null" { return [] }   // pip's way to read no configuration at all
        let xdgDirectories = nonEmpty(environment["XDG_CONFIG_DIRS"]) ?? "/etc/xdg"
        var files = xdgDirectories.split(separator: ":").map { "\($0)/pip/pip.conf" } + ["/etc/pip.conf"]
        if named.map(machine.exists) != true, let home = nonEmpty(environment["HOME"]) {
            let configHome = nonEmpty(environment["XDG_CONFIG_HOME"]) ?? home + "/.config"
            files += [home + "/.pip/pip.conf", configHome + "/pip/pip.conf"]
        }
        return files + (named.map { [$0] } ?? [])
    }

    /// `index-url` and `no-index` (or with `_`) of one file: the `[install]` section's over `[global]`'s.
    static func setting(inConfiguration text: String) -> (indexURL: String?, noIndex: Bool?) {
        var section = ""
        var indexURLs: [String: String] = [:], noIndex: [String: Bool] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingSpaces().lowercased()
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = String(line[..<separator].trimmingSpaces().lowercased().map { $0 == "_" ? "-" : $0 })
            let value = line[line.index(after: separator)...].trimmingSpaces()
            if key == "index-url", !value.isEmpty { indexURLs[section] = value }
            if key == "no-index", let truth = truth(value) { noIndex[section] = truth }
        }
        return (indexURLs["install"] ?? indexURLs["global"], noIndex["install"] ?? noIndex["global"])
    }

    /// pip's reading of a yes/no setting.
    static func truth(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "1", "true", "yes", "on", "y", "t": true
        case "0", "false", "no", "off", "n", "f": false
        default: nil
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
