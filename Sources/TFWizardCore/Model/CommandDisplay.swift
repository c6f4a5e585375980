import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// How a step's argv is shown to people: POSIX-quoted so it can be pasted into a shell as it is.
public enum CommandDisplay {
    /// The whole command line. A long inline program (`python -c '...'`) is shortened for display.
    public static func render(_ step: Step, maxArgumentLength: Int = 120) -> String {
        step.argv.map { argument in
            if argument.count > maxArgumentLength || argument.contains("\n") {
                let firstLine = argument.split(separator: "\n").first.map(String.init) ?? ""
                return ShellQuoting.quote(String(firstLine.prefix(40)) + " …")
            }
            return ShellQuoting.quote(argument)
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
