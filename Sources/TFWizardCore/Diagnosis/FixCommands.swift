import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension ErrorCatalogEntry {
    /// The fix's commands for this user, ready to run or paste: `{user}` filled in and a leading `~`
    /// expanded (quoted, `'~/x'` would reach the command as a folder literally named `~`).
    public func fixCommands(user: String = CurrentUser.name, home: String = PathExpansion.home) -> [[String]] {
        commands.map { command in
            command.map { PathExpansion.expandTilde($0.replacing("{user}", with: user), home: home) }
        }
    }
}

/// The account tfwizard runs as: $USER when set, else the password database's name for the uid.
public enum CurrentUser {
    public static var name: String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "root"
    }
}
