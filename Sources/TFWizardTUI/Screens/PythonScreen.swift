import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Every interpreter found; the ones the chosen TensorFlow cannot use are shown disabled with the reason.
enum PythonScreen {
    static func bindings(_ state: WizardState) -> [KeyBinding<QuestionAction>] {
        KeyBinding.listKeys { .move($0) } + KeyBinding.questionKeys()
    }

    /// Rows the list shows at most (a page for PgUp/PgDn).
    static func listRows(_ state: WizardState, top: Int, bottom: Int) -> Int {
        min(state.facts.pythons.count, bottom - top - 5)
    }

    static func rows(_ state: WizardState) -> [ChoiceRow] {
        state.facts.pythons.enumerated().map { index, python in
            let problem = index < state.pythonProblems.count ? state.pythonProblems[index] : nil
            let label = state.text("python.row", ["version": python.version, "path": python.path])
            let tag = problem != nil ? state.text("tag.unsupported") : state.text("python.source.\(python.source.rawValue)")
            return ChoiceRow(label: label, tag: tag, tagStyle: problem != nil ? .warning : .dim, enabled: problem == nil)
        }
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let release = state.chosenRelease
        var question = state.text("python.question")
        if let release {
            question = state.text("python.question-release", ["version": release.version, "python_min": release.pythonMin,
                                                             "python_max": release.pythonMax])
        }
        let top = canvas.paragraph(question, row: canvas.bodyTop, style: .bold) + 1
        guard !state.facts.pythons.isEmpty else {
            canvas.paragraph(state.text("python.none-found"), row: top, style: .warning)
            return
        }
        let height = listRows(state, top: top, bottom: canvas.bodyBottom)
        ChoiceList.render(rows(state), cursor: state.pythonCursor, canvas: canvas, row: top, height: height)
        var row = top + height + 1
        let python = state.facts.pythons[state.pythonCursor]
        if let problem = state.pythonProblems[state.pythonCursor] {
            row = canvas.paragraph(state.text("python.cannot", ["reason": problem]), row: row, style: .warning)
            // Nothing here fits: the way out, since Enter cannot go on from this screen.
            if let release, state.pythonProblems.allSatisfy({ $0 != nil }) {
                canvas.paragraph(state.text("python.none-usable", ["min": release.pythonMin, "max": release.pythonMax]),
                                 row: row + 1)
            }
            return
        }
        var notes: [String] = []
        if let real = python.realPath, real != python.path { notes.append(state.text("python.real-path", ["path": real])) }
        notes += (state.installMethod?.pythonNoteKeys(python) ?? []).map { state.text($0) }
        if python.externallyManaged { notes.append(state.text("python.externally-managed")) }
        for note in notes { row = canvas.paragraph(note, row: row, style: .dim) }
    }
}

extension WizardState {
    mutating func preparePythons(_ environment: WizardEnvironment) {
        guard let release = chosenRelease else {
            pythonProblems = facts.pythons.map { _ in nil }
            return
        }
        pythonProblems = facts.pythons.map { environment.interpreterProblem($0, release, answers.method) }
        if let chosen = answers.python,
           let index = facts.pythons.firstIndex(where: { $0.path == chosen || $0.minorVersion == chosen }),
           pythonProblems[index] == nil {
            pythonCursor = index
        } else if let preferred = environment.defaultPython(release),
                  let index = facts.pythons.firstIndex(of: preferred), pythonProblems[index] == nil {
            pythonCursor = index
        } else {
            pythonCursor = pythonProblems.firstIndex { $0 == nil } ?? 0
        }
    }

    mutating func handlePython(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let count = facts.pythons.count
        switch PythonScreen.bindings(self).action(for: key) {
        case .move(let motion)?:
            // The question takes a line or two above the list: a page is the rows left below it.
            pythonCursor = motion.apply(pythonCursor, last: count - 1,
                                        page: PythonScreen.listRows(self, top: 5, bottom: size.rows - 3))
        case .back?: goBack(environment)
        case .choose?:
            guard count > 0 else {
                answers.python = nil            // none found: the planner says what to install
                advance(environment)
                return []
            }
            if pythonProblems[pythonCursor] != nil {
                message = StatusMessage(text: text("status.cannot-choose"), style: .warning)
                return []
            }
            answers.python = facts.pythons[pythonCursor].path
            advance(environment)
        case nil: break
        }
        return []
    }
}
