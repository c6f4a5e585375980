import Foundation
import XCTest

/// The uv installer for real: uv from the package index into its tool environment, the venv made by
/// `uv venv`, TensorFlow by `uv pip install`, the same check. Headless, it must resolve exactly what the
/// guide's pip commands resolve. In the wizard uv is the recommended installer (WizardTmuxTests installs
/// with it, Enter only); `u` on the plan chooses pip instead.
final class UVInstallTests: XCTestCase {
    func testHeadlessUVInstallResolvesWhatPipResolves() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let venv = folder.appendingPathComponent("uv-venv").path
        // A Python without pip of its own (as on a fresh Ubuntu), so uv's tool environment gets pip from
        // ensurepip; the wizard's test below borrows the system Python's pip instead.
        let pipless = folder.appendingPathComponent("pipless").path
        try Self.shell(["/usr/bin/python3", "-m", "venv", "--without-pip", pipless])
        let answers = folder.appendingPathComponent("answers.yaml")
        try """
        device: cpu
        method: venv
        installer: uv
        python: \(pipless)/bin/python3
        venv: \(venv)
        """.write(to: answers, atomically: true, encoding: .utf8)

        var environment = Self.environment(home: home)
        environment.merge(ProcessInfo.processInfo.environment) { own, _ in own }
        let run = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes"], environment: environment)
        XCTAssertEqual(run.exitCode, 0, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        XCTAssertTrue(run.stdout.contains("Validation passed."), run.stdout)
        let tool = home.path + "/.local/share/tfwizard/uv"
        XCTAssertTrue(run.stdout.contains("\(tool)/bin/uv pip install --python \(venv)/bin/python tensorflow"), run.stdout)
        XCTAssertTrue(run.stdout.contains("\(pipless)/bin/python3 -m venv \(tool)\n"), run.stdout)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: tool + "/bin/uv"))
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: venv + "/bin/pip"), "uv venv --seed puts pip into the venv")

        // The guide's commands with pip, run now, into a venv of the same Python.
        let pipVenv = folder.appendingPathComponent("pip-venv").path
        let python = try XCTUnwrap(Self.venvBasePython(venv), "no home in \(venv)/pyvenv.cfg")
        try Self.shell([python, "-m", "venv", pipVenv])
        try Self.shell([pipVenv + "/bin/python", "-m", "pip", "install", "--upgrade", "pip"])
        try Self.shell([pipVenv + "/bin/python", "-m", "pip", "install", "tensorflow"])
        let uvFreeze = try Self.freeze(venv), pipFreeze = try Self.freeze(pipVenv)
        XCTAssertGreaterThan(pipFreeze.count, 20, "\(pipFreeze)")
        XCTAssertTrue(pipFreeze.contains { $0.hasPrefix("tensorflow==2.") }, "\(pipFreeze)")
        XCTAssertEqual(uvFreeze, pipFreeze,
                       "only uv: \(uvFreeze.subtracting(pipFreeze).sorted()); only pip: \(pipFreeze.subtracting(uvFreeze).sorted())")

        // Uninstalling takes the venv and uv's tool environment.
        let uninstall = try BinaryUnderTest.run(["uninstall", "--answers", answers.path, "--yes"], environment: environment)
        XCTAssertEqual(uninstall.exitCode, 0, uninstall.stdout + uninstall.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: venv))
        XCTAssertFalse(FileManager.default.fileExists(atPath: tool))
    }

    func testUOnThePlanInstallsWithPipInTheWizard() throws {
        let home = try BinaryUnderTest.temporaryFolder("pip-wizard-home")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: WizardTmuxTests.script(home: home), environment: Self.environment(home: home))
        for title in ["Press Enter to begin", "CPU or GPU", "Install method", "Package and version", "Python", "Environment folder"] {
            try session.waitFor(title, timeout: 20)
            try session.send("Enter")
        }
        let uvPlan = try session.waitFor("Review the plan", timeout: 20)
        XCTAssertTrue(uvPlan.contains("Create uv's tool environment"), uvPlan)
        try session.send("u")
        let plan = try session.waitFor("Upgrade pip", timeout: 20)
        XCTAssertFalse(plan.contains("Create uv's tool environment"), plan)
        try session.send("Enter")
        try session.waitFor("Installing", timeout: 20)
        let finished = try session.waitFor("The install finished", timeout: 900)
        XCTAssertTrue(finished.contains("4 of 4 steps"), finished)
        try session.send("Enter")
        let check = try session.waitFor("Check result", timeout: 20)
        XCTAssertTrue(check.contains("Validation passed.") || check.contains("TensorFlow works."), check)
        try session.send("Enter")
        try session.waitFor("Log written to", timeout: 20)
        try session.send("Enter")
        let summary = try session.waitFor("EXIT=0", timeout: 20)
        XCTAssertTrue(summary.contains("is installed and works."), summary)

        let logDirectory = home.appendingPathComponent(".local/state/tfwizard")
        let log = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: logDirectory.path).first { $0.hasSuffix(".log") })
        let text = try String(contentsOf: logDirectory.appendingPathComponent(log), encoding: .utf8)
        XCTAssertTrue(text.contains("-m pip install tensorflow"), "the log lacks pip's install command")
        XCTAssertFalse(text.contains("/bin/uv "), "uv ran")
        let answers = try FileManager.default.contentsOfDirectory(atPath: logDirectory.path).filter { $0.hasSuffix(".yaml") }
        let saved = try answers.map { try String(contentsOf: logDirectory.appendingPathComponent($0), encoding: .utf8) }
        XCTAssertTrue(saved.contains { $0.contains("installer: pip") }, "the saved answers lack the installer: \(saved)")
        let venvPython = home.appendingPathComponent("tensorflow/venv/bin/python").path
        XCTAssertEqual(try Self.shell([venvPython, "-c", "import tensorflow"]), 0)
    }

    /// A mirror with a password: uv's own steps ask it (with the credentials) for what they fetch, and the
    /// password reaches no output and no file. uv's tool environment is made first, so the plan's uv steps
    /// are the first to fetch; the mirror serves only pip's wheels, so the run fails at a uv step.
    func testUVStepsFetchFromTheMirrorWithItsCredentialsMasked() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uv-mirror")
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try LocalIndex(folder: folder.appendingPathComponent("index"))
        defer { index.stop() }
        let password = "UvMirPw77"
        let (run, logs) = try Self.installWithUVThere(
            folder: folder, answer: "index_url: http://mirror:\(password)@127.0.0.1:\(index.port)/simple/")
        let tool = folder.path + "/home/.local/share/tfwizard/uv"
        XCTAssertNotEqual(run.exitCode, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("skipped: uv is already installed in \(tool)"), "uv's tool environment was there:\n\(run.stdout)")
        let authorization = "Basic " + Data("mirror:\(password)".utf8).base64EncodedString()
        let requests = index.requests()
        XCTAssertTrue(requests.contains("/simple/pip/ \(authorization)"), "uv venv --seed did not ask the mirror for pip:\n\(requests)")
        XCTAssertFalse(requests.contains("/simple/pip/ -"), "a request without the credentials:\n\(requests)")
        XCTAssertFalse(run.stdout.contains(password) || run.stderr.contains(password), run.stdout + run.stderr)
        var namesTheMirror = false
        for file in try FileManager.default.contentsOfDirectory(atPath: logs.path) {
            let content = String(decoding: try Data(contentsOf: logs.appendingPathComponent(file)), as: UTF8.self)
            XCTAssertFalse(content.contains(password), "\(file) holds the mirror's password")
            namesTheMirror = namesTheMirror || content.contains("UV_DEFAULT_INDEX='http://mirror:****@127.0.0.1:\(index.port)/simple/'")
        }
        XCTAssertTrue(namesTheMirror, "no log names uv's mirror, masked")
    }

    /// A proxy with a password: uv's steps go through it (CONNECT with the credentials) and the password
    /// reaches no output and no file. The proxy refuses every tunnel, so the run fails at the first uv step.
    func testUVStepsGoThroughTheProxyWithItsCredentials() throws {
        let folder = try BinaryUnderTest.temporaryFolder("uv-proxy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let proxy = try RefusingProxy(folder: folder.appendingPathComponent("proxy"))
        defer { proxy.stop() }
        let password = "UvPrxPw31"
        let (run, logs) = try Self.installWithUVThere(folder: folder,
                                                      answer: "proxy: http://ada:\(password)@127.0.0.1:\(proxy.port)")
        XCTAssertNotEqual(run.exitCode, 0, run.stdout)
        let authorization = "Basic " + Data("ada:\(password)".utf8).base64EncodedString()
        let requests = proxy.requests()
        XCTAssertTrue(requests.contains("CONNECT pypi.org:443 \(authorization)"), "uv did not ask the proxy for the index:\n\(requests)")
        XCTAssertFalse(run.stdout.contains(password) || run.stderr.contains(password), run.stdout + run.stderr)
        for file in try FileManager.default.contentsOfDirectory(atPath: logs.path) {
            let content = String(decoding: try Data(contentsOf: logs.appendingPathComponent(file)), as: UTF8.self)
            XCTAssertFalse(content.contains(password), "\(file) holds the proxy's password")
        }
    }

    // MARK: helpers

    /// `install` with uv's tool environment already made in a home of the folder's own, so the plan's uv
    /// steps are the first to fetch, with nothing in uv's cache and no proxy from this machine's
    /// environment: the answers are the uv venv answers and `answer`.
    static func installWithUVThere(folder: URL, answer: String) throws -> (run: BinaryUnderTest.Run, logs: URL) {
        let home = folder.appendingPathComponent("home")
        let tool = home.path + "/.local/share/tfwizard/uv"
        try shell(["/usr/bin/python3", "-m", "venv", tool])
        try shell([tool + "/bin/python", "-m", "pip", "install", "--quiet", "uv"])
        let answers = folder.appendingPathComponent("answers.yaml")
        try """
        device: cpu
        method: venv
        installer: uv
        python: /usr/bin/python3
        venv: \(folder.path)/venv
        \(answer)
        """.write(to: answers, atomically: true, encoding: .utf8)
        var environment = environment(home: home)
        environment["UV_CACHE_DIR"] = folder.path + "/uv-cache"     // nothing cached: every file from the index
        environment.merge(ProcessInfo.processInfo.environment) { own, _ in own }
        for name in ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "no_proxy"] { environment[name] = nil }
        let logs = folder.appendingPathComponent("logs")
        let run = try BinaryUnderTest.run(["install", "--answers", answers.path, "--yes", "--log-dir", logs.path],
                                          environment: environment)
        return (run, logs)
    }

    /// A home of the test's own (uv's tool environment and the logs go there); pyenv and the download
    /// caches stay the real ones, so a second run does not download everything again.
    static func environment(home: URL) -> [String: String] { WizardTmuxTests.environment(home: home) }

    /// The base interpreter a venv was made from (`home` in pyvenv.cfg, plus the executable's name).
    static func venvBasePython(_ venv: String) -> String? {
        guard let config = try? String(contentsOfFile: venv + "/pyvenv.cfg", encoding: .utf8) else { return nil }
        let settings = config.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        let values = Dictionary(settings, uniquingKeysWith: { first, _ in first })
        guard let folder = values["home"], let version = values["version_info"] ?? values["version"] else { return nil }
        let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
        return folder + "/python" + minor
    }

    /// `pip freeze` of a venv without the installers themselves: name==version, names normalised.
    static func freeze(_ venv: String) throws -> Set<String> {
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: venv + "/bin/python")
        process.arguments = ["-m", "pip", "freeze"]
        process.standardOutput = output
        let reader = PipeReader(output.fileHandleForReading)
        try process.run()
        process.waitUntilExit()
        let lines = reader.text().split(separator: "\n").map { $0.lowercased().replacingOccurrences(of: "_", with: "-") }
        return Set(lines.filter { line in !["pip==", "setuptools==", "wheel=="].contains { line.hasPrefix($0) } })
    }

    /// Runs a command with the output to the test's log; fails the test on a non-zero exit.
    @discardableResult
    static func shell(_ argv: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["PIP_FIND_LINKS"] = nil      // only the package index, as uv sees it
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(argv.joined(separator: " ")) failed", file: file, line: line)
        return process.terminationStatus
    }
}

/// An HTTP proxy on 127.0.0.1 that writes each request's method, target and Proxy-Authorization to a file
/// and refuses it (403), run by python3.
final class RefusingProxy: LoopbackServer {
    init(folder: URL) throws { try super.init(folder: folder, script: Self.server) }

    static let server = #"""
        import socketserver, sys
        log = open(sys.argv[1], "a", buffering=1)

        class Refuse(socketserver.StreamRequestHandler):
            def handle(self):
                request = self.rfile.readline().decode("latin-1").split()
                authorization = "-"
                while True:
                    line = self.rfile.readline().decode("latin-1").strip()
                    if not line:
                        break
                    name, _, value = line.partition(":")
                    if name.lower() == "proxy-authorization":
                        authorization = value.strip()
                if len(request) >= 2:
                    log.write("%s %s %s\n" % (request[0], request[1], authorization))
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        server = Server(("127.0.0.1", 0), Refuse)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
