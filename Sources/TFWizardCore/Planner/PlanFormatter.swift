import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The plan as people and programs read it: text for the terminal, a runnable POSIX sh script, JSON.
/// Every form masks credentials in environment values and answers.
public enum PlanFormatter {
    public static func text(_ plan: Plan, strings: Strings) -> String {
        var lines = [strings.text("planner.format.header", [
            "version": plan.tensorflowVersion, "package": plan.answers.package.rawValue,
            "device": plan.answers.device.rawValue, "method": plan.answers.method.rawValue])]
        if !plan.notes.isEmpty {
            lines.append("")
            lines.append(strings["planner.format.notes"])
            lines += plan.notes.map { "  - " + oneLine($0) }
        }
        lines.append("")
        lines.append(strings["planner.format.steps"])
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

    /// A script that does what the plan does; steps found already done are left in, commented out.
    public static func shell(_ plan: Plan, strings: Strings) -> String {
        var lines = ["#!/bin/sh",
                     "# " + strings["planner.format.shellHeader"],
                     "# TensorFlow \(oneLine(plan.tensorflowVersion)): \(plan.answers.package.rawValue), \(plan.answers.device.rawValue), \(plan.answers.method.rawValue)"]
        if plan.steps.contains(where: { step in step.environment.values.contains(where: CredentialMask.hasCredentials) }) {
            lines.append("# " + strings["planner.format.masked"])
        }
        lines.append("set -eu")
        for (index, step) in plan.steps.enumerated() {
            lines.append("")
            lines.append("# \(index + 1). \(oneLine(step.title))")
            lines.append("#    \(oneLine(step.why))")
            let command = shellCommand(step)
            if case let .alreadyDone(reason) = step.state {
                lines.append("#    " + strings.text("planner.format.already", ["reason": oneLine(reason)]))
                lines += command.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
            } else {
                lines.append(command)
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

