import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// How a command is shown to people, everywhere (plan, troubleshooter, headless output, logs): POSIX-quoted
/// so it can be pasted into a shell as it is, with the credentials in URLs masked.
public enum CommandDisplay {
    /// The whole command line of a step; with `showingEnvironment`, its variables (a mirror, a proxy) go
    /// first as `NAME=value` assignments, so the line pasted into a shell runs as the step did.
    public static func render(_ step: Step, maxArgumentLength: Int = 120, showingEnvironment: Bool = false) -> String {
        let command = render(step.argv, maxArgumentLength: maxArgumentLength)
        guard showingEnvironment, !step.environment.isEmpty else { return command }
        let assignments = step.environment.sorted { $0.key < $1.key }.map { name, value in
            name + "=" + ShellQuoting.quote(CredentialMask.masked(value))
        }
        return (assignments + [command]).joined(separator: " ")
    }

    /// A long inline program (`python -c '...'`) is shortened to its first line.
    public static func render(_ argv: [String], maxArgumentLength: Int = 120) -> String {
        argv.map { argument in
            // Masked before shortening, so a credential early in a long argument is never shown.
            let masked = CredentialMask.masked(argument)
            if masked.count > maxArgumentLength || masked.contains("\n") {
                let firstLine = masked.split(separator: "\n").first.map(String.init) ?? ""
                return ShellQuoting.quote(String(firstLine.prefix(40)) + " …")
            }
            return ShellQuoting.quote(masked)
        }.joined(separator: " ")
    }
}

/// The validation result in words, for the headless output and the session log.
public enum ValidationSummary {
    public static func lines(_ report: ValidationReport, strings: Strings) -> [String] {
        var lines: [String] = []
        if let version = report.tensorflowVersion {
            lines.append(strings.text("summary.validation.version", ["version": version]))
        }
        if let sum = report.reduceSum {
            lines.append(strings.text("summary.validation.sum", ["sum": sum]))
        }
        let gpus = report.gpuDevices.isEmpty ? strings.text("summary.validation.no-gpu") : report.gpuDevices.joined(separator: ", ")
        lines.append(strings.text("summary.validation.gpus", ["gpus": gpus]))
        if report.passed {
            lines.append(strings.text("summary.validation.passed"))
        } else {
            lines.append(strings.text("summary.validation.failed", ["problem": report.problem ?? "?"]))
        }
        return lines
    }
}
