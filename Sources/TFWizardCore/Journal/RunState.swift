import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One run's state beside its transcript (`tfwizard-STAMP.state.json`, 0600): the answers, the plan's
/// steps and how each ended, rewritten whole (then renamed) at every step start and end, so a run cut
/// short by a kill or a reboot can be resumed from its first unfinished step, and an uninstall knows what
/// tfwizard installed. Credentials are masked in it, as in every file tfwizard writes.
public struct RunState: Codable, Equatable, Sendable {
    public struct StepRecord: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var status: StepStatus
        /// The Debian packages an apt step installs (for the uninstall's list).
        public var aptPackages: [String]
        /// The command (no secrets: they travel in the environment), to find it if a kill left it running.
        public var argv: [String]?
    }
    public var pid: Int32
    public var startedAt: String
    public var transcript: String
    public var answers: Answers
    public var steps: [StepRecord]
    /// Set when the engine finished (done, failed or cancelled): a run without it was cut short.
    public var finished: Bool
    public var succeeded: Bool

    public static let suffix = ".state.json"

    /// The index of the first step that did not end done or skipped.
    public var firstUnfinishedStep: Int? { steps.firstIndex { $0.status != .done && $0.status != .skipped } }

    /// Every run's state in a folder, oldest first (the file names carry the start time).
    public static func all(in directory: String) -> [(path: String, state: RunState)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().compactMap { name in
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                  let state = try? JSONDecoder().decode(RunState.self, from: data) else { return nil }
            return (path, state)
        }
    }

    /// The newest run in `directory` when it was cut short (killed, or the machine went down) by a process
    /// that is gone; nil when the newest run ended, or none was recorded.
    public static func interrupted(in directory: String) -> RunState? {
        guard let newest = all(in: directory).last?.state, !newest.finished, newest.pid != getpid() else { return nil }
        if newest.pid > 0, kill(newest.pid, 0) == 0 || errno == EPERM, !isZombie(newest.pid) { return nil }
        return newest
    }

    /// Killed but not yet reaped by its parent: gone all the same.
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat").map({ String(decoding: $0, as: UTF8.self) }),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// The Debian packages tfwizard's apt steps installed in the runs recorded in `directory`.
    public static func installedDebianPackages(in directory: String) -> [String] {
        var packages: [String] = []
        for (_, state) in all(in: directory) {
            for step in state.steps where step.status == .done {
                for package in step.aptPackages where !packages.contains(package) { packages.append(package) }
            }
        }
        return packages
    }
}

/// Keeps a run's state file up to date from the engine's events.
public final class RunStateRecorder: @unchecked Sendable {
    public let path: String
    private let lock = Lock()
    private var state: RunState

    public init(transcriptPath: String, plan: Plan) {
        let base = transcriptPath.hasSuffix(".transcript") ? String(transcriptPath.dropLast(".transcript".count)) : transcriptPath
        path = base + RunState.suffix
        var answers = plan.answers
        answers.proxy = answers.proxy.map(CredentialMask.masked)
        answers.indexURL = answers.indexURL.map(CredentialMask.masked)
        state = RunState(pid: getpid(), startedAt: TimeStamp.iso8601UTC(Date()), transcript: transcriptPath, answers: answers,
                         steps: plan.steps.map { step in
                             RunState.StepRecord(id: step.id, title: step.title,
                                                 status: step.state == .toRun ? .pending : .skipped,
                                                 aptPackages: step.aptPackageNames,
                                                 argv: step.kind == .validation ? nil : step.argv)
                         },
                         finished: false, succeeded: false)
        write(state)
    }

    public func observe(_ event: EngineEvent) {
        if case .output = event { return }   // the hot path: output changes no step's state
        lock.lock()
        var changed = true
        switch event {
        case .stepStarted(let index): set(index, .running)
        case .stepSkipped(let index, _): set(index, .skipped)
        case .stepFinished(let index, let outcome): set(index, outcome.status)
        case .finished(let success, _): state.finished = true; state.succeeded = success
        default: changed = false
        }
        let snapshot = state
        lock.unlock()
        if changed { write(snapshot) }
    }

    private func set(_ index: Int, _ status: StepStatus) {
        guard state.steps.indices.contains(index) else { return }
        state.steps[index].status = status
    }

    /// Whole file, then rename: a reader never sees half of one.
    private func write(_ state: RunState) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(state) else { return }
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        if written == data.count { rename(temporary, path) } else { unlink(temporary) }
    }
}
