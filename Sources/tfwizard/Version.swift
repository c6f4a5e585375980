import CBuildInfo

/// The version, in one place: scripts/release reads `current` from this file.
enum TFWizardVersion {
    static let current = "0.1.0"

    /// The commit scripts/release built from ("1a2b3c4d5e6f", "...-dirty", "unknown" outside a git
    /// checkout), or nil for a plain `swift build`.
    static var commit: String? {
        let commit = String(cString: tfwizard_build_commit())
        return commit.isEmpty ? nil : commit
    }

    /// What `tfwizard --version` prints, e.g. "tfwizard 0.1.0 (commit 1a2b3c4d5e6f)".
    static var versionLine: String {
        "tfwizard \(current) " + (commit.map { "(commit \($0))" } ?? "(development build)")
    }
}
