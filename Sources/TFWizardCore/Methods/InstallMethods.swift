import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The install methods the wizard offers, in the method screen's order, looked up by `Answers.Method`.
public struct InstallMethods: Sendable {
    /// The wizard's methods: one row each.
    public static let all = InstallMethods([
        VenvMethod(),
        SystemPipMethod(),
        DockerMethod(),
        CondaMethod(),
        SourceMethod(),
    ], recommended: .venv)

    public let methods: [any InstallMethod]
    /// The one the method screen tags as recommended and offers instead of a refused one.
    public let recommended: Answers.Method

    public init(_ methods: [any InstallMethod], recommended: Answers.Method) {
        precondition(Set(methods.map(\.id)).count == methods.count, "two install methods share an id")
        self.methods = methods
        self.recommended = recommended
    }

    public var ids: [Answers.Method] { methods.map(\.id) }

    public subscript(_ id: Answers.Method) -> (any InstallMethod)? {
        methods.first { $0.id == id }
    }

    /// What the probe must look at for every method.
    public var probeNeeds: ProbeNeeds {
        methods.reduce(ProbeNeeds()) { $0.union($1.probeNeeds) }
    }
}
