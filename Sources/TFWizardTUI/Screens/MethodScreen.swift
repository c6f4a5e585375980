import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The five install methods of the guide, each with one line; the ones that cannot be used say why.
enum MethodScreen {
    static let methods: [Answers.Method] = [.venv, .systemPip, .docker, .conda, .source]

    static func bindings(_ state: WizardState) -> [KeyBinding<QuestionAction>] {
        KeyBinding.listKeys { .move($0) } + KeyBinding.questionKeys()
    }

    static func rows(_ state: WizardState) -> [ChoiceRow] {
        methods.map { method in
            let key = "method.\(method.rawValue)"
            switch state.methodStates[method] ?? .available {
            case .available:
                return ChoiceRow(label: state.text(key), tag: method == .venv ? state.text("tag.recommended") : "",
                                 tagStyle: .good)
            case .refused:
                return ChoiceRow(label: state.text(key), tag: state.text("tag.refused"), tagStyle: .bad, enabled: false)
            case .notYetAvailable:
                return ChoiceRow(label: state.text(key), tag: state.text("tag.not-yet"), tagStyle: .warning, enabled: false)
            }
        }
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let row = canvas.paragraph(state.text("method.question"), row: canvas.bodyTop, style: .bold) + 1
        ChoiceList.render(rows(state), cursor: state.methodCursor, canvas: canvas, row: row, height: methods.count)
        let method = methods[state.methodCursor]
        var detailRow = row + methods.count + 1
        detailRow = canvas.paragraph(state.text("method.\(method.rawValue).line"), row: detailRow)
        switch state.methodStates[method] ?? .available {
        case .available: break
        case .refused(let reason, let suggestion):
            detailRow = canvas.paragraph(state.text("method.refused", ["reason": reason]), row: detailRow + 1, style: .bad)
            if let suggestion { canvas.paragraph(suggestion, row: detailRow) }
        case .notYetAvailable(let reason):
            canvas.paragraph(state.text("method.not-yet", ["reason": reason]), row: detailRow + 1, style: .warning)
        }
    }
}

extension WizardState {
    mutating func prepareMethods(_ environment: WizardEnvironment) {
        methodStates = Dictionary(uniqueKeysWithValues: MethodScreen.methods.map {
            ($0, environment.methodAvailability($0, answers.device))
        })
        let chosen = MethodScreen.methods.firstIndex(of: answers.method) ?? 0
        let usable = methodStates[answers.method]?.isSelectable ?? false
        methodCursor = usable ? chosen : (MethodScreen.methods.firstIndex { methodStates[$0]?.isSelectable ?? false } ?? 0)
    }

    mutating func handleMethod(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let count = MethodScreen.methods.count
        switch MethodScreen.bindings(self).action(for: key) {
        case .move(let motion)?: methodCursor = motion.apply(methodCursor, last: count - 1, page: count)
        case .back?: goBack(environment)
        case .choose?:
            let method = MethodScreen.methods[methodCursor]
            switch methodStates[method] ?? .available {
            case .available:
                answers.method = method
                advance(environment)
            case .refused(let reason, _):
                // Offer the recommended method instead: the cursor moves there, one more Enter takes it.
                message = StatusMessage(text: text("method.refused-moved", ["reason": reason]), style: .warning)
                if methodStates[.venv]?.isSelectable ?? false { methodCursor = 0 }
            case .notYetAvailable:
                message = StatusMessage(text: text("status.cannot-choose"), style: .warning)
            }
        case nil: break
        }
        return []
    }
}
