import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The words a user sees, loaded from every `Resources/strings/<lang>/*.json` (flat key -> text with
/// `{name}` placeholders; one file per area of the program). A key missing from a translation falls back to English; a key missing from English
/// shows as the key itself, so a gap is visible instead of fatal.
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

    public static func availableLanguages() -> [String] {
        ResourceStore.paths
            .filter { $0.hasPrefix("strings/") && $0.hasSuffix(".json") }
            .compactMap { $0.split(separator: "/").dropFirst().first.map(String.init) }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    static func load(_ language: String) -> [String: String] {
        var table: [String: String] = [:]
        for path in ResourceStore.paths where path.hasPrefix("strings/\(language)/") && path.hasSuffix(".json") {
            guard let data = try? ResourceStore.data(path),
                  let object = try? JSONDecoder().decode([String: String].self, from: data) else { continue }
            table.merge(object) { first, _ in first }
        }
        return table
    }
}
