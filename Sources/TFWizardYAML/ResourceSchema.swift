/// Where the YAML files of `Resources/` are and which keys they may hold. The loaders in TFWizardCore accept
/// these keys and no others; the resource embedder checks every file against them at build time, so a
/// misspelt key fails the build with its file, line and field instead of reaching a user.
package enum ResourceSchema {
    package static let catalogPath = "catalog/tensorflow-releases.yaml"
    package static let catalogKeys = ["releases", "distributions"]
    package static let releaseKeys = ["version", "python", "cuda", "cudnn", "min_driver", "compute_capabilities",
                                      "min_compute_capability", "glibc_min", "requires_avx", "and_cuda_extra",
                                      "released", "bazel", "clang"]
    package static let distributionKeys = ["id", "version", "python", "externally_managed"]

    /// One entry of the error catalog per file.
    package static let errorFolder = "errors/"
    package static let errorEntryKeys = ["id", "severity", "priority", "title", "explanation", "fix", "commands",
                                         "auto_fix", "references", "patterns"]
    package static let errorPatternKeys = ["literal", "regex", "ignore_case", "needs_gpu"]

    package static let contextPath = "diagnosis/context.yaml"
    /// The kinds of context line, each a list of patterns.
    package static let contextKinds = ["gpu_present", "gpu_absent", "gpu_likely", "retry_warning", "step_succeeded"]
    package static let contextPatternKeys = ["literal", "regex"]

    /// Whether `path` (relative to `Resources/`) is a YAML file.
    package static func isYAML(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// Checks the keys of `root`, the document of the YAML file `path`, and that the lists of mappings are
    /// lists of mappings; returns the root. A YAML file of no known kind is refused, so a new kind gets its
    /// checks.
    @discardableResult
    package static func check(_ root: YAMLNode?, path: String) throws(YAMLProblem) -> YAMLNode {
        guard let root else { throw YAMLProblem(line: nil, field: "", message: "the file holds no YAML document") }
        let top = try StrictMapping(root, field: "")
        if path == catalogPath {
            try top.rejectUnknownKeys(allowed: catalogKeys)
            try checkItems(of: top, "releases", allowed: releaseKeys)
            try checkItems(of: top, "distributions", allowed: distributionKeys)
        } else if path == contextPath {
            try top.rejectUnknownKeys(allowed: contextKinds)
            for kind in contextKinds { try checkItems(of: top, kind, allowed: contextPatternKeys) }
        } else if path.hasPrefix(errorFolder) {
            try top.rejectUnknownKeys(allowed: errorEntryKeys)
            try checkItems(of: top, "patterns", allowed: errorPatternKeys)
        } else {
            throw YAMLProblem(line: nil, field: "", message: "no loader reads this YAML file; give it a schema here")
        }
        return root
    }

    private static func checkItems(of mapping: StrictMapping, _ key: String, allowed: [String]) throws(YAMLProblem) {
        guard mapping.entry(key) != nil else { return }
        for item in try mapping.sequenceOfMappings(key) { try item.rejectUnknownKeys(allowed: allowed) }
    }
}
