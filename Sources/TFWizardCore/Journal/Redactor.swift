import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Masks credentials before text reaches a log: the password of `scheme://user:password@host` URLs,
/// the values of token-like query parameters, and literal secrets the caller knows (a proxy password),
/// also in their percent-encoded form. Literal secrets shorter than `minimumSecretLength` are not
/// masked on their own (they would mask ordinary words); they are still masked inside URLs.
public enum Redactor {
    public static let mask = "****"
    public static let minimumSecretLength = 4

    /// `scheme://user:password@`: keeps scheme and user, masks the password.
    private static let urlCredentials: PosixRegex = {
        try! PosixRegex(#"([A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/:@]*):[^[:space:]/@]+@"#)
    }()

    /// `?token=...`, `&api_key=...`, AWS/Azure style signatures.
    static let tokenParameter: PosixRegex = {
        let names = "access_token|refresh_token|id_token|token|api_key|apikey|key|password|passwd|pwd|secret|"
            + "client_secret|auth|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token"
        return try! PosixRegex("([?&;](\(names))=)[^&;#[:space:]\"']+", ignoreCase: true)
    }()

    /// The secrets an answer file carries: its proxy and index URLs whole, their passwords (raw and
    /// decoded) and the values of token-like query parameters, so a child that prints only the password
    /// or only the token is masked too.
    public static func secrets(of answers: Answers) -> [String] {
        secrets(inURLs: [answers.proxy, answers.indexURL].compactMap { $0 })
    }

    public static func secrets(inURLs urls: [String]) -> [String] {
        var found: [String] = []
        for url in urls where CredentialMask.hasCredentials(url) {
            found.append(url)
            if let components = URLComponents(string: url) {
                found += [components.percentEncodedPassword, components.password].compactMap { $0 }
                if components.password == nil, let user = components.user, !user.isEmpty { found.append(user) }   // a lone token
            }
            let bytes = Array(url.utf8)
            for match in tokenParameter.matches(in: url) {
                if let name = match.groups[1] {
                    found.append(String(decoding: bytes[name.upperBound..<match.whole.upperBound], as: UTF8.self))
                }
            }
        }
        return found.filter { $0.count >= minimumSecretLength }
    }

    public static func redact(_ text: String, secrets: [String]) -> String {
        redact(text, literalForms: literalForms(of: secrets))
    }

    /// `redact(_:secrets:)` with the secrets' literal forms worked out once (`literalForms(of:)`).
    static func redact(_ text: String, literalForms: [String]) -> String {
        var result = text
        for secret in literalForms where result.contains(secret) {
            result = result.replacing(secret, with: mask)
        }
        if result.contains("://") {
            result = replace(urlCredentials, in: result, template: "$1:\(mask)@")
        }
        if result.contains("=") {
            result = replace(tokenParameter, in: result, template: "$1\(mask)")
        }
        return result
    }


    /// The secrets, their percent-encoded forms, longest first (so a secret containing another is masked whole).
    static func literalForms(of secrets: [String]) -> [String] {
        var forms = Set<String>()
        for secret in secrets where secret.count >= minimumSecretLength {
            forms.insert(secret)
            let encoded = secret.percentEncodingAllButAlphanumerics()
            if encoded != secret {
                forms.insert(encoded)
            }
        }
        return forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `?token=secret&x=1` -> `?token=****&x=1`: the values of token-like query parameters only.
    public static func maskTokenParameters(_ text: String) -> String {
        guard text.contains("=") else { return text }
        return replace(tokenParameter, in: text, template: "$1\(mask)")
    }

    private static func replace(_ expression: PosixRegex, in text: String, template: String) -> String {
        expression.replacingMatches(in: text, with: template)
    }
}
