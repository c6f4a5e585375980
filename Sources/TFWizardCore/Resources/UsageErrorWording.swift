import FoundationEssentials

/// ArgumentParser's own usage errors ("Error: Unknown option '--x'") in the interface's language. Its
/// sentences are fixed, so each known one is recognised by its English frame and reworded from
/// `cli.parser.*`; anything not recognised stays as ArgumentParser wrote it, so nothing is lost.
public enum UsageErrorWording {
    /// English frames: the text around the quoted parts, and the key of the rewording.
    private static let frames: [(prefix: String, middle: String?, suffix: String, key: String)] = [
        ("Unknown option '", nil, "'", "cli.parser.unknown-option"),
        ("Unexpected argument '", nil, "'", "cli.parser.unexpected-argument"),
        ("Missing expected argument '", nil, "'", "cli.parser.missing-argument"),
        ("Missing value for '", nil, "'", "cli.parser.missing-value"),
        ("The value '", "' is invalid for '", "'", "cli.parser.invalid-value"),
    ]

    public static func localize(_ message: String, strings: Strings) -> String {
        guard strings.language != "en" else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            localizeLine(String(line), strings)
        }.joined(separator: "\n")
    }

    private static func localizeLine(_ line: String, _ strings: Strings) -> String {
        if line.hasPrefix("Error: ") { return strings["cli.parser.error"] + sentence(String(line.dropFirst(7)), strings) }
        if line.hasPrefix("Usage: ") { return strings["cli.parser.usage"] + line.dropFirst(7) }
        if line.hasPrefix("Help:  ") { return strings["cli.parser.help"] + line.dropFirst(7) }
        let seePrefix = "  See '", seeSuffix = "' for more information."
        if line.hasPrefix(seePrefix), line.hasSuffix(seeSuffix) {
            let command = line.dropFirst(seePrefix.count).dropLast(seeSuffix.count)
            return "  " + strings.text("cli.parser.see-help", ["command": String(command)])
        }
        return line
    }

    /// The first sentence reworded when its frame is known; what follows it (ArgumentParser's list of
    /// valid values) is kept.
    private static func sentence(_ text: String, _ strings: Strings) -> String {
        for frame in frames where text.hasPrefix(frame.prefix) {
            let rest = text.dropFirst(frame.prefix.count)
            if let middle = frame.middle {
                guard let split = rest.firstRange(of: middle),
                      let end = rest[split.upperBound...].firstRange(of: frame.suffix) else { continue }
                let reworded = strings.text(frame.key, ["value": String(rest[..<split.lowerBound]),
                                                        "option": String(rest[split.upperBound..<end.lowerBound])])
                let tail = String(rest[end.upperBound...]), choices = ". Please provide one of "
                guard tail.hasPrefix(choices), tail.hasSuffix(".") else { return reworded + tail }
                return reworded + strings.text("cli.parser.one-of", ["values": String(tail.dropFirst(choices.count).dropLast())])
            }
            // The name runs to the last quote of the sentence: it may hold spaces ('--answers <answers>').
            guard let end = rest.lastIndex(of: Character(frame.suffix)) else { continue }
            return strings.text(frame.key, ["name": String(rest[..<end])]) + rest[rest.index(after: end)...]
        }
        return text
    }
}
