import FoundationEssentials

/// The mirror and proxy as each installer reads them: through its environment, never argv (which `ps`
/// shows to everyone).
extension Answers {
    public var pipEnvironment: [String: String] {
        var environment: [String: String] = [:]
        if let indexURL {
            environment["PIP_INDEX_URL"] = indexURL
            if let host = Self.plainHTTPHost(indexURL) {
                environment["PIP_TRUSTED_HOST"] = host   // pip refuses plain-http indexes it was not told to trust
            }
        }
        if let proxy {
            environment["PIP_PROXY"] = proxy
            environment["https_proxy"] = proxy
        }
        return environment
    }

    /// uv's names for the same, and the system's certificate store, which is where a proxy that re-signs
    /// TLS has its CA added on Ubuntu (uv otherwise trusts only the CAs built into it).
    public var uvEnvironment: [String: String] {
        var environment = ["UV_SYSTEM_CERTS": "1", "UV_PYTHON_DOWNLOADS": "never"]
        if let indexURL {
            environment["UV_DEFAULT_INDEX"] = indexURL
            if let host = Self.plainHTTPHost(indexURL) { environment["UV_INSECURE_HOST"] = host }
        }
        if let proxy {
            environment["https_proxy"] = proxy
            environment["http_proxy"] = proxy
        }
        return environment
    }

    private static func plainHTTPHost(_ url: String) -> String? {
        url.hasPrefix("http://") ? URLComponents(string: url)?.host : nil
    }
}
