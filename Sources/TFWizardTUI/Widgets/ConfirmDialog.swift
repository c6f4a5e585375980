import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A yes/no box over the current screen; No is highlighted first.
enum ConfirmDialog {
    enum Action: Equatable { case toggle, answerHighlighted, yes, no }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        let yes = state.text("confirm.yes-letter").lowercased().first ?? "y"
        let no = state.text("confirm.no-letter").lowercased().first ?? "n"
        return [KeyBinding([.left, .right], "help.choose", Action.toggle),
                KeyBinding([.tab, .backTab], "help.choose", .toggle, inBar: false),
                KeyBinding([.enter], "help.confirm", .answerHighlighted),
                KeyBinding([.space], "help.confirm", .answerHighlighted, inBar: false),
                KeyBinding([.character(yes), .character(Character(yes.uppercased()))], "help.yes", .yes),
                KeyBinding([.interrupt], "help.yes", .yes),       // a second Ctrl-C means it
                KeyBinding([.character(no), .character(Character(no.uppercased()))], "help.no", .no),
                KeyBinding([.escape], "help.no", .no)]
    }

    static func render(_ state: WizardState, _ confirmation: Confirmation, _ canvas: Canvas) {
        let question: String, detail: String
        switch confirmation {
        case .quit: question = state.text("confirm.quit"); detail = state.text("confirm.quit-detail")
        case .cancelInstall: question = state.text("confirm.cancel"); detail = state.text("confirm.cancel-detail")
        case .runAsRoot:
            question = state.text("confirm.root")
            let steps = state.plan.map(PlanScreen.rootSteps) ?? []
            detail = steps.map { "\($0.number). \($0.step.title)" }.joined(separator: "\n") + "\n" + state.text("confirm.root-detail")
        }
        let width = 56
        let inner = width - 4
        let detailLines = detail.split(separator: "\n", omittingEmptySubsequences: false).flatMap { TextWidth.wrap(String($0), to: inner) }
        let height = 5 + detailLines.count
        let top = max(canvas.bodyTop, (canvas.size.rows - height) / 2)
        let left = (canvas.size.columns - width) / 2
        canvas.box(top: top, left: left, width: width, height: height, style: .accent)
        canvas.text(question, row: top + 1, column: left + 2, width: inner, style: .bold)
        for (offset, line) in detailLines.enumerated() {
            canvas.text(line, row: top + 2 + offset, column: left + 2, width: inner)
        }
        let yes = " " + state.text("confirm.yes") + " "
        let no = " " + state.text("confirm.no") + " "
        let buttonsRow = top + height - 2
        let yesColumn = left + width / 2 - TextWidth.width(yes) - 2
        let noColumn = left + width / 2 + 2
        canvas.text("[" + yes + "]", row: buttonsRow, column: yesColumn - 1,
                    style: state.confirmationYes ? .selected : .normal)
        canvas.text("[" + no + "]", row: buttonsRow, column: noColumn,
                    style: state.confirmationYes ? .normal : .selected)
    }
}
