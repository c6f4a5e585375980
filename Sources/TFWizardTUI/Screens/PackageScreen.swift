import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Which package (tensorflow / tensorflow-cpu / tf-nightly) and which release: latest or one from the catalog.
enum PackageScreen {
    enum Action: Equatable { case move(Motion), switchList, choose, back }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        KeyBinding.listKeys { .move($0) }
            + [KeyBinding([.tab], "help.switch-list", .switchList),
               KeyBinding([.backTab, .left, .right], "help.switch-list", .switchList, inBar: false),
               KeyBinding([.enter], "help.next", .choose),
               KeyBinding([.space], "help.next", .choose, inBar: false),
               KeyBinding([.escape], "help.back", .back)]
    }

    /// Rows of the release list.
    static func versionRows(_ size: TerminalSize, top: Int) -> Int { min(8, size.rows - 3 - top - 6) }

    static func versionChoices(_ catalog: Catalog) -> [String] {
        ["latest"] + catalog.releases.map(\.version)
    }

    static func packageProblem(_ package: Answers.Package, _ state: WizardState) -> String? {
        package == .tensorflowCPU && state.answers.device == .gpu ? state.text("package.cpu-on-gpu") : nil
    }

    static func packageRows(_ state: WizardState) -> [ChoiceRow] {
        Answers.Package.allCases.map { package in
            let problem = packageProblem(package, state)
            return ChoiceRow(label: package.rawValue,
                             tag: problem != nil ? state.text("tag.unavailable")
                                : (package == .tensorflow ? state.text("tag.recommended") : ""),
                             tagStyle: problem != nil ? .warning : .good, enabled: problem == nil)
        }
    }

    static func versionRows(_ state: WizardState) -> [ChoiceRow] {
        let nightly = selectedPackage(state) == .tfNightly
        return versionChoices(state.catalog).map { version in
            if version == "latest" {
                let label = state.catalog.latest.map { state.text("package.latest-is", ["version": $0.version]) }
                    ?? state.text("package.latest")
                return ChoiceRow(label: label, enabled: !nightly)
            }
            let release = state.catalog.release(version)
            let pythons = release.map { state.text("package.python-range", ["min": $0.pythonMin, "max": $0.pythonMax]) } ?? ""
            return ChoiceRow(label: version, tag: pythons, enabled: !nightly)
        }
    }

    static func selectedPackage(_ state: WizardState) -> Answers.Package {
        Answers.Package.allCases[state.packageCursor]
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let top = canvas.paragraph(state.text("package.question"), row: canvas.bodyTop, style: .bold) + 1
        let columnWidth = (canvas.bodyWidth - 2) / 2
        let rightColumn = canvas.left + columnWidth + 2
        canvas.text(state.text("package.package-heading"), row: top, column: canvas.left, width: columnWidth,
                    style: state.packageFocusOnVersion ? .dim : .accent)
        canvas.text(state.text("package.version-heading"), row: top, column: rightColumn, width: columnWidth,
                    style: state.packageFocusOnVersion ? .accent : .dim)
        let listHeight = versionRows(canvas.size, top: top)
        ChoiceList.render(packageRows(state), cursor: state.packageCursor, focused: !state.packageFocusOnVersion,
                          canvas: canvas, row: top + 1, height: 3, width: columnWidth)
        let package = selectedPackage(state)
        if package == .tfNightly {
            canvas.paragraph(state.text("package.nightly-version"), row: top + 1, column: rightColumn,
                             width: columnWidth, style: .dim)
        } else {
            ChoiceList.render(versionRows(state), cursor: state.versionCursor, focused: state.packageFocusOnVersion,
                              canvas: canvas, row: top + 1, height: listHeight, column: rightColumn, width: columnWidth)
        }
        var row = top + 2 + listHeight
        row = canvas.paragraph(state.text("package.\(package.rawValue).line"), row: row)
        if let problem = packageProblem(package, state) {
            row = canvas.paragraph(problem, row: row, style: .warning)
        }
        if package != .tfNightly, let release = state.catalog.release(versionChoices(state.catalog)[state.versionCursor]) {
            var facts = state.text("package.release-facts", ["version": release.version, "python_min": release.pythonMin,
                                                            "python_max": release.pythonMax])
            if state.answers.device == .gpu, let cuda = release.cuda {
                facts += " " + state.text("package.release-cuda", ["cuda": cuda, "cudnn": release.cudnn ?? "?"])
            }
            row = canvas.paragraph(facts, row: row, style: .dim)
        }
        if let note = state.releaseNote { canvas.paragraph(note, row: row, style: .warning) }
    }
}

extension WizardState {
    /// Starts from the newest release this machine can run, and says why when that is not the newest
    /// (a Python or a GPU too old for it), so Enter through the defaults reaches a plan that works.
    mutating func preparePackage(_ environment: WizardEnvironment) {
        releaseNote = nil
        guard answers.version == "latest", answers.package != .tfNightly,
              let recommended = environment.recommendedRelease(answers.device), let reason = recommended.reason,
              let index = PackageScreen.versionChoices(catalog).firstIndex(of: recommended.release.version) else { return }
        versionCursor = index
        answers.version = recommended.release.version
        releaseNote = reason
    }

    mutating func handlePackage(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let versions = PackageScreen.versionChoices(catalog)
        let nightly = PackageScreen.selectedPackage(self) == .tfNightly
        switch PackageScreen.bindings(self).action(for: key) {
        case .switchList?:
            packageFocusOnVersion = nightly ? false : !packageFocusOnVersion
        case .move(let motion)?:
            if packageFocusOnVersion {
                versionCursor = motion.apply(versionCursor, last: versions.count - 1,
                                             page: PackageScreen.versionRows(size, top: 4))
            } else {
                packageCursor = motion.apply(packageCursor, last: Answers.Package.allCases.count - 1, page: 3)
            }
        case .back?: goBack(environment)
        case .choose?:
            let package = PackageScreen.selectedPackage(self)
            if let problem = PackageScreen.packageProblem(package, self) {
                message = StatusMessage(text: problem, style: .warning)
                return []
            }
            answers.package = package
            answers.version = package == .tfNightly ? "latest" : versions[versionCursor]
            advance(environment)
        case nil: break
        }
        return []
    }
}
