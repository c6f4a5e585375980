import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The root command: the interactive wizard when no subcommand is given.
struct TFWizard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tfwizard",
        abstract: "Installs TensorFlow (CPU or GPU) on Ubuntu and Debian, step by step, in the terminal.",
        discussion: """
            Without a subcommand, the interactive wizard runs (it needs a terminal). An answer file for \
            `plan` and `install` (the wizard writes one at the end of every run):

              device: cpu            # cpu | gpu
              method: venv           # venv | system-pip | docker | conda | source
              python: "3.12"         # a version or an interpreter path
              package: tensorflow    # tensorflow | tensorflow-cpu | tf-nightly
              version: latest        # or e.g. "2.21.0"
              venv: ~/tensorflow/venv

            Exit status: 0 success, 1 a step failed, 2 bad input, 130 cancelled.
            """,
        version: TFWizardVersion.versionLine,
        subcommands: [WizardCommand.self, ProbeCommand.self, PlanCommand.self, InstallCommand.self, UninstallCommand.self,
                      DoctorCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Language of the interface: en or zh (default: from LANG/LC_ALL).")
    var lang: String?

    @Option(name: .long, help: "Folder for session logs and answer files (default: $XDG_STATE_HOME/tfwizard).")
    var logDir: String?

    func validate() throws {
        if let lang, !["en", "zh"].contains(lang) {
            throw ValidationError("--lang: '\(lang)' is not a supported language; use en or zh.")
        }
    }

    var strings: Strings {
        Strings(language: lang ?? Strings.languageFromEnvironment(ProcessInfo.processInfo.environment))
    }

    var logDirectory: String {
        if let logDir { return PathExpansion.expandTilde(logDir, home: PathExpansion.home) }
        return SessionPaths.defaultLogDirectory(environment: ProcessInfo.processInfo.environment)
    }
}
