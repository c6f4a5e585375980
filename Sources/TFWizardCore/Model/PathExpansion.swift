import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `~` and the home folder, the same way for the planner, the CLI and the wizard.
public enum PathExpansion {
    public static var home: String {
        if let value = ProcessInfo.processInfo.environment["HOME"], !value.isEmpty { return value }
        return accountHome
    }

    /// The home folder of the account from the password database, for when HOME is not set.
    static var accountHome: String {
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            let text = String(cString: directory)
            if !text.isEmpty { return text }
        }
        return "/"
    }

    /// `~` or `~/x` -> home-based; anything else unchanged (`~user` is not expanded: say so by keeping it).
    public static func expandTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }
}

/// Where logs and answer files go: `$XDG_STATE_HOME/tfwizard`, default `~/.local/state/tfwizard`.
public enum SessionPaths {
    public static func defaultLogDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/tfwizard"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? PathExpansion.accountHome
        return home + "/.local/state/tfwizard"
    }
}
