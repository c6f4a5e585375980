import XCTest
@testable import TFWizardCore

/// The Chinese interface keeps to its glossary (Resources/strings/glossary.zh.tsv): where the English of
/// a text has a checked term, its Chinese has that term's Chinese.
final class GlossaryTests: XCTestCase {
    struct Term { var english: String; var chinese: String; var checked: Bool }

    static func terms() throws -> [Term] {
        let text = try ResourceStore.text("strings/glossary.zh.tsv")
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { return nil }
            return Term(english: fields[0], chinese: fields[1], checked: fields[2] == "yes")
        }
    }

    private func table(_ language: String) throws -> [String: String] {
        var table: [String: String] = [:]
        for path in ResourceStore.paths where path.hasPrefix("strings/\(language)/") && path.hasSuffix(".json") {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: ResourceStore.data(path)) as? [String: String])
            table.merge(object) { first, _ in first }
        }
        return table
    }

    /// The English word as a word, case aside ("Driver" and "driver"; not "cuda-drivers", "daemon.json" or
    /// a `{daemon}` placeholder).
    private func mentions(_ text: String, _ term: String) -> Bool {
        let lower = text.lowercased(), word = term.lowercased()
        var start = lower.startIndex
        while let found = lower.range(of: word, range: start..<lower.endIndex) {
            let before = found.lowerBound == lower.startIndex ? " " : lower[lower.index(before: found.lowerBound)]
            let after = found.upperBound == lower.endIndex ? " " : lower[found.upperBound]
            let partOfName = "-.{}_/".contains(before) || "-.{}_/".contains(after)
            if !before.isLetter && !after.isLetter && !partOfName { return true }
            start = found.upperBound
        }
        return false
    }

    func testCheckedTermsAreUsedConsistently() throws {
        let terms = try Self.terms()
        XCTAssertGreaterThan(terms.filter(\.checked).count, 10)
        var english = try table("en")
        let chinese = try table("zh")
        // The catalog's English is in its YAML files.
        for entry in try ErrorCatalog.builtIn().entries {
            english["error.\(entry.id).title"] = entry.title
            english["error.\(entry.id).explanation"] = entry.explanation
            english["error.\(entry.id).fix"] = entry.fix
        }
        var misses: [String] = []
        for term in terms where term.checked {
            for (key, text) in english where mentions(text, term.english) {
                guard let translated = chinese[key] else { continue }
                if !translated.contains(term.chinese) { misses.append("\(key): \"\(term.english)\" without \(term.chinese): \(translated)") }
            }
        }
        XCTAssertEqual(misses, [], misses.joined(separator: "\n"))
    }
}
