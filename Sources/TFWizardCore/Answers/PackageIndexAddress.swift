import FoundationEssentials

/// The package-index mirror (`index_url`) and the proxy as typed in the wizard: whether pip can use them,
/// and the mirrors worth suggesting to the readers of a language.
public enum PackageIndexAddress {
    public enum Kind: Sendable { case mirror, proxy }

    /// A mirror known to be near the readers of some languages (`Resources/catalog/index-mirrors.json`);
    /// `nameKey` names it in the string tables.
    public struct Mirror: Equatable, Sendable, Decodable {
        public var url: String
        public var nameKey: String
        public var languages: [String]
        enum CodingKeys: String, CodingKey { case url, nameKey = "name", languages }
    }

    /// Whether pip can use `value`: an http:// or https:// address with a host (a port, if any, a number);
    /// a proxy may leave out its scheme, as pip allows (`user:pass@proxy.example:3128`).
    public static func isUsable(_ value: String, as kind: Kind) -> Bool {
        guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            return false
        }
        let address = kind == .proxy && !value.contains("://") ? "http://" + value : value
        guard let parts = URLComponents(string: address), let scheme = parts.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = parts.host, !host.isEmpty else { return false }
        return parts.port.map { (1...65535).contains($0) } ?? true
    }

    /// The mirrors to suggest to readers of `language`, in the order of the file; none for most languages.
    public static func suggestedMirrors(for language: String) -> [Mirror] {
        builtInMirrors.filter { $0.languages.contains(language) }
    }

    /// From `Resources/catalog/index-mirrors.json`, read at build time: a broken file fails the build.
    static let builtInMirrors = EmbeddedData.indexMirrors.map { Mirror(url: $0.url, nameKey: $0.name, languages: $0.languages) }
}
