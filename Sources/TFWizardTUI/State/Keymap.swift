import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The keys every screen shares, after the screen's own: Ctrl-C quits (or cancels a running install, asking
/// first), F2 writes the log once there is a plan, F1 opens the help overlay (and ? where no text field
/// has the keys: there it is typed).
enum CommonKeys {
    enum Action: Equatable { case quit, exportLog, help }

    static func bindings(_ state: WizardState) -> [KeyBinding<Action>] {
        var bindings = [KeyBinding([.interrupt], state.isInstallRunning ? "help.cancel" : "help.quit", Action.quit)]
        if Frame.offersLogExport(state.screen) { bindings.append(KeyBinding([.function(2)], "help.export-log", .exportLog)) }
        bindings.append(KeyBinding(state.typingHasFocus ? [.function(1)] : [.function(1), .character("?")], "help.help", .help))
        return bindings
    }
}

/// The key tables as the help shows them.
enum Keymap {
    /// The current screen's own bindings.
    static func screen(_ state: WizardState) -> [KeyHelp] {
        switch state.screen {
        case .welcome: return WelcomeScreen.bindings(state).map(\.help)
        case .device: return DeviceScreen.bindings(state).map(\.help)
        case .method: return MethodScreen.bindings(state).map(\.help)
        case .package: return PackageScreen.bindings(state).map(\.help)
        case .dockerImage: return DockerImageScreen.bindings(state).map(\.help)
        case .python: return PythonScreen.bindings(state).map(\.help)
        case .venv: return VenvScreen.bindings(state).map(\.help)
        case .plan: return PlanScreen.bindings(state).map(\.help)
        case .install: return InstallScreen.bindings(state).map(\.help)
        case .failure: return FailureScreen.bindings(state).map(\.help)
        case .fullLog: return FullLogScreen.bindings(state).map(\.help)
        case .validation: return ValidationScreen.bindings(state).map(\.help)
        case .done: return DoneScreen.bindings(state).map(\.help)
        case .troubleshoot: return TroubleshootScreen.bindings(state).map(\.help)
        case .fixConfirm: return FixConfirmScreen.bindings(state).map(\.help)
        case .logPath: return LogPathScreen.bindings(state).map(\.help)
        case .indexSettings: return IndexSettingsScreen.bindings(state).map(\.help)
        }
    }

    /// Every binding of the screen: its own, then the shared ones. The help overlay lists these.
    static func all(_ state: WizardState) -> [KeyHelp] {
        screen(state) + CommonKeys.bindings(state).map(\.help)
    }

    /// What the keys do now, with how many of them (at the end) are the shared ones: a question box's or
    /// the help overlay's keys while one is open, else the screen's.
    static func active(_ state: WizardState) -> (helps: [KeyHelp], shared: Int) {
        if state.confirmation != nil { return (ConfirmDialog.bindings(state).map(\.help), 0) }
        if state.helpShown { return (HelpOverlay.bindings(state).map(\.help), 0) }
        return (all(state), CommonKeys.bindings(state).count)
    }
}

extension WizardState {
    /// A text field or the log pane takes printable keys: ? is typed there, not a help key.
    var typingHasFocus: Bool {
        switch screen {
        case .venv, .logPath, .indexSettings: return true
        case .install: return install?.logFocused == true && isInstallRunning
        default: return false
        }
    }

    mutating func handleCommon(_ action: CommonKeys.Action) -> [WizardEffect] {
        switch action {
        case .exportLog: return [.exportLog]
        case .help: helpShown = true
        case .quit:
            confirmationYes = false
            if isInstallRunning { confirmation = .cancelInstall }
            else if install != nil { exitReason = finalExitReason }   // it is over: nothing to lose
            else { confirmation = .quit }
        }
        return []
    }
}
