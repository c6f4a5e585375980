import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// The install methods (`InstallMethods`), each with one line; the ones that cannot be used say why.
enum MethodScreen {
    static func methods(_ state: WizardState) -> [Answers.Method] { state.methods.ids }

    static func bindings(_ state: WizardState) -> [KeyBinding<QuestionAction>] {
        KeyBinding.listKeys { .move($0) } + KeyBinding.questionKeys()
    }

    static func rows(_ state: WizardState) -> [ChoiceRow] {
        methods(state).map { method in
            let key = "method.\(method.rawValue)"
            switch state.methodStates[method] ?? .available {
            case .available:
                return ChoiceRow(label: state.text(key), tag: method == state.methods.recommended ? state.text("tag.recommended") : "",
                                 tagStyle: .good)
            case .refused:
                return ChoiceRow(label: state.text(key), tag: state.text("tag.refused"), tagStyle: .bad, enabled: false)
            }
        }
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let row = canvas.paragraph(state.text("method.question"), row: canvas.bodyTop, style: .bold) + 1
        let methods = methods(state)
        ChoiceList.render(rows(state), cursor: state.methodCursor, canvas: canvas, row: row, height: methods.count)
        let method = methods[state.methodCursor]
        var detailRow = row + methods.count + 1
        detailRow = canvas.paragraph(state.text("method.\(method.rawValue).line"), row: detailRow)
        switch state.methodStates[method] ?? .available {
        case .available: break
        case .refused(let reason, let suggestion):
            detailRow = canvas.paragraph(state.text("method.refused", ["reason": reason]), row: detailRow + 1, style: .bad)
            if let suggestion { canvas.paragraph(suggestion, row: detailRow) }
        }
    }
}

extension WizardState {
    mutating func prepareMethods(_ environment: WizardEnvironment) {
        let methods = methods.ids
        methodStates = Dictionary(uniqueKeysWithValues: methods.map {
            ($0, environment.methodAvailability($0, answers.device))
        })
        let chosen = methods.firstIndex(of: answers.method) ?? 0
        let usable = methodStates[answers.method]?.isAvailable ?? false
        methodCursor = usable ? chosen : (methods.firstIndex { methodStates[$0]?.isAvailable ?? false } ?? 0)
    }

    mutating func handleMethod(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let count = methods.ids.count
        switch MethodScreen.bindings(self).action(for: key) {
        case .move(let motion)?: methodCursor = motion.apply(methodCursor, last: count - 1, page: count)
        case .back?: goBack(environment)
        case .choose?:
            let method = methods.ids[methodCursor]
            switch methodStates[method] ?? .available {
            case .available:
                answers.method = method
                answers.installer = installer(for: method)
                advance(environment)
            case .refused(let reason, _):
                // The highlight stays on the refused row, whose reason and way out are shown below it.
                message = StatusMessage(text: text("method.refused-moved", ["reason": reason]), style: .warning)
            }
        case nil: break
        }
        return []
    }
}
