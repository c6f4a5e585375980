import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Tab in a folder field, as a shell completes: the typed path extended by what all matching folders
/// share, a `/` added when only one matches, and the matches listed when there are several.
public struct FolderCompletion: Equatable, Sendable {
    /// The text for the field (the user's `~` kept).
    public var text: String
    /// The folder names that match when more than one does (empty otherwise).
    public var candidates: [String]

    public init(text: String, candidates: [String]) { self.text = text; self.candidates = candidates }
}

extension Prober {
    public func completeFolder(_ typed: String) -> FolderCompletion {
        let machine = MachineRoot(root)
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let expanded = home.map { PathExpansion.expandTilde(typed, home: $0) } ?? typed
        guard expanded.hasPrefix("/") else { return FolderCompletion(text: typed, candidates: []) }
        let slash = expanded.lastIndex(of: "/")!
        let directory = String(expanded[...slash])
        let stem = String(expanded[expanded.index(after: slash)...])
        // Hidden folders only when the user starts a name with a dot, as shells do.
        let matches = machine.list(directory).filter { name in
            name.hasPrefix(stem) && (stem.hasPrefix(".") || !name.hasPrefix(".")) && machine.isDirectory(directory + name)
        }
        guard let first = matches.first else { return FolderCompletion(text: typed, candidates: []) }
        let shared = matches.dropFirst().reduce(first) { common, name in
            String(zip(common, name).prefix { $0 == $1 }.map(\.0))
        }
        let added = String(shared.dropFirst(stem.count)) + (matches.count == 1 ? "/" : "")
        return FolderCompletion(text: typed + added, candidates: matches.count > 1 ? matches : [])
    }
}

extension MachineContext {
    /// Free space where the folder typed would go; nil where this disk is not the machine's (a recording
    /// without the figure) or nothing can be asked.
    public func diskSpace(forFolder typed: String) -> MachineFacts.Disk? {
        prober?.diskSpace(forFolder: PathExpansion.expandTilde(typed.trimmingSpaces(), home: home))
    }

    public func completeFolder(_ typed: String) -> FolderCompletion {
        prober?.completeFolder(typed) ?? FolderCompletion(text: typed, candidates: [])
    }
}
