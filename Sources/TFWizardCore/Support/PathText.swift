/// Path arithmetic on plain strings, as NSString's path methods do it (full Foundation is kept out of
/// the binary; FoundationEssentials has no NSString).
extension String {
    /// "/a/b/c" -> "/a/b"; "/a" -> "/"; "a" -> ""; trailing slashes are ignored.
    public var deletingLastPathComponent: String {
        let trimmed = trimmingTrailingSlashes
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash]).trimmingTrailingSlashes
    }

    /// "/a/b/c/" -> "c"; "/" -> "/".
    public var lastPathComponent: String {
        let trimmed = trimmingTrailingSlashes
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// "/a" + "b" -> "/a/b", with one slash between them.
    public func appendingPathComponent(_ component: String) -> String {
        if isEmpty { return component }
        let base = hasSuffix("/") ? self.trimmingTrailingSlashes : self
        let tail = component.drop { $0 == "/" }
        return base == "/" ? "/" + tail : base + "/" + tail
    }

    /// Removes "." parts, doubled and trailing slashes, and resolves ".." textually (no symlinks read).
    public var standardizingPath: String {
        guard !isEmpty else { return self }
        let absolute = hasPrefix("/")
        var parts: [Substring] = []
        for part in split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast(); continue }
                if absolute { continue }
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    private var trimmingTrailingSlashes: String {
        var text = Substring(self)
        while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
