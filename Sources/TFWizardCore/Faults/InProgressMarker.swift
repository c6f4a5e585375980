import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A step that was running when tfwizard last stopped without finishing it (killed with SIGKILL, a power
/// cut). Written to `in-progress.json` in the log folder when a step starts, removed when it ends, so the
/// next start can say what was left half done and how to finish it.
public struct InterruptedStep: Codable, Equatable, Sendable {
    public var stepID: String
    public var title: String
    public var command: String           // as shown to people, credentials masked
    public var pid: Int32                // the tfwizard process that ran it
    public var startedAt: String         // ISO 8601
    public var packageManager: Bool      // an apt/dpkg step: dpkg may be left half configured
    public var transcript: String?

    public init(stepID: String, title: String, command: String, pid: Int32, startedAt: String,
                packageManager: Bool, transcript: String?) {
        self.stepID = stepID; self.title = title; self.command = command; self.pid = pid
        self.startedAt = startedAt; self.packageManager = packageManager; self.transcript = transcript
    }

    /// What finishes the job: dpkg's own repair after an apt step, otherwise the step again.
    public var recoveryCommand: String {
        guard packageManager else { return command }
        return command.hasPrefix("sudo ") ? "sudo dpkg --configure -a" : "dpkg --configure -a"
    }

    /// The notice, one line per item, in the user's language.
    public func notice(strings: Strings) -> [String] {
        var lines = [strings.text("faults.interrupted.notice", ["title": title, "time": startedAt, "pid": String(pid)]),
                     strings.text("faults.interrupted.command", ["command": command])]
        lines.append(strings.text(packageManager ? "faults.interrupted.apt" : "faults.interrupted.rerun",
                                  ["command": recoveryCommand]))
        if let transcript { lines.append(strings.text("faults.interrupted.transcript", ["path": transcript])) }
        return lines
    }
}

/// Reads and writes the in-progress file of a log folder.
public struct InProgressMarker: Sendable {
    public static let fileName = "in-progress.json"
    public let path: String

    public init(directory: String) { path = directory + "/" + Self.fileName }

    /// Records that `step` starts now (0600; written whole, then renamed, so it is never half a file).
    public func begin(_ step: Step, secrets: [String], transcript: String?, now: Date = Date()) {
        let record = InterruptedStep(stepID: step.id, title: step.title,
                                     command: Redactor.redact(CommandDisplay.render(step), secrets: secrets),
                                     pid: getpid(), startedAt: TimeStamp.iso8601UTC(now),
                                     packageManager: PackageManagerLock.isPackageManagerStep(step),
                                     transcript: transcript)
        guard let data = try? JSONEncoder().encode(record) else { return }
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        if written == data.count { rename(temporary, path) } else { unlink(temporary) }
    }

    /// The step ended (any way but a kill of tfwizard itself).
    public func end() { unlink(path) }

    /// The step left unfinished by an earlier tfwizard that is no longer running; nil when there is none
    /// (or its process still runs: another tfwizard is at work).
    /// - Parameter atStartup: asked before this process ran any step, a record with its own pid is from
    ///   an earlier process that had the same pid (pid 1 in a container); later it is this process's step.
    public func interrupted(atStartup: Bool = true) -> InterruptedStep? {
        guard let data = FileManager.default.contents(atPath: path),
              let record = try? JSONDecoder().decode(InterruptedStep.self, from: data) else { return nil }
        if record.pid == getpid() { return atStartup ? record : nil }
        if record.pid > 0, kill(record.pid, 0) == 0 || errno == EPERM { return nil }
        return record
    }
}
