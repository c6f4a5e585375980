import XCTest
@testable import TFWizardCore

final class TargetStateTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func make(_ relative: String, contents: String? = nil) throws {
        let url = folder.appendingPathComponent(relative)
        if let contents {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        } else {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    func testMissingFolder() {
        let state = TargetState.inspect(venvPath: folder.path + "/nothing")
        XCTAssertEqual(state, TargetState.absent(folder.path + "/nothing"))
    }

    func testEmptyAndPlainFolders() throws {
        XCTAssertTrue(TargetState.inspect(venvPath: folder.path).isEmptyDirectory)
        try make("notes.txt", contents: "hello")
        let plain = TargetState.inspect(venvPath: folder.path)
        XCTAssertTrue(plain.exists && plain.isDirectory)
        XCTAssertFalse(plain.isEmptyDirectory)
        XCTAssertFalse(plain.venvExists)
        XCTAssertFalse(TargetState.inspect(venvPath: folder.path + "/notes.txt").isDirectory)
    }

    func testVenvWithTensorFlow() throws {
        try make("pyvenv.cfg", contents: """
        home = /usr/bin
        include-system-site-packages = false
        version = 3.12.3
        executable = /usr/bin/python3.12
        command = /usr/bin/python3 -m venv /home/ada/tensorflow/venv
        """)
        try make("bin/python", contents: "")
        let site = "lib/python3.12/site-packages/"
        try make(site + "tensorflow-2.21.0.dist-info")
        try make(site + "tensorflow_io_gcs_filesystem-0.37.1.dist-info")
        try make(site + "nvidia_cudnn_cu12-9.3.0.75.dist-info")
        try make(site + "pip-24.0.dist-info")
        let state = TargetState.inspect(venvPath: folder.path)
        XCTAssertTrue(state.venvExists)
        XCTAssertTrue(state.venvHasPython)
        XCTAssertEqual(state.venvPythonVersion, "3.12.3")
        XCTAssertEqual(state.venvPythonMinor, "3.12")
        XCTAssertEqual(state.venvHome, "/usr/bin")
        XCTAssertEqual(state.installedTensorFlow, "2.21.0")
        XCTAssertEqual(state.installedTensorFlowPackage, .tensorflow)
        XCTAssertEqual(state.installedDistributions["nvidia-cudnn-cu12"], "9.3.0.75")
        XCTAssertEqual(state.installedDistributions["tensorflow-io-gcs-filesystem"], "0.37.1")
    }

    func testCPUPackageAndOlderConfigKey() throws {
        try make("pyvenv.cfg", contents: "home = /usr/bin\nversion_info = 3.10.12.final.0\n")
        try make("lib/python3.10/site-packages/tensorflow_cpu-2.20.0.dist-info")
        let state = TargetState.inspect(venvPath: folder.path)
        XCTAssertEqual(state.venvPythonMinor, "3.10")
        XCTAssertEqual(state.installedTensorFlow, "2.20.0")
        XCTAssertEqual(state.installedTensorFlowPackage, .tensorflowCPU)
        XCTAssertFalse(state.venvHasPython)
    }
}
