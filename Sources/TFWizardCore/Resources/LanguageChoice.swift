import FoundationEssentials

/// Which language the interface speaks, from `--lang` or the locale, and whether the terminal can show it.
///
/// The locale is read as the C library does: `LC_ALL`, then `LC_MESSAGES`, then `LANG` for the language,
/// and `LC_ALL`, `LC_CTYPE`, `LANG` for the character set. Chinese needs UTF-8: a locale with another
/// character set (zh_CN.GBK, GB18030, ISO-8859-1) gets English, so no byte of the output is garbled.
public struct LanguageChoice: Equatable, Sendable {
    /// A language with a table under `Resources/strings/` (`en`, `zh`).
    public var language: String
    /// A `Strings` key for a note to show once (Traditional Chinese shown in Simplified; a character set
    /// that cannot show the requested language); nil when there is nothing to say.
    public var noteKey: String?
    /// The locale's character set is UTF-8, so text beyond ASCII (and box drawing) can be shown.
    public var localeIsUTF8: Bool

    public init(language: String, noteKey: String? = nil, localeIsUTF8: Bool) {
        self.language = language; self.noteKey = noteKey; self.localeIsUTF8 = localeIsUTF8
    }

    /// - Parameters:
    ///   - requested: the `--lang` value, already checked with `supportedCode(_:)`; nil to follow the locale.
    ///   - environment: the process environment.
    ///   - fullScreen: the text is drawn by ncurses, which shows nothing beyond ASCII unless the locale is
    ///     UTF-8; a plain line printer keeps an explicit `--lang` on a locale that names no character set.
    public static func choose(requested: String?, environment: [String: String], fullScreen: Bool = false) -> LanguageChoice {
        func value(_ names: [String]) -> String {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        }
        let messages = value(["LC_ALL", "LC_MESSAGES", "LANG"])
        let characterSet = codeset(of: value(["LC_ALL", "LC_CTYPE", "LANG"]))
        let utf8 = characterSet.map(isUTF8) ?? false
        // An explicit --lang is kept on a locale that names no character set (C, unset); a named one that is
        // not UTF-8 cannot show it.
        let canShowWide = characterSet.map(isUTF8) ?? (requested != nil && !fullScreen)
        let wanted = requested.map { ($0, nil as String?) } ?? fromLocale(messages)
        guard wanted.0 != "en" else { return LanguageChoice(language: "en", localeIsUTF8: utf8) }
        guard canShowWide else {
            return LanguageChoice(language: "en", noteKey: "language.note.not-utf8", localeIsUTF8: utf8)
        }
        return LanguageChoice(language: wanted.0, noteKey: wanted.1, localeIsUTF8: utf8)
    }

    /// The words in the chosen language for a line-printing command; the note about the choice (Traditional
    /// shown as Simplified, a locale that is not UTF-8) goes to standard error first.
    public func stringsNotingTheChoice() -> Strings {
        let strings = Strings(language: language)
        if let noteKey { StandardStreams.writeError("tfwizard: " + strings[noteKey] + "\n") }
        return strings
    }

    /// The choice for a command line not parsed yet (`--help` is worded before parsing): its `--lang VALUE`
    /// or `--lang=VALUE`, else the locale.
    public static func choose(arguments: [String], environment: [String: String]) -> LanguageChoice {
        var requested: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { requested = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { requested = String(argument.dropFirst("--lang=".count)) }
        }
        return choose(requested: requested.flatMap { supportedCode($0) }, environment: environment)
    }

    /// The table a `--lang` value (`zh`, `zh_CN`, `zh-Hans`, `en_US`) names, or nil when none of
    /// `Strings.availableLanguages()` fits it.
    public static func supportedCode(_ value: String, available: [String] = Strings.availableLanguages()) -> String? {
        let code = language(of: value)
        return available.contains(code) ? code : nil
    }

    /// `zh_TW.UTF-8` -> ("zh", traditional note); `zh_CN.UTF-8`, `zh_SG`, `zh_Hans` -> "zh"; others "en".
    static func fromLocale(_ locale: String) -> (String, String?) {
        let code = language(of: locale)
        guard code != "en", Strings.availableLanguages().contains(code) else { return ("en", nil) }
        if code == "zh" && isTraditional(locale) { return ("zh", "language.note.traditional") }
        return (code, nil)
    }

    /// The language part of a locale or language tag: `zh_CN.UTF-8@x` -> `zh`; C and POSIX -> `en`.
    static func language(of locale: String) -> String {
        let head = locale.split(whereSeparator: { "_-.@".contains($0) }).first.map { $0.lowercased() } ?? ""
        return head.isEmpty || head == "c" || head == "posix" ? "en" : head
    }

    /// Taiwan, Hong Kong and Macau, or an explicit Hant script: Traditional Chinese, which has no table yet.
    static func isTraditional(_ locale: String) -> Bool {
        let parts = locale.split(whereSeparator: { "_-.@".contains($0) }).dropFirst().map { $0.lowercased() }
        guard let region = parts.first else { return false }
        if region == "hans" { return false }
        return ["tw", "hk", "mo", "hant"].contains(region) || parts.dropFirst().first == "hant"
    }

    /// The character set a locale names (`zh_CN.GBK` -> `GBK`), or nil when it names none.
    static func codeset(of locale: String) -> String? {
        guard let dot = locale.firstIndex(of: ".") else { return nil }
        let rest = locale[locale.index(after: dot)...]
        let name = rest.split(separator: "@", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return name.isEmpty ? nil : name
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let folded = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return folded == "utf8"
    }
}
