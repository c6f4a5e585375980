import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// CPU or GPU. GPU says why not when there is no NVIDIA GPU.
enum DeviceScreen {
    static let devices: [Answers.Device] = [.cpu, .gpu]

    static func bindings(_ state: WizardState) -> [KeyBinding<QuestionAction>] {
        KeyBinding.listKeys { .move($0) } + KeyBinding.questionKeys()
    }

    static func gpuProblem(_ state: WizardState) -> String? {
        state.facts.gpu.nvidiaPresent ? nil : state.text("device.gpu.none")
    }

    static func rows(_ state: WizardState) -> [ChoiceRow] {
        let gpuProblem = gpuProblem(state)
        var gpuTag = ""
        if gpuProblem != nil { gpuTag = state.text("tag.unavailable") }
        else if let older = state.gpuHoldsBack { gpuTag = state.text("tag.up-to-release", ["release": older.release.minorVersion]) }
        else if state.facts.gpu.driverLoaded { gpuTag = state.text("tag.recommended") }
        return [
            ChoiceRow(label: state.text("device.cpu"), tag: state.facts.gpu.nvidiaPresent ? "" : state.text("tag.recommended"),
                      tagStyle: .good),
            ChoiceRow(label: state.text("device.gpu"), tag: gpuTag,
                      tagStyle: gpuProblem == nil && state.gpuHoldsBack == nil ? .good : .warning, enabled: gpuProblem == nil),
        ]
    }

    static func detail(_ state: WizardState) -> [(text: String, style: TextStyle)] {
        let gpu = state.facts.gpu
        if state.deviceCursor == 0 { return [(state.text("device.cpu.detail"), .normal)] }
        if let problem = gpuProblem(state) { return [(problem, .normal)] }
        var lines = gpu.devices.map { device in
            state.text("device.gpu.found", ["name": device.name ?? state.text("device.gpu.unnamed"),
                                            "cc": device.computeCapability ?? "?"])
        }
        if let driver = gpu.driverVersion, gpu.driverLoaded {
            lines.append(state.text("device.gpu.driver", ["version": driver]))
        } else {
            lines.append(state.text("device.gpu.no-driver"))
        }
        lines.append(state.text("device.gpu.detail"))
        // A GPU too old for the newest release says so here, not first on the package screen.
        return lines.map { ($0, TextStyle.normal) } + (state.gpuHoldsBack?.reason.map { [($0, .warning)] } ?? [])
    }

    static func render(_ state: WizardState, _ canvas: Canvas) {
        let row = canvas.paragraph(state.text("device.question"), row: canvas.bodyTop, style: .bold) + 1
        ChoiceList.render(rows(state), cursor: state.deviceCursor, canvas: canvas, row: row, height: 2)
        var detailRow = row + 3
        for line in detail(state) {
            detailRow = canvas.paragraph(line.text, row: detailRow, style: line.style)
        }
    }
}

extension WizardState {
    mutating func handleDevice(_ key: Key, _ environment: WizardEnvironment) -> [WizardEffect] {
        switch DeviceScreen.bindings(self).action(for: key) {
        case .move(let motion)?: deviceCursor = motion.apply(deviceCursor, last: DeviceScreen.devices.count - 1, page: 2)
        case .back?: goBack(environment)
        case .choose?:
            let device = DeviceScreen.devices[deviceCursor]
            if device == .gpu, let problem = DeviceScreen.gpuProblem(self) {
                message = StatusMessage(text: problem, style: .warning)
                return []
            }
            answers.device = device
            if device == .gpu && answers.package == .tensorflowCPU { answers.package = .tensorflow }
            advance(environment)
        case nil: break
        }
        return []
    }
}
