import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What `tfwizard doctor` was asked: which log, how to print, whether this machine's GPU counts.
public struct DoctorRequest: Sendable, Equatable {
    /// The log file, `-` for standard input, nil for the newest session log in `logDirectory`.
    public var path: String?
    public var json: Bool
    /// Print every catalog id with its title instead of diagnosing.
    public var list: Bool
    /// Whether the probe's answer for this machine's GPU counts where the log does not say; nil: yes when
    /// the log is this machine's newest session log (then it was written here), no otherwise.
    public var thisMachine: Bool?
    public var logDirectory: String

    public init(path: String?, json: Bool = false, list: Bool = false, thisMachine: Bool? = nil, logDirectory: String) {
        self.path = path; self.json = json; self.list = list; self.thisMachine = thisMachine
        self.logDirectory = logDirectory
    }
}

extension DoctorOutput {
    /// Runs `request`: what the command line prints and exits with. `probeGPU` asks this machine's GPU; it
    /// runs only when the answer is used.
    public static func run(_ request: DoctorRequest, strings: Strings,
                           probeGPU: () -> ThisMachineGPU = { ThisMachineGPU(MachineProbe.gpu()) }) -> (output: String, exitCode: Int32) {
        do {
            // JSON is for programs: its titles stay English in every language, as its ids and keys do.
            let english = try ErrorCatalog.builtIn()
            let catalog = request.json ? english : english.localized(strings)
            if request.list { return (list(catalog: catalog, strings: strings), exitNoFailure) }
            let newest = SessionLogs.newest(in: request.logDirectory)
            guard let path = request.path ?? newest else {
                return (strings.text("diagnosis.no_session_log", ["folder": request.logDirectory]) + "\n", exitUnreadable)
            }
            let fromThisMachine = request.thisMachine ?? (path != "-" && newest.map { SessionLogs.sameFile(path, $0) } == true)
            let diagnosis = try Diagnoser(catalog: catalog, thisMachine: fromThisMachine ? probeGPU() : nil).diagnose(path: path)
            var output = request.json ? json(diagnosis) + "\n" : text(diagnosis, catalog: catalog, strings: strings)
            if request.path == nil && !request.json {
                output = strings.text("diagnosis.log_file", ["file": path]) + "\n" + output
            }
            return (output, exitCode(for: diagnosis))
        } catch let DoctorInputError.unreadable(file, reason) {
            return (strings.text("diagnosis.unreadable", ["file": file, "reason": reason]) + "\n", exitUnreadable)
        } catch {
            return (String(describing: error) + "\n", exitUnreadable)
        }
    }
}

/// The session logs the wizard and `install` write (`tfwizard-YYYYMMDD-HHMMSS.log` in the log folder).
public enum SessionLogs {
    /// The most recently written session log in `directory`, or nil when there is none.
    public static func newest(in directory: String) -> String? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var best: (modified: Int, name: String)?
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix("tfwizard-"), name.hasSuffix(".log") else { continue }
            var info = stat()
            guard stat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Int(info.st_mtim.tv_sec)
            if best.map({ (modified, name) > ($0.modified, $0.name) }) ?? true { best = (modified, name) }
        }
        return best.map { directory + "/" + $0.name }
    }

    /// Whether two paths name the same file (device and inode), however they are spelled.
    public static func sameFile(_ left: String, _ right: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(left, &a) == 0, stat(right, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
