import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// From the plan: the package-index mirror and the proxy every pip step uses, two text fields. Readers
/// of a language with mirrors near them see those listed; none is filled in until they ask.
enum IndexSettingsScreen {
    enum Action: Equatable { case save, back, otherField, suggestedMirror, edit }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        var bindings = [KeyBinding([.enter], "help.save", Action.save), KeyBinding([.escape], "help.back", .back),
                        KeyBinding([.tab], "help.other-field", .otherField),
                        KeyBinding([.backTab, .up, .down], "help.other-field", .otherField, inBar: false)]
        if !state.suggestedMirrors.isEmpty {
            bindings.append(KeyBinding([.function(3)], "help.suggested-mirror", .suggestedMirror))
        }
        // Typing is plain on a form; the bar keeps its room for the keys that move between the fields.
        return bindings + KeyBinding.textFieldKeys(.edit).map(\.onlyInOverlay)
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let settings = state.indexSettings
        var row = canvas.paragraph(state.text("index.question"), row: canvas.bodyTop, style: .bold) + 1
        row = canvas.paragraph(state.text("index.mirror-label"), row: row)
        TextFieldView.render(settings.mirror, canvas: canvas, row: row, focused: settings.focus == .mirror)
        row += 2
        row = canvas.paragraph(state.text("index.proxy-label"), row: row)
        TextFieldView.render(settings.proxy, canvas: canvas, row: row, focused: settings.focus == .proxy)
        row += 2
        row = canvas.paragraph(state.text("index.explain"), row: row, style: .dim) + 1
        if !state.suggestedMirrors.isEmpty {
            row = canvas.paragraph(state.text("index.suggestions"), row: row)
            for mirror in state.suggestedMirrors {
                row = canvas.paragraph(state.text("index.suggestion", ["url": mirror.url, "name": state.text(mirror.nameKey)]),
                                       row: row, column: canvas.left + 2, width: canvas.bodyWidth - 2)
            }
            row = canvas.paragraph(state.text("index.suggestions-key"), row: row, style: .dim) + 1
        }
        if let problem = settings.problem { canvas.paragraph(problem, row: row, style: .bad) }
    }
}

/// The two fields as typed, which one has the keys, and why the last Enter was refused.
struct IndexSettingsForm: Sendable {
    enum Field: Sendable { case mirror, proxy }
    var mirror: TextField
    var proxy: TextField
    var focus: Field = .mirror
    var problem: String?
    /// The suggested mirror F3 filled in last.
    var suggestion: Int?

    init(_ answers: Answers) {
        mirror = TextField(text: answers.indexURL ?? "")
        proxy = TextField(text: answers.proxy ?? "")
    }
}

extension WizardState {
    /// `m` on the plan: the fields start from the answers; Esc leaves them as they were.
    mutating func openIndexSettings() {
        indexSettings = IndexSettingsForm(answers)
        screen = .indexSettings
        message = nil
    }

    mutating func handleIndexSettings(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch IndexSettingsScreen.bindings(self).action(for: key) {
        case .back?:
            go(to: .plan, environment)
        case .otherField?:
            indexSettings.focus = indexSettings.focus == .mirror ? .proxy : .mirror
        case .suggestedMirror?:
            let next = indexSettings.suggestion.map { ($0 + 1) % suggestedMirrors.count } ?? 0
            indexSettings.suggestion = next
            indexSettings.mirror = TextField(text: suggestedMirrors[next].url)
            indexSettings.focus = .mirror
            indexSettings.problem = nil
        case .edit?:
            switch indexSettings.focus {
            case .mirror: _ = indexSettings.mirror.handle(key)
            case .proxy: _ = indexSettings.proxy.handle(key)
            }
            indexSettings.problem = nil
        case .save?:
            let mirror = indexSettings.mirror.text.trimmingSpaces()
            let proxy = indexSettings.proxy.text.trimmingSpaces()
            // The value is quoted masked: a password typed in it never reaches the screen's message.
            if !mirror.isEmpty, !PackageIndexAddress.isUsable(mirror, as: .mirror) {
                indexSettings.focus = .mirror
                indexSettings.problem = text("index.problem.mirror", ["value": CredentialMask.masked(mirror)])
                return []
            }
            if !proxy.isEmpty, !PackageIndexAddress.isUsable(proxy, as: .proxy) {
                indexSettings.focus = .proxy
                indexSettings.problem = text("index.problem.proxy", ["value": CredentialMask.masked(proxy)])
                return []
            }
            answers.indexURL = mirror.isEmpty ? nil : mirror
            answers.proxy = proxy.isEmpty ? nil : proxy
            go(to: .plan, environment)      // planned again: every pip step takes the new settings
        case nil: break
        }
        return []
    }
}
