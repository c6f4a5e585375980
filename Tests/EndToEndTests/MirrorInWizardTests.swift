import Foundation
import XCTest

/// A mirror typed into the wizard (m on the plan) with a password in it: pip's steps fetch from it (a local
/// index on the loopback address serving pip's own wheel), the plan names it, and the password shows
/// nowhere: not on screen, not in the session log, the transcript or the saved answers.
final class MirrorInWizardTests: XCTestCase {
    static let password = "MirPw55"

    func testPipStepsGoThroughTheMirrorGivenInTheWizard() throws {
        let home = try BinaryUnderTest.temporaryFolder("mirror-wizard")
        defer { try? FileManager.default.removeItem(at: home) }
        let index = try LocalIndex(folder: home.appendingPathComponent("index"))
        defer { index.stop() }

        var environment = WizardTmuxTests.environment(home: home)
        environment["LANG"] = "C.UTF-8"
        environment["PIP_CONFIG_FILE"] = "/dev/null"
        environment["PIP_FIND_LINKS"] = ""            // only the mirror: no local wheel folder
        environment["PIP_RETRIES"] = "0"
        let session = try TmuxSession(command: WizardTmuxTests.script(home: home), environment: environment)
        for title in ["Welcome", "CPU or GPU", "Install method", "Package and version", "Python", "Environment folder"] {
            try session.waitFor("TensorFlow install wizard - " + title, timeout: 20)
            try session.send("Enter")
        }
        try session.waitFor("Review the plan", timeout: 20)
        try session.send("u")                         // pip's steps (uv is recommended here; its mirror test is UVInstallTests)
        try session.waitFor("Upgrade pip", timeout: 20)
        try session.send("m")
        try session.waitFor("Where should pip download packages from?", timeout: 10)
        let mirror = "http://mirror:\(Self.password)@127.0.0.1:\(index.port)/simple/"
        try session.sendLiteral(mirror)
        try session.send("Enter")
        let masked = "http://mirror:****@127.0.0.1:\(index.port)/simple/"
        let plan = try session.waitFor("Review the plan", timeout: 10)
        XCTAssertTrue(Self.unwrapped(plan).contains("package index mirror " + masked), plan)
        XCTAssertFalse(plan.contains(Self.password), plan)

        try session.send("Enter")
        if try session.waitFor("Install", timeout: 10).contains("These steps run as root") { try session.send("Enter") }
        // pip's upgrade comes from the mirror; TensorFlow is not on it, so that step fails.
        let failed = try session.waitFor("A step failed", timeout: 600)
        XCTAssertTrue(failed.contains("Install tensorflow"), failed)
        let requests = index.requests()
        let authorization = "Basic " + Data("mirror:\(Self.password)".utf8).base64EncodedString()
        XCTAssertTrue(requests.contains("/simple/pip/ \(authorization)"), "pip did not ask the mirror for pip:\n\(requests)")
        XCTAssertTrue(requests.contains("/simple/tensorflow/ \(authorization)"), "requests:\n\(requests)")

        try session.send("Down", "Down", "Down", "Enter")      // stop the install
        try session.waitFor("The install did not finish", timeout: 20)
        try session.send("Enter")
        try session.waitFor("Log:", timeout: 20)
        try session.send("Enter")
        let end = try session.waitFor("EXIT=", timeout: 20)
        XCTAssertTrue(end.contains("EXIT=1"), end)

        let state = home.appendingPathComponent(".local/state/tfwizard")
        let files = try FileManager.default.contentsOfDirectory(atPath: state.path)
        let log = try XCTUnwrap(files.first { $0.hasSuffix(".log") }, "\(files)")
        let text = try String(contentsOf: state.appendingPathComponent(log), encoding: .utf8)
        XCTAssertTrue(text.contains(masked), "the session log does not name the mirror")
        XCTAssertTrue(text.contains("Looking in indexes: " + masked), "pip's own line, masked, is not in the log")
        for file in files {
            let content = String(decoding: try Data(contentsOf: state.appendingPathComponent(file)), as: UTF8.self)
            XCTAssertFalse(content.contains(Self.password), "\(file) holds the mirror's password")
        }
        XCTAssertFalse(end.contains(Self.password), end)
    }

    static func unwrapped(_ screen: String) -> String {
        screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A package index (PEP 503 simple pages) on 127.0.0.1 serving the pip wheels the system's Python ships,
/// run by python3's http.server; every request's path and Authorization header go to a file.
final class LocalIndex: LoopbackServer {
    init(folder: URL) throws { try super.init(folder: folder, script: Self.server) }

    static let server = #"""
        import ensurepip, glob, html, http.server, os, sys
        bundled = os.path.join(os.path.dirname(ensurepip.__file__), "_bundled")
        wheels = {os.path.basename(p): p for p in glob.glob("/usr/share/python-wheels/pip-*.whl") + glob.glob(bundled + "/pip-*.whl")}
        log = open(sys.argv[1], "a", buffering=1)

        class Index(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?")[0]
                log.write("%s %s\n" % (path, self.headers.get("Authorization", "-")))
                if path.rstrip("/") == "/simple/pip":
                    links = "".join('<a href="/files/%s">%s</a>\n' % (name, html.escape(name)) for name in sorted(wheels))
                    self.reply(200, "text/html", ("<html><body>\n%s</body></html>\n" % links).encode())
                elif path.startswith("/files/") and path[7:] in wheels:
                    with open(wheels[path[7:]], "rb") as wheel:
                        self.reply(200, "application/octet-stream", wheel.read())
                else:
                    self.reply(404, "text/plain", b"not here\n")

            def reply(self, status, kind, body):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *arguments):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Index)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
