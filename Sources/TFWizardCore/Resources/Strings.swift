import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The words a user sees, from every `Resources/strings/<lang>/*.json` (flat key -> text with `{name}`
/// placeholders; one file per area of the program), turned into one table per language at build time.
/// A key missing from a translation falls back to English; a key missing from English shows as the key
/// itself, so a gap is visible instead of fatal.
public struct Strings: Sendable {
    public let language: String
    private let table: [String: String]
    private let fallback: [String: String]

    /// The English table: the words of messages read by programs and developers (the error catalog's
    /// loader), and the fallback of every other language.
    public static let english = Strings(language: "en")

    public init(language: String) {
        let english = Strings.load("en")
        self.language = language
        self.fallback = english
        self.table = language == "en" ? english : Strings.load(language)
    }

    /// The language the locale asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`); see `LanguageChoice`.
    public static func languageFromEnvironment(_ environment: [String: String]) -> String {
        LanguageChoice.choose(requested: nil, environment: environment).language
    }

    public func hasKey(_ key: String) -> Bool { table[key] != nil || fallback[key] != nil }

    /// The text for `key` with each `{name}` replaced by `values[name]`.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var result = table[key] ?? fallback[key] ?? key
        for (name, value) in values {
            result = result.replacing("{\(name)}", with: value)
        }
        return result
    }

    public subscript(_ key: String) -> String { text(key) }

    /// The text for `key` in this language's own table only: nil where English (or a gap) would show.
    /// Texts whose English lives outside the tables (the error catalog's YAML) are looked up this way.
    public func translation(_ key: String) -> String? {
        language == "en" ? nil : table[key]
    }

    public static func availableLanguages() -> [String] { EmbeddedStrings.languages }

    /// The language's table as the resource embedder wrote it (empty for a language without one); each
    /// table is built once, on first use, and no JSON is parsed.
    static func load(_ language: String) -> [String: String] { EmbeddedStrings.table(language) ?? [:] }
}
