import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// What the check program reported: TensorFlow version, the reduce_sum result, the GPUs it sees.
enum ValidationScreen {
    enum Action: Equatable { case next, showLog }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        [KeyBinding([.enter], "help.next", .next), KeyBinding([.space], "help.next", .next, inBar: false),
         KeyBinding([.escape], "help.show-log", .showLog), KeyBinding([.tab], "help.show-log", .showLog, inBar: false)]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        guard let report = state.install?.validation else { return }
        var row = canvas.paragraph(state.text(report.passed ? "validation.passed" : "validation.failed"),
                                   row: canvas.bodyTop, style: report.passed ? .good : .bad) + 1
        let labelWidth = max(TextWidth.width(state.text("validation.version")),
                             TextWidth.width(state.text("validation.sum")),
                             TextWidth.width(state.text("validation.gpus"))) + 2
        func field(_ label: String, _ value: String, _ style: TextStyle = .bold) {
            canvas.text(TextWidth.pad(label, to: labelWidth), row: row, column: canvas.left, style: .dim)
            row = canvas.paragraph(value, row: row, column: canvas.left + labelWidth, style: style)
        }
        let missing = state.text("validation.missing")
        field(state.text("validation.version"), report.tensorflowVersion ?? missing)
        field(state.text("validation.sum"), report.reduceSum ?? missing)
        let gpus = report.gpuDevices.isEmpty
            ? state.text(state.answers.device == .gpu ? "validation.no-gpu" : "validation.no-gpu-cpu")
            : report.gpuDevices.joined(separator: ", ")
        field(state.text("validation.gpus"), gpus, report.gpuDevices.isEmpty && state.answers.device == .gpu ? .bad : .bold)
        if let problem = report.problem {
            row += 1
            row = canvas.paragraph(problem, row: row, style: .bad)
        }
        row += 1
        canvas.paragraph(state.text("validation.explain"), row: row, style: .dim)
    }
}

extension WizardState {
    mutating func handleValidation(_ key: Key) -> [WizardEffect] {
        switch ValidationScreen.bindings(self).action(for: key) {
        case .next?: return enterDone()
        case .showLog?: screen = .install
        case nil: break
        }
        return []
    }
}
