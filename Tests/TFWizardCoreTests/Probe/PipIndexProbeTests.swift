import XCTest
@testable import TFWizardCore

/// The package index pip is set to, found where pip looks for it (a machine tree in a temporary folder):
/// uv reads none of it, so it decides whether uv is the installer offered first.
final class PipIndexProbeTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pip-index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    private func write(_ machinePath: String, _ text: String) throws {
        let path = root + machinePath
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func probe(_ environment: [String: String] = ["HOME": "/home/ada"]) -> MachineFacts.PipIndex? {
        PipIndexProbe(machine: MachineRoot(root), environment: environment).probe()
    }

    func testNothingSetIsNoIndex() throws {
        try write("/etc/pip.conf", "[global]\ncert = /etc/ssl/certs/ca-certificates.crt\nfind-links = /opt/wheels\n")
        XCTAssertNil(probe(), "a certificate or extra wheels are not an index uv would miss")
        XCTAssertTrue(UVInstaller.isRecommended(MachineFixture.ubuntu2404()))
    }

    func testTheUsersFileOverridesTheGlobalOneAndInstallOverridesGlobal() throws {
        try write("/etc/pip.conf", "[global]\nindex-url = https://global.example/simple\n")
        XCTAssertEqual(probe(), .init(url: "https://global.example/simple", source: "/etc/pip.conf"))
        try write("/home/ada/.config/pip/pip.conf",
                  "# mirror near us\r\n[global]\r\nindex_url = https://user.example/simple\r\n[install]\r\nindex-url: https://install.example/simple\r\n")
        XCTAssertEqual(probe(), .init(url: "https://install.example/simple", source: "/home/ada/.config/pip/pip.conf"))
        try write("/home/ada/.pip/pip.conf", "[global]\nindex-url = https://legacy.example/simple\n")
        XCTAssertEqual(probe()?.source, "/home/ada/.config/pip/pip.conf", "the newer user file is read after the legacy one")
    }

    func testTheEnvironmentAndPIPConfigFile() throws {
        try write("/home/ada/.config/pip/pip.conf", "[global]\nindex-url = https://user.example/simple\n")
        try write("/srv/pip.conf", "[global]\nindex-url = https://named.example/simple\n")
        XCTAssertEqual(probe(["HOME": "/home/ada", "PIP_CONFIG_FILE": "/srv/pip.conf"])?.url, "https://named.example/simple")
        XCTAssertNil(probe(["HOME": "/home/ada", "PIP_CONFIG_FILE": "/dev/null"]), "pip's way to read no file")
        XCTAssertEqual(probe(["HOME": "/home/ada", "PIP_INDEX_URL": "https://ada:s3cret@env.example/simple"]),
                       .init(url: "https://ada:****@env.example/simple", source: "PIP_INDEX_URL"),
                       "the variable wins, and a password never reaches the facts")
        try write("/home/ada/xdg/pip/pip.conf", "[global]\nindex-url = https://xdg.example/simple\n")
        XCTAssertEqual(probe(["HOME": "/home/ada", "XDG_CONFIG_HOME": "/home/ada/xdg"])?.url, "https://xdg.example/simple")
    }

    func testNoIndexAtAllCountsAndEachSettingMergesOnItsOwn() throws {
        try write("/etc/pip.conf", "[global]\nno-index = true\nfind-links = /srv/wheels\n")
        XCTAssertEqual(probe(), .init(url: nil, source: "/etc/pip.conf"))
        try write("/home/ada/.config/pip/pip.conf", "[global]\nindex-url = https://user.example/simple\n")
        XCTAssertEqual(probe(), .init(url: nil, source: "/etc/pip.conf"), "a later index-url leaves no-index as it was")
        try write("/home/ada/.config/pip/pip.conf", "[install]\nno_index = off\nindex-url = https://user.example/simple\n")
        XCTAssertEqual(probe()?.url, "https://user.example/simple")
        XCTAssertEqual(probe(["HOME": "/home/ada", "PIP_NO_INDEX": "1"]), .init(url: nil, source: "PIP_NO_INDEX"))
        XCTAssertEqual(probe(["HOME": "/home/ada", "PIP_NO_INDEX": "no"])?.url, "https://user.example/simple")
        var facts = MachineFixture.ubuntu2404()
        facts.pipIndex = probe(["HOME": "/home/ada", "PIP_NO_INDEX": "yes"])
        XCTAssertTrue(ProbeReport.text(facts, strings: Strings(language: "en")).contains("pip reads no package index (set by PIP_NO_INDEX), only wheels in folders"))
    }

    func testTheFactMakesPipTheInstallerOfferedFirst() {
        var facts = MachineFixture.ubuntu2404()
        facts.pipIndex = .init(url: "https://mirrors.example.cn/pypi/simple", source: "PIP_INDEX_URL")
        XCTAssertFalse(UVInstaller.isRecommended(facts))
        let report = ProbeReport.text(facts, strings: Strings(language: "en"))
        XCTAssertTrue(report.contains("pip reads the package index https://mirrors.example.cn/pypi/simple (set by PIP_INDEX_URL); uv does not read pip's settings"), report)
        XCTAssertTrue(ProbeReport.json(facts).contains("\"pipIndex\""))
    }
}
