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
        subcommands: [WizardCommand.self, ProbeCommand.self, PlanCommand.self, InstallCommand.self, DoctorCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Language of the interface: \(Strings.availableLanguages().joined(separator: " or ")) (default: from LC_ALL, LC_MESSAGES or LANG).",
        valueName: "lang"))
    var lang: String?

    @Option(name: .long, help: "Folder for session logs and answer files (default: $XDG_STATE_HOME/tfwizard).")
    var logDir: String?

    func validate() throws {
        if let lang, LanguageChoice.supportedCode(lang) == nil {
            let known = Strings.availableLanguages().joined(separator: " or ")
            throw ValidationError("--lang: '\(lang)' is not a supported language; use \(known).")
        }
    }

    /// The language `--lang` or the locale asks for, and the note to show about it (Traditional Chinese shown
    /// as Simplified; a locale that cannot show it).
    func language(fullScreen: Bool = false) -> LanguageChoice {
        LanguageChoice.choose(requested: lang.flatMap { LanguageChoice.supportedCode($0) },
                              environment: ProcessInfo.processInfo.environment, fullScreen: fullScreen)
    }

    /// The interface's words; a note about the language choice goes to standard error first.
    func interfaceStrings() -> Strings {
        let choice = language()
        let strings = Strings(language: choice.language)
        if let note = choice.noteKey { StandardStreams.writeError("tfwizard: " + strings[note] + "\n") }
        return strings
    }

    var logDirectory: String {
        if let logDir { return PathExpansion.expandTilde(logDir, home: PathExpansion.home) }
        return SessionPaths.defaultLogDirectory(environment: ProcessInfo.processInfo.environment)
    }
}
