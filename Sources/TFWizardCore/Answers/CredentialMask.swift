import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Hides the password (or token) in URLs such as proxies and package-index mirrors, so they can be
/// shown, logged and written without leaking: `http://user:secret@host:3128` -> `http://user:****@host:3128`.
public enum CredentialMask {
    public static let mask = "****"

    /// The value with the credential part of its user information, and the values of token-like query
    /// parameters (`?token=...`), masked; unchanged when it has none.
    public static func masked(_ value: String) -> String {
        let value = Redactor.maskTokenParameters(value)
        guard let range = userInfoRange(in: value) else { return value }
        let userInfo = value[range]
        let replacement: String
        if let colon = userInfo.firstIndex(of: ":") {
            replacement = "\(userInfo[..<colon]):\(mask)"
        } else {
            replacement = mask   // a lone token is the secret itself
        }
        var result = value
        result.replaceSubrange(range, with: replacement)
        return result
    }

    /// Whether the value carries a credential that `masked` would hide.
    public static func hasCredentials(_ value: String) -> Bool { masked(value) != value }

    /// Whether the value was written by `masked` (its credential is the mask, not a real one).
    public static func isMasked(_ value: String) -> Bool {
        if value.contains("=" + mask) { return true }
        guard let range = userInfoRange(in: value) else { return false }
        let userInfo = value[range]
        return userInfo == mask || userInfo.hasSuffix(":" + mask)
    }

    /// The text between `scheme://` (or the start, for `user:pass@host:port` proxies) and the last `@`
    /// before the host part.
    private static func userInfoRange(in value: String) -> Range<String.Index>? {
        let afterScheme = value.firstRange(of: "://")?.upperBound ?? value.startIndex
        let authorityEnd = value[afterScheme...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? value.endIndex
        let authority = value[afterScheme..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), at > authority.startIndex else { return nil }
        return afterScheme..<at
    }
}
