import FoundationEssentials
import TFWizardYAML

/// Why the compatibility matrix could not be read.
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var field: String
    public var message: String
    public var description: String {
        let place = line.map { "line \($0)" } ?? "catalog"
        return "\(ResourceSchema.catalogPath): \(place): \(field.isEmpty ? "" : "\(field): ")\(message)"
    }

    init(_ problem: YAMLProblem) {
        line = problem.line; field = problem.field; message = problem.message
    }
}

extension Catalog {
    /// The matrix shipped inside the binary (`Resources/catalog/tensorflow-releases.yaml`).
    public static func builtIn() throws -> Catalog { try loadedBuiltIn.get() }

    /// Read once: its YAML was composed at build time, so this only checks and converts the values.
    private static let loadedBuiltIn = Result { () throws(CatalogError) in try loadBuiltIn() }

    /// The matrix from the node tree the resource embedder composed at build time; no text is parsed.
    static func loadBuiltIn() throws(CatalogError) -> Catalog {
        try parse(document: EmbeddedYAML.root(ResourceSchema.catalogPath))
    }

    /// Reads the matrix format; unknown keys, missing fields and malformed versions are errors with a line.
    public static func parse(yaml: String) throws -> Catalog {
        let root: YAMLNode?
        do throws(YAMLProblem) { root = try StrictYAML.compose(yaml) } catch { throw CatalogError(error) }
        return try parse(document: root)
    }

    /// The matrix format, from a composed document (nil: an empty one).
    static func parse(document root: YAMLNode?) throws(CatalogError) -> Catalog {
        do throws(YAMLProblem) {
            guard let root else {
                throw YAMLProblem(line: nil, field: "releases", message: "the catalog is empty")
            }
            let top = try StrictMapping(root, field: "")
            try top.rejectUnknownKeys(allowed: ResourceSchema.catalogKeys)
            var releases: [TensorFlowRelease] = []
            for entry in try top.sequenceOfMappings("releases") {
                let release = try parseRelease(entry)
                if releases.contains(where: { $0.minorVersion == release.minorVersion }) {
                    throw YAMLProblem(line: entry.line, field: entry.fieldPrefix + "version",
                                      message: "TensorFlow \(release.minorVersion) is listed twice")
                }
                releases.append(release)
            }
            guard !releases.isEmpty else {
                throw YAMLProblem(line: top.line(of: "releases"), field: "releases", message: "no releases listed")
            }
            var distributions: [DistributionPython] = []
            if top.entry("distributions") != nil {
                for entry in try top.sequenceOfMappings("distributions") {
                    try entry.rejectUnknownKeys(allowed: ResourceSchema.distributionKeys)
                    let python = try entry.requiredText("python")
                    try requireVersion(python, parts: 2, key: "python", in: entry)
                    guard let managed = try entry.bool("externally_managed") else {
                        throw YAMLProblem(line: entry.line, field: entry.fieldPrefix + "externally_managed",
                                          message: "a value is required (true or false)")
                    }
                    distributions.append(DistributionPython(id: try entry.requiredText("id"), version: try entry.requiredText("version"),
                                                            python: python, externallyManaged: managed))
                }
            }
            return Catalog(releases: releases, distributions: distributions)
        } catch {
            throw CatalogError(error)
        }
    }

    private static func parseRelease(_ entry: StrictMapping) throws(YAMLProblem) -> TensorFlowRelease {
        try entry.rejectUnknownKeys(allowed: ResourceSchema.releaseKeys)
        let version = try entry.requiredText("version")
        try requireVersion(version, parts: 3, key: "version", in: entry)
        let python = try entry.requiredText("python")
        let bounds = python.split(separator: "-").map { $0.trimmingSpaces() }
        guard bounds.count == 2, bounds.allSatisfy({ isVersion($0, parts: 2) }),
              VersionNumber(bounds[0]) <= VersionNumber(bounds[1]) else {
            throw YAMLProblem(line: entry.line(of: "python"), field: entry.fieldPrefix + "python",
                              message: "expected a range like \"3.10-3.13\", found \"\(python)\"")
        }
        let capabilities = try entry.list("compute_capabilities") ?? []
        for capability in capabilities where !isVersion(capability, parts: 2) {
            throw YAMLProblem(line: entry.line(of: "compute_capabilities"), field: entry.fieldPrefix + "compute_capabilities",
                              message: "expected versions like \"8.6\", found \"\(capability)\"")
        }
        for key in ["cuda", "cudnn", "min_driver", "min_compute_capability", "glibc_min", "bazel", "clang"] {
            if let value = try entry.text(key) { try requireVersion(value, parts: nil, key: key, in: entry) }
        }
        guard let requiresAVX = try entry.bool("requires_avx"), let andCuda = try entry.bool("and_cuda_extra") else {
            let key = entry.entry("requires_avx") == nil ? "requires_avx" : "and_cuda_extra"
            throw YAMLProblem(line: entry.line, field: entry.fieldPrefix + key, message: "a value is required (true or false)")
        }
        return TensorFlowRelease(
            version: version, pythonMin: bounds[0], pythonMax: bounds[1],
            cuda: try entry.text("cuda"), cudnn: try entry.text("cudnn"), minDriver: try entry.text("min_driver"),
            computeCapabilities: capabilities, minComputeCapability: try entry.text("min_compute_capability"),
            glibcMin: try entry.text("glibc_min"), requiresAVX: requiresAVX, andCudaExtra: andCuda,
            released: try entry.text("released"), bazel: try entry.text("bazel"), clang: try entry.text("clang"))
    }

    private static func requireVersion(_ value: String, parts: Int?, key: String, in entry: StrictMapping) throws(YAMLProblem) {
        guard isVersion(value, parts: parts) else {
            throw YAMLProblem(line: entry.line(of: key), field: entry.fieldPrefix + key,
                              message: "expected a dotted version number, found \"\(value)\"")
        }
    }

    /// "2.21.0", "525.60.13": digits separated by dots (exactly `parts` of them when given).
    static func isVersion(_ value: String, parts: Int?) -> Bool {
        let pieces = value.split(separator: ".", omittingEmptySubsequences: false)
        if let parts, pieces.count != parts { return false }
        return !pieces.isEmpty && pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
