import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Every interpreter found, newest the chosen TensorFlow supports first, the recommended one marked; the
/// ones it cannot use follow, disabled with the reason. The last row takes the path of another interpreter.
enum PythonScreen {
    enum Action: Equatable { case move(Motion), choose, back, edit }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        let list = KeyBinding.listKeys { Action.move($0) }
        let question = [KeyBinding([.enter], "help.next", Action.choose),
                        KeyBinding([.escape], "help.back", .back)]
        guard state.pythonCursorOnTypedRow else {
            return list + question + [KeyBinding([.space], "help.next", .choose, inBar: false)]
        }
        // On the last row typing goes into the path; Home/End stay the list's.
        return list + question + KeyBinding.textFieldKeys(.edit).filter { !$0.keys.contains(.home) }
    }

    /// Rows the list shows at most (a page for PgUp/PgDn); the typed-path row is one of them.
    static func listRows(_ state: WizardState, top: Int, bottom: Int) -> Int {
        max(1, min(state.pythonChoices.count + 1, bottom - top - 6))
    }

    static func rows(_ state: WizardState) -> [ChoiceRow] {
        state.pythonChoices.enumerated().map { index, python in
            let problem = state.pythonProblems[index]
            let label = state.text("python.row", ["version": python.version, "path": python.path])
            var tag = state.text("python.source.\(python.source.rawValue)")
            if problem != nil { tag = state.text("tag.unsupported") }
            else if python == state.recommendedPython { tag = state.text("python.tag-recommended", ["source": tag]) }
            return ChoiceRow(label: label, tag: tag,
                             tagStyle: problem != nil ? .warning : (python == state.recommendedPython ? .good : .dim),
                             enabled: problem == nil)
        } + [ChoiceRow(label: state.text("python.other"), tag: "", enabled: true)]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let release = state.chosenRelease
        var question = state.text("python.question")
        if let release {
            question = state.text("python.question-release", ["version": release.version, "python_min": release.pythonMin,
                                                             "python_max": release.pythonMax])
        }
        let top = canvas.paragraph(question, row: canvas.bodyTop, style: .bold) + 1
        if state.pythonChoices.isEmpty {
            canvas.paragraph(state.text("python.none-found"), row: top, style: .warning)
            return
        }
        let height = listRows(state, top: top, bottom: canvas.bodyBottom)
        ChoiceList.render(rows(state), cursor: state.pythonCursor, canvas: canvas, row: top, height: height)
        var row = top + height + 1
        if state.pythonCursorOnTypedRow {
            TextFieldView.render(state.pythonPathField, canvas: canvas, row: row)
            row = canvas.paragraph(state.text("python.other-explain"), row: row + 2, style: .dim)
            if let problem = state.pythonPathProblem { canvas.paragraph(problem, row: row, style: .bad) }
            return
        }
        let python = state.pythonChoices[state.pythonCursor]
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
    var pythonCursorOnTypedRow: Bool { !pythonChoices.isEmpty && pythonCursor == pythonChoices.count }

    /// The list in the order shown: the ones the release supports, newest first, then the others.
    mutating func preparePythons(_ environment: WizardEnvironment) {
        pythonPathProblem = nil
        guard let release = chosenRelease else {
            pythonChoices = facts.pythons
            pythonProblems = facts.pythons.map { _ in nil }
            recommendedPython = nil
            return
        }
        let judged = facts.pythons.map { ($0, environment.interpreterProblem($0, release, answers.method)) }
        let ordered = judged.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if (a.1 == nil) != (b.1 == nil) { return a.1 == nil }
            let (va, vb) = (VersionNumber(a.0.version), VersionNumber(b.0.version))
            return va != vb ? va > vb : left.offset < right.offset   // the probe's order among equals
        }.map(\.element)
        pythonChoices = ordered.map(\.0)
        pythonProblems = ordered.map(\.1)
        let preferred = environment.defaultPython(release)
        recommendedPython = preferred.flatMap { preferred in
            pythonChoices.indices.contains { pythonChoices[$0] == preferred && pythonProblems[$0] == nil } ? preferred : nil
        }
        if let chosen = answers.python,
           let index = pythonChoices.firstIndex(where: { $0.path == chosen || $0.minorVersion == chosen }),
           pythonProblems[index] == nil {
            pythonCursor = index
        } else if let recommendedPython, let index = pythonChoices.firstIndex(of: recommendedPython) {
            pythonCursor = index
        } else {
            pythonCursor = pythonProblems.firstIndex { $0 == nil } ?? 0
        }
    }

    mutating func handlePython(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let count = pythonChoices.count
        switch PythonScreen.bindings(self).action(for: key) {
        case .move(let motion)?:
            guard count > 0 else { return [] }
            // The question takes a line or two above the list: a page is the rows left below it.
            pythonCursor = motion.apply(pythonCursor, last: count,
                                        page: PythonScreen.listRows(self, top: 5, bottom: size.rows - 3))
        case .back?: goBack(environment)
        case .edit?:
            _ = pythonPathField.handle(key)
            pythonPathProblem = nil
        case .choose?:
            guard count > 0 else {
                answers.python = nil            // none found: the planner says what to install
                advance(environment)
                return []
            }
            if pythonCursorOnTypedRow {
                let typed = pythonPathField.text.trimmingSpaces()
                guard !typed.isEmpty else {
                    message = StatusMessage(text: text("python.other-empty"), style: .warning)
                    return []
                }
                return [.probeInterpreter(typed)]   // its facts come back as an event
            }
            if pythonProblems[pythonCursor] != nil {
                message = StatusMessage(text: text("status.cannot-choose"), style: .warning)
                return []
            }
            answers.python = pythonChoices[pythonCursor].path
            advance(environment)
        case nil: break
        }
        return []
    }

    /// The facts of a typed interpreter: it joins the list (and the facts the plan is made from) and is
    /// chosen when the release can use it; otherwise the reason is shown under the path.
    mutating func interpreterProbed(_ typed: String, _ result: Result<MachineFacts.PythonInterpreter, TypedInterpreterProblem>,
                                    _ environment: WizardEnvironment) {
        guard screen == .python, pythonCursorOnTypedRow, pythonPathField.text.trimmingSpaces() == typed else { return }
        switch result {
        case .failure(let problem):
            pythonPathProblem = text(problem.key, ["path": problem.path])
        case .success(let python):
            facts = facts.adding(python)
            answers.python = python.path
            preparePythons(environment)
            guard let index = pythonChoices.firstIndex(where: { $0.path == python.path }) else { return }
            pythonCursor = index
            if pythonProblems[index] == nil {
                pythonPathField = TextField(text: "")
                advance(environment)
            }
        }
    }
}
