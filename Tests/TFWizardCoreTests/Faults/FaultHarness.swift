import Foundation
import XCTest
@testable import TFWizardCore

/// Runs a plan through the real engine and pty runner, collecting its events and letting a test answer
/// the failure question.
final class EngineRun: @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [EngineEvent] = []
    let output = OutputRecorder()
    private(set) var engine: Engine!

    init(plan: Plan, journal: SessionJournal? = nil, packageLocks: PackageLockPolicy = .system) {
        engine = Engine(plan: plan, runner: PtyStepRunner(), journal: journal, expectGPU: false, strings: Strings(language: "en"),
                        packageLocks: packageLocks) { [self] event in
            if case .output(_, let bytes) = event { output.append(bytes) }
            condition.lock(); events.append(event); condition.broadcast(); condition.unlock()
        }
    }

    /// Waits for the first event (after those already seen `after`) that `match` accepts.
    @discardableResult
    func waitFor(timeout: Double, after: Int = 0, _ match: (EngineEvent) -> Bool) -> (event: EngineEvent, position: Int)? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock(); defer { condition.unlock() }
        while true {
            if let position = events.indices.dropFirst(after).first(where: { match(events[$0]) }) {
                return (events[position], position)
            }
            if !condition.wait(until: deadline) { return nil }
        }
    }

    /// The outcome of step `index` reported at or after event `after`.
    func outcome(of index: Int, timeout: Double, after: Int = 0) -> (StepOutcome, Int)? {
        guard let (event, position) = waitFor(timeout: timeout, after: after, {
            if case .stepFinished(let finished, _) = $0 { return finished == index } else { return false }
        }), case .stepFinished(_, let outcome) = event else { return nil }
        return (outcome, position)
    }

    var allEvents: [EngineEvent] {
        condition.lock(); defer { condition.unlock() }
        return events
    }
}

enum FaultFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/faults")

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-faults-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A plan of `steps`, with default answers.
    static func plan(_ steps: [Step]) -> Plan {
        Plan(answers: Answers(), steps: steps, notes: [], tensorflowVersion: "2.21.0", pythonPath: nil)
    }

    /// pip installing the test package from `indexURL` into `target`, giving up fast on a network fault;
    /// the machine's own pip settings (a wheel folder, a long timeout) are kept out.
    static func pipStep(indexURL: String, target: String, extraEnvironment: [String: String] = [:]) -> Step {
        var environment = ["PIP_RETRIES": "1", "PIP_TIMEOUT": "2", "PIP_DEFAULT_TIMEOUT": "2", "PIP_NO_INPUT": "1",
                           "PIP_FIND_LINKS": "", "PIP_CONFIG_FILE": "/dev/null", "PIP_NO_CACHE_DIR": "1",
                           "PIP_DISABLE_PIP_VERSION_CHECK": "1"]
        environment.merge(extraEnvironment) { _, new in new }
        return Step(id: "install-tf", title: "Install the package", why: "test",
                    argv: ["python3", "-m", "pip", "install", "--index-url", indexURL, "--target", target, "tinypkg"],
                    environment: environment)
    }

    /// A port on 127.0.0.1 nobody listens on (bound, then released).
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The fixture index server (python3 http.server) in its own process.
final class LocalIndexServer {
    let workdir: URL
    let port: Int
    private let process: Process

    /// - Parameters:
    ///   - port: 0 for any free port.
    ///   - bigMegabytes: zeros added to the wheel (small download, large when unpacked).
    init(workdir: URL, port: Int = 0, bigMegabytes: Int = 0, mode: String = "ok") throws {
        self.workdir = workdir
        try? FileManager.default.removeItem(at: workdir.appendingPathComponent("port"))
        try mode.write(to: workdir.appendingPathComponent("mode"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FaultFixtures.folder.appendingPathComponent("index_server.py").path,
                             workdir.path, String(port), String(bigMegabytes)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let portFile = workdir.appendingPathComponent("port")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard Date() < deadline, process.isRunning else { process.terminate(); throw POSIXError(.ETIMEDOUT) }
            usleep(50_000)
        }
        self.port = Int(try String(contentsOf: portFile, encoding: .utf8)) ?? 0
    }

    var indexURL: String { "http://127.0.0.1:\(port)/simple/" }

    func setMode(_ mode: String) throws {
        try mode.write(to: workdir.appendingPathComponent("mode"), atomically: true, encoding: .utf8)
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
