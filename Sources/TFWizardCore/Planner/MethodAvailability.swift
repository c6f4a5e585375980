import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Whether an install method can be chosen on this machine, as the method screen shows it.
public enum MethodAvailability: Equatable, Sendable {
    case available
    case refused(reason: String, suggestion: String?)

    public var isAvailable: Bool { self == .available }
}

/// Architectures TensorFlow publishes wheels for (PyPI `tensorflow`: x86_64 and aarch64 manylinux wheels;
/// `tensorflow-cpu` and the CUDA builds: x86_64 only).
enum SupportedArchitectures {
    static let all = ["x86_64", "aarch64"]
    static let gpu = ["x86_64"]
    static let tensorflowCPU = ["x86_64"]
}
