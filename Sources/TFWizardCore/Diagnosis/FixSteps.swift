import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A catalog entry's fix commands, made into steps that fit the failed step they repair: the same
/// interpreter (a venv's python rather than a bare `python3`), the same pip options and environment
/// (mirror, proxy, `--user`), and `sudo` only where the user is not root. What `python3` and `python3-venv`
/// stand for is the plan's install method's to say (`InstallMethod.fixInterpreter`, `.fixVenvPackage`).
public enum FixSteps {
    /// The steps that apply `entry`'s fix before `failedStep` is retried, or nil when the wizard must not
    /// apply it here: the entry is not marked safe to apply, has no commands, or needs root that cannot be had.
    public static func make(for entry: ErrorCatalogEntry, failedStep: Step, plan: Plan, facts: MachineFacts,
                            strings: Strings, user: String = CurrentUser.name,
                            home: String = PathExpansion.home, methods: InstallMethods = .all) -> [Step]? {
        guard let proposal = propose(for: entry, failedStep: failedStep, plan: plan, facts: facts, strings: strings,
                                     user: user, home: home, methods: methods), proposal.canApply else { return nil }
        return proposal.steps
    }

    /// `entry`'s fix adapted to `failedStep` whether or not the wizard may apply it: what the user is shown
    /// to run, with this run's interpreter, mirror and proxy. Nil when the entry has no commands.
    public static func propose(for entry: ErrorCatalogEntry, failedStep: Step, plan: Plan, facts: MachineFacts,
                               strings: Strings, user: String = CurrentUser.name,
                               home: String = PathExpansion.home, methods: InstallMethods = .all) -> FixProposal? {
        guard !entry.commands.isEmpty else { return nil }
        let method = methods[plan.answers.method]
        var steps: [Step] = []
        var rootUnavailable = false
        for (number, command) in entry.fixCommands(user: user, home: home).enumerated() {
            var argv = command
            guard !argv.isEmpty else { return nil }
            var needsRoot = false
            var environment: [String: String] = [:]
            if argv.first == "sudo" {
                needsRoot = true
                argv.removeFirst()
                if !facts.privileges.isRoot {
                    if facts.privileges.sudo == .absent { rootUnavailable = true }
                    argv.insert("sudo", at: 0)
                }
                argv = argv.map { word in
                    guard word == "python3-venv" else { return word }
                    return method?.fixVenvPackage(plan: plan, facts: facts) ?? venvPackage(plan: plan, facts: facts)
                }
            } else if argv.first == "python3" {
                argv[0] = method?.fixInterpreter(after: failedStep, plan: plan) ?? interpreter(of: failedStep, plan: plan)
                if isPipCommand(argv) {
                    if isPipInstall(argv), failedStep.argv.contains("--user"), let install = argv.firstIndex(of: "install") {
                        argv.insert("--user", at: install + 1)
                    }
                    // The same mirror and proxy as the failed step, in pip's words where uv failed.
                    environment = UVInstaller.runsUV(failedStep) ? plan.answers.pipEnvironment : failedStep.environment
                    needsRoot = failedStep.needsRoot
                }
            }
            steps.append(Step(id: "fix-\(entry.id)-\(number + 1)",
                              title: strings.text("troubleshoot.fix-step.title", ["id": entry.id, "title": entry.title]),
                              why: entry.fix, argv: argv, environment: environment, needsRoot: needsRoot))
        }
        return FixProposal(steps: steps, canApply: entry.autoFix && !rootUnavailable)
    }

    /// The requirements applied fixes add to what gets installed (`numpy<2`, `tf-keras`), to be saved with the
    /// answers: pip installs of other packages than TensorFlow and pip itself, upgrades left out (an
    /// upgrade names no version a replay could keep).
    public static func pins(of fixes: [Step]) -> [String] {
        let valueOptions: Set<String> = ["--timeout", "--retries", "-i", "--index-url", "--extra-index-url", "--proxy"]
        let notPins: Set<String> = ["tensorflow", "tensorflow-cpu", "tf-nightly", "pip", "setuptools", "wheel"]
        var pins: [String] = []
        for fix in fixes {
            guard let pip = fix.argv.firstIndex(of: "pip"), pip + 1 < fix.argv.count, fix.argv[pip + 1] == "install",
                  !fix.argv.contains("--upgrade"), !fix.argv.contains("-U") else { continue }
            var words = fix.argv[(pip + 2)...].makeIterator()
            while let word = words.next() {
                if word.hasPrefix("-") {
                    if valueOptions.contains(word) { _ = words.next() }
                    continue
                }
                if Answers.isRequirement(word), !notPins.contains(Answers.requirementName(word)) { pins.append(word) }
            }
        }
        return pins
    }

    /// The interpreter the failed step ran (`.../venv/bin/python -m pip ...`), else the plan's.
    public static func interpreter(of step: Step, plan: Plan) -> String {
        if let first = step.argv.first, URL(fileURLWithPath: first).lastPathComponent.hasPrefix("python") {
            return first
        }
        return plan.pythonPath ?? "python3"
    }

    static func isPipInstall(_ argv: [String]) -> Bool { isPipCommand(argv) && argv[3] == "install" }

    /// `python -m pip <command> ...`: it reads the mirror and proxy from the environment.
    static func isPipCommand(_ argv: [String]) -> Bool {
        argv.count >= 4 && argv[1] == "-m" && argv[2] == "pip"
    }

    /// `python3-venv` belongs to the distribution's default Python; another interpreter needs its own
    /// `python3.X-venv` (which also exists for the default one, so it is always right on Debian and Ubuntu).
    public static func venvPackage(plan: Plan, facts: MachineFacts) -> String {
        if let aptStep = plan.steps.first(where: { $0.id == "apt-venv" }), let package = aptStep.argv.last {
            return package
        }
        guard let path = plan.pythonPath,
              let python = facts.pythons.first(where: { $0.path == path || $0.realPath == path }) else {
            return "python3-venv"
        }
        return "python\(python.minorVersion)-venv"
    }
}

/// A catalog fix made for one failed step: the commands to show, and whether the wizard may run them.
public struct FixProposal: Sendable, Equatable {
    public var steps: [Step]
    /// The catalog marks the fix safe to apply and the root it needs can be had.
    public var canApply: Bool
}
