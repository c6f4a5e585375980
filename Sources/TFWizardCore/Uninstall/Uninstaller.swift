import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The names in a folder an uninstall would remove, read before planning (the plan itself reads nothing).
public struct FolderListing: Equatable, Sendable {
    public var path: String
    public var exists: Bool
    public var entries: [String]

    public init(path: String, exists: Bool, entries: [String]) {
        self.path = path; self.exists = exists; self.entries = entries
    }

    public static func read(_ path: String) -> FolderListing {
        var isDirectory = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let entries = isDirectory ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []) : []
        return FolderListing(path: path, exists: exists, entries: entries.sorted())
    }

    /// What `python3 -m venv` makes (and pip adds inside it), and the .lock and CACHEDIR.TAG `uv venv`
    /// adds; anything else was put there by someone else.
    static let venvEntries: Set<String> = ["bin", "include", "lib", "lib64", "pyvenv.cfg", "share", "etc", ".gitignore",
                                           ".lock", "CACHEDIR.TAG"]

    /// Whether removing the folder removes only the venv tfwizard made there.
    func venvRemoval(strings: Strings) -> RemovalCheck {
        guard exists else { return .nothingThere(strings.text("uninstall.nothing.venv", ["venv": path])) }
        guard entries.contains("pyvenv.cfg") else {
            return .refused(strings.text("uninstall.refuse.notVenv", ["venv": path]))
        }
        let others = entries.filter { !Self.venvEntries.contains($0) }
        guard others.isEmpty else {
            return .refused(strings.text("uninstall.refuse.moreThanVenv", ["venv": path, "others": others.joined(separator: ", ")]))
        }
        return .remove
    }
}

/// Whether a method's install is there to remove, and tfwizard's to remove.
public enum RemovalCheck: Equatable, Sendable {
    case remove
    /// Nothing of the install is left: the uninstall has nothing to do.
    case nothingThere(String)
    /// What is there is not only what tfwizard made: it is left alone, with the reason.
    case refused(String)
}

/// What `tfwizard uninstall` and the welcome screen's uninstall remove: the method's own removal command
/// (the venv folder, `pip uninstall`, the image, the conda environment), shown first as a plan; the
/// Debian packages tfwizard installed are named with the command that removes them, never removed.
public enum Uninstaller {
    public static func plan(answers: Answers, facts: MachineFacts, catalog: Catalog, target: TargetState, home: String,
                            folder: FolderListing?, debianPackages: [String], strings: Strings,
                            methods: InstallMethods = .all) -> Result<Plan, PlanRefusal> {
        guard let method = methods[answers.method] else {
            return .failure(PlanRefusal(field: "method", message: strings.text("planner.refuse.method.unknown",
                                                                               ["method": answers.method.rawValue])))
        }
        // The install's own plan says where things went (the interpreter, the image, sudo or not).
        let installed: Plan
        switch Planner.plan(answers: answers, facts: facts, catalog: catalog, target: target, home: home, strings: strings,
                            methods: methods) {
        case .success(let plan): installed = plan
        case .failure: installed = Plan(answers: answers, steps: [], notes: [], tensorflowVersion: "", pythonPath: nil)
        }
        let removal = method.removal(answers, plan: installed)
        guard !removal.isEmpty else {
            return .failure(PlanRefusal(field: "method", message: strings.text("uninstall.refuse.unsupported",
                                                                               ["method": answers.method.rawValue])))
        }
        var notes: [String] = []
        var steps: [Step] = []
        switch method.removalCheck(answers, plan: installed, facts: facts, folder: folder, strings: strings) {
        case .refused(let reason):
            return .failure(PlanRefusal(field: method.questions.contains(.venvFolder) ? "venv" : "method", message: reason))
        case .nothingThere(let reason):
            notes.append(reason)
        case .remove:
            steps.append(Step(id: "uninstall", title: strings.text("uninstall.step.title", ["method": answers.method.rawValue]),
                              why: strings["uninstall.step.why"], argv: removal, needsRoot: removal.first == "sudo"))
            notes += method.removalNotes(answers, strings: strings)
        }
        if !debianPackages.isEmpty {
            let command = (facts.privileges.isRoot ? [] : ["sudo"]) + ["apt-get", "remove"] + debianPackages
            notes.append(strings.text("uninstall.note.apt", ["packages": debianPackages.joined(separator: ", "),
                                                             "command": ShellQuoting.render(command)]))
        }
        return .success(Plan(answers: answers, steps: steps, notes: notes, tensorflowVersion: installed.tensorflowVersion,
                             pythonPath: installed.pythonPath))
    }
}
