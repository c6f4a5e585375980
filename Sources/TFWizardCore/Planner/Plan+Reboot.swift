import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension Plan {
    /// The plan installs the NVIDIA driver and stops before the check: the driver loads only after a reboot.
    public var awaitsReboot: Bool {
        steps.contains { $0.id == "driver-install" } && !steps.contains { $0.kind == .validation }
    }
}
