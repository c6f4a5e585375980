import FoundationEssentials
import TFWizardCore

/// The words of `--help` and of the options' own checks, in the language `--lang` (looked for here, as
/// the help is made before the arguments are parsed) or the locale asks for. ArgumentParser's own
/// headings (USAGE, OPTIONS) stay English.
enum HelpText {
    static let strings: Strings = {
        let arguments = CommandLine.arguments
        var requested: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { requested = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { requested = String(argument.dropFirst("--lang=".count)) }
        }
        let choice = LanguageChoice.choose(requested: requested.flatMap { LanguageChoice.supportedCode($0) },
                                           environment: ProcessInfo.processInfo.environment)
        return Strings(language: choice.language)
    }()

    static subscript(_ key: String, _ values: [String: String] = [:]) -> String { strings.text(key, values) }
}
