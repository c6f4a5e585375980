import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The plan as people and programs read it: text for the terminal, a runnable POSIX sh script, JSON.
/// Every form masks credentials in environment values and answers.
public enum PlanFormatter {
    /// - Parameter header: the first line, when it is not the release and method (an uninstall's).
    public static func text(_ plan: Plan, strings: Strings, header: String? = nil) -> String {
        var lines = [header ?? strings.text("planner.format.header", [
            "version": plan.tensorflowVersion, "package": plan.answers.package.rawValue,
            "device": plan.answers.device.rawValue, "method": plan.answers.method.rawValue])]
        if !plan.notes.isEmpty {
            lines.append("")
            lines.append(strings["planner.format.notes"])
            lines += plan.notes.map { "  - " + oneLine($0) }
        }
        if !plan.steps.isEmpty {
            lines.append("")
            lines.append(strings["planner.format.steps"])
        }
        for (index, step) in plan.steps.enumerated() {
            var heading = "\(index + 1). \(oneLine(step.title))"
            if step.needsRoot { heading += " (\(strings["planner.format.root"]))" }
            lines.append(heading)
            lines.append("   " + oneLine(step.why))
            lines.append("   $ " + displayCommand(step, strings: strings))
            if case let .alreadyDone(reason) = step.state {
                lines.append("   " + strings.text("planner.format.already", ["reason": oneLine(reason)]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A standalone POSIX script that does what the plan does on a machine without tfwizard: `set -eu`,
    /// each step echoed, and each step with a check skipped when its check finds the work done, so a
    /// second run changes nothing. Root steps go through sudo unless the script runs as root. A step
    /// without a check that was already done here stays in, commented out.
    public static func shell(_ plan: Plan, strings: Strings) -> String {
        var lines = ["#!/bin/sh",
                     "# " + strings["planner.format.shellHeader"],
                     "# TensorFlow \(oneLine(plan.tensorflowVersion)): \(plan.answers.package.rawValue), \(plan.answers.device.rawValue), \(plan.answers.method.rawValue)",
                     "# " + strings["planner.format.shellRerun"]]
        if plan.steps.contains(where: { step in step.environment.values.contains(where: CredentialMask.hasCredentials) }) {
            lines.append("# " + strings["planner.format.masked"])
        }
        lines += ["set -eu",
                  "# " + strings["planner.format.shellSudo"],
                  "if [ \"$(id -u)\" -eq 0 ]; then SUDO=; else SUDO=sudo; fi"]
        for (index, step) in plan.steps.enumerated() {
            let label = "[\(index + 1)/\(plan.steps.count)] \(oneLine(step.title))"
            let announce = "printf '%s\\n' " + ShellQuoting.quote("tfwizard: " + label) + " "
                + ShellQuoting.quote("+ " + displayCommand(step, strings: strings))
            lines.append("")
            lines.append("# \(index + 1). \(oneLine(step.title))")
            lines.append("#    \(oneLine(step.why))")
            let command = portableCommand(step)
            if let check = step.doneCheck {
                let skipped = strings.text("planner.format.shellAlreadyDone", ["step": label])
                lines += ["if \(portableArgv(check)) >/dev/null 2>&1; then",
                          "  printf '%s\\n' " + ShellQuoting.quote("tfwizard: " + skipped),
                          "else",
                          "  " + announce,
                          "  " + command,
                          "fi"]
            } else if case let .alreadyDone(reason) = step.state {
                lines.append("#    " + strings.text("planner.format.already", ["reason": oneLine(reason)]))
                lines += command.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
            } else {
                lines += [announce, command]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ plan: Plan) -> String {
        var safe = plan
        safe.answers.proxy = plan.answers.proxy.map(CredentialMask.masked)
        safe.answers.indexURL = plan.answers.indexURL.map(CredentialMask.masked)
        for index in safe.steps.indices {
            safe.steps[index].environment = safe.steps[index].environment.mapValues(CredentialMask.masked)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(safe) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: pieces

    /// `VAR=value argv...`, every word quoted for sh, secrets masked.
    static func shellCommand(_ step: Step) -> String {
        let assignments = step.environment.keys.sorted().map { key in
            "\(key)=\(ShellQuoting.quote(CredentialMask.masked(step.environment[key] ?? "")))"
        }
        return (assignments + step.argv.map(ShellQuoting.quote)).joined(separator: " ")
    }

    /// As `shellCommand`, for a machine whose user may differ: a root step runs through `$SUDO` (empty as
    /// root), with `env` before its variables (an assignment after an expansion is no assignment).
    static func portableCommand(_ step: Step) -> String {
        let assignments = step.environment.keys.sorted().map { key in
            "\(key)=\(ShellQuoting.quote(CredentialMask.masked(step.environment[key] ?? "")))"
        }
        guard step.needsRoot else { return (assignments + step.argv.map(ShellQuoting.quote)).joined(separator: " ") }
        let argv = step.argv.first == "sudo" ? Array(step.argv.dropFirst()) : step.argv
        return (["$SUDO"] + (assignments.isEmpty ? [] : ["env"] + assignments) + argv.map(ShellQuoting.quote))
            .joined(separator: " ")
    }

    /// An argv quoted for sh, a leading sudo made `$SUDO`.
    static func portableArgv(_ argv: [String]) -> String {
        guard argv.first == "sudo" else { return ShellQuoting.render(argv) }
        return (["$SUDO"] + argv.dropFirst().map(ShellQuoting.quote)).joined(separator: " ")
    }

    /// As `shellCommand`, but the long check program is named instead of printed.
    static func displayCommand(_ step: Step, strings: Strings) -> String {
        guard step.kind == .validation, step.argv.count == 3, step.argv[1] == "-c" else { return shellCommand(step) }
        let lineCount = step.argv[2].split(separator: "\n").count
        let placeholder = strings.text("planner.format.checkProgram", ["lines": String(lineCount)])
        return [ShellQuoting.quote(step.argv[0]), "-c", placeholder].joined(separator: " ")
    }

    /// Comments and headings must stay on one line, whatever a title or reason contains.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : Character($0) })
    }
}

