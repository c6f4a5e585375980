import FoundationEssentials
import TFWizardCore

/// The words of `--help` and of the options' own checks, in the language `--lang` (looked for here, as
/// the help is made before the arguments are parsed) or the locale asks for. ArgumentParser's own
/// headings (USAGE, OPTIONS) stay English.
enum HelpText {
    static let strings = Strings(language: LanguageChoice.choose(arguments: CommandLine.arguments,
                                                                 environment: ProcessInfo.processInfo.environment).language)

    static subscript(_ key: String, _ values: [String: String] = [:]) -> String { strings.text(key, values) }
}
