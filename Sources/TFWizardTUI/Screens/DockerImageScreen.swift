import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// Docker's answers: which image tag (latest, a release, nightly) and whether it runs Jupyter.
/// The -gpu suffix follows the device answer; the last row toggles Jupyter.
enum DockerImageScreen {
    /// latest, the releases the catalog knows (newest first), nightly.
    static func tags(_ state: WizardState) -> [String] {
        ["latest"] + state.catalog.releases.prefix(5).map(\.version) + ["nightly"]
    }

    static func rows(_ state: WizardState) -> [ChoiceRow] {
        var rows = tags(state).map { tag in
            ChoiceRow(label: tag, tag: tag == "latest" ? state.text("docker.tag-latest") : (tag == "nightly" ? state.text("docker.tag-nightly") : ""))
        }
        let box = state.answers.docker.jupyter ? "[x]" : "[ ]"
        rows.append(ChoiceRow(label: state.text("docker.jupyter", ["box": box]), tag: state.text("docker.jupyter-port")))
        return rows
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let top = canvas.paragraph(state.text("docker.question"), row: canvas.bodyTop, style: .bold) + 1
        let rows = rows(state)
        ChoiceList.render(rows, cursor: state.dockerCursor, canvas: canvas, row: top, height: rows.count)
        var row = top + rows.count + 1
        let image = DockerMethod.image(for: state.answers)
        row = canvas.paragraph(state.text("docker.image", ["image": image]), row: row, style: .accent)
        let explain = state.answers.device == .gpu ? "docker.explain-gpu" : "docker.explain-cpu"
        canvas.paragraph(state.text(explain), row: row + 1, style: .dim)
    }

    enum Action: Equatable { case move(Motion), toggleJupyter, choose, back }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        KeyBinding.listKeys { .move($0) }
            + [KeyBinding([.space], "help.toggle", .toggleJupyter),
               KeyBinding([.enter], "help.next", .choose),
               KeyBinding([.escape], "help.back", .back)]
    }
}

extension WizardState {
    mutating func prepareDockerImage() {
        var base = DockerMethod.baseTag(answers.docker.imageTag)
        if base == "latest" && answers.version != "latest" { base = answers.version }
        dockerCursor = DockerImageScreen.tags(self).firstIndex(of: base) ?? 0
        answers.docker.imageTag = DockerImageScreen.tags(self)[dockerCursor]
    }

    mutating func handleDockerImage(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        let tags = DockerImageScreen.tags(self)
        let count = tags.count + 1
        switch DockerImageScreen.bindings(self).action(for: key) {
        case .move(let motion)?: dockerCursor = motion.apply(dockerCursor, last: count - 1, page: count)
        case .back?: goBack(environment)
        case .toggleJupyter?:
            if dockerCursor == tags.count { answers.docker.jupyter.toggle() }
        case .choose?:
            if dockerCursor == tags.count {
                answers.docker.jupyter.toggle()
                return []
            }
            let tag = tags[dockerCursor]
            answers.docker.imageTag = tag
            // A release tag pins the version the plan reports; latest and nightly leave it as chosen.
            if tag != "latest" && tag != "nightly" { answers.version = tag }
            advance(environment)
        case nil: break
        }
        if dockerCursor < tags.count { answers.docker.imageTag = tags[dockerCursor] }
        return []
    }
}
