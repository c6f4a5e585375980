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
        abstract: HelpText["cli.tfwizard.abstract"],
        discussion: HelpText["cli.tfwizard.discussion"],
        version: TFWizardVersion.versionLine,
        subcommands: [WizardCommand.self, ProbeCommand.self, PlanCommand.self, InstallCommand.self, UninstallCommand.self,
                      DoctorCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        HelpText["cli.lang", ["languages": Strings.availableLanguages().joined(separator: " | ")]], valueName: "lang"))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp(HelpText["cli.log-dir"]))
    var logDir: String?

    func validate() throws {
        if let lang, LanguageChoice.supportedCode(lang) == nil {
            throw ValidationError(HelpText["cli.lang.unknown", ["lang": lang,
                                                                "known": Strings.availableLanguages().joined(separator: HelpText["cli.lang.or"])]])
        }
    }

    /// The language `--lang` or the locale asks for, and the note to show about it (Traditional Chinese shown
    /// as Simplified; a locale that cannot show it).
    func language(fullScreen: Bool = false) -> LanguageChoice { Self.language(lang, fullScreen: fullScreen) }

    static func language(_ lang: String?, fullScreen: Bool = false) -> LanguageChoice {
        LanguageChoice.choose(requested: lang.flatMap { LanguageChoice.supportedCode($0) },
                              environment: ProcessInfo.processInfo.environment, fullScreen: fullScreen)
    }

    /// The interface's words; a note about the language choice goes to standard error first.
    func interfaceStrings() -> Strings { language().stringsNotingTheChoice() }

    var logDirectory: String { Self.logDirectory(logDir) }

    static func logDirectory(_ logDir: String?) -> String {
        if let logDir { return PathExpansion.expandTilde(logDir, home: PathExpansion.home) }
        return SessionPaths.defaultLogDirectory(environment: ProcessInfo.processInfo.environment)
    }
}
