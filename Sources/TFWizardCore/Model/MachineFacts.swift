import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What the probe found on the machine: the only input the planner has about the machine.
/// Encoded as-is by `tfwizard probe --json`; keep field names stable.
public struct MachineFacts: Codable, Equatable, Sendable {
    public var os: OperatingSystem
    public var architecture: String            // uname -m: x86_64, aarch64, ...
    public var cpu: CPU
    public var glibcVersion: String?           // "2.36"
    public var pythons: [PythonInterpreter]    // every python3 on PATH (pyenv and /usr/bin included), deduplicated by real path
    public var disk: Disk?                     // free space where the venv will go
    public var privileges: Privileges
    public var gpu: GPU
    public var aptPackages: [String: String]   // installed Debian packages of interest: name -> version
    public var probeDurationMilliseconds: Int?
    public var docker: DockerFacts?            // nil: not probed
    public var conda: CondaFacts?              // nil: no conda or mamba found
    public var userName: String?               // the user the install is for ($USER), for `usermod -aG docker`
    public var dpkgHalfDone: [String]?         // packages `dpkg --audit` names (a cut-short apt run); nil: not asked
    public var pipIndex: PipIndex?             // the index pip is set to read instead of pypi.org; nil: none set

    public init(os: OperatingSystem, architecture: String, cpu: CPU, glibcVersion: String?,
                pythons: [PythonInterpreter], disk: Disk?, privileges: Privileges, gpu: GPU,
                aptPackages: [String: String] = [:], probeDurationMilliseconds: Int? = nil,
                docker: DockerFacts? = nil, conda: CondaFacts? = nil, userName: String? = nil) {
        self.os = os; self.architecture = architecture; self.cpu = cpu; self.glibcVersion = glibcVersion
        self.pythons = pythons; self.disk = disk; self.privileges = privileges; self.gpu = gpu
        self.aptPackages = aptPackages; self.probeDurationMilliseconds = probeDurationMilliseconds
        self.docker = docker; self.conda = conda; self.userName = userName
    }

    public struct OperatingSystem: Codable, Equatable, Sendable {
        public var id: String                  // os-release ID: ubuntu, debian, ...
        public var versionID: String?          // "24.04", "12"
        public var prettyName: String?
        public var codename: String?           // VERSION_CODENAME
        public init(id: String, versionID: String?, prettyName: String?, codename: String?) {
            self.id = id; self.versionID = versionID; self.prettyName = prettyName; self.codename = codename
        }
        public var isUbuntu: Bool { id == "ubuntu" }
        public var isDebianFamily: Bool { id == "ubuntu" || id == "debian" }
    }

    public struct CPU: Codable, Equatable, Sendable {
        public var model: String?
        public var cores: Int?
        public var hasAVX: Bool
        public var hasAVX2: Bool
        public var hasFMA: Bool
        public init(model: String?, cores: Int?, hasAVX: Bool, hasAVX2: Bool, hasFMA: Bool) {
            self.model = model; self.cores = cores; self.hasAVX = hasAVX; self.hasAVX2 = hasAVX2; self.hasFMA = hasFMA
        }
    }

    public struct PythonInterpreter: Codable, Equatable, Sendable {
        public var path: String                // as found on PATH (e.g. /usr/bin/python3.12)
        public var realPath: String?           // symlinks resolved
        public var version: String             // "3.12.3"
        public var pipVersion: String?         // nil: `python -m pip` does not work
        public var venvAvailable: Bool         // `import venv` works
        public var ensurepipAvailable: Bool    // `import ensurepip` works (Debian/Ubuntu strip it without pythonX.Y-venv)
        public var externallyManaged: Bool     // PEP 668 EXTERNALLY-MANAGED marker in its stdlib dir
        public var source: Source
        /// The virtual environment this interpreter belongs to (its folder with pyvenv.cfg); nil for a base
        /// interpreter. Another project's environment is never the base of TensorFlow's.
        public var virtualEnvironment: String?
        public init(path: String, realPath: String?, version: String, pipVersion: String?, venvAvailable: Bool,
                    ensurepipAvailable: Bool, externallyManaged: Bool, source: Source, virtualEnvironment: String? = nil) {
            self.path = path; self.realPath = realPath; self.version = version; self.pipVersion = pipVersion
            self.venvAvailable = venvAvailable; self.ensurepipAvailable = ensurepipAvailable
            self.externallyManaged = externallyManaged; self.source = source; self.virtualEnvironment = virtualEnvironment
        }
        public enum Source: String, Codable, Sendable { case system, pyenv, conda, other }
        /// "3.12" from "3.12.3".
        public var minorVersion: String { version.split(separator: ".").prefix(2).joined(separator: ".") }
        /// venv with pip works only when both the module and ensurepip are there.
        public var canCreateVenv: Bool { venvAvailable && ensurepipAvailable }
    }

    /// A package index pip reads from its environment or configuration (masked: it may hold a password).
    public struct PipIndex: Codable, Equatable, Sendable {
        public var url: String?                // nil: no index at all (no-index: wheels from folders only)
        public var source: String              // PIP_INDEX_URL, PIP_NO_INDEX, or the configuration file
        public init(url: String?, source: String) { self.url = url; self.source = source }
    }

    public struct Disk: Codable, Equatable, Sendable {
        public var path: String                // the folder measured (nearest existing parent of the venv)
        public var freeBytes: Int64
        public init(path: String, freeBytes: Int64) { self.path = path; self.freeBytes = freeBytes }
    }

    public struct Privileges: Codable, Equatable, Sendable {
        public var isRoot: Bool
        public var sudo: Sudo
        public init(isRoot: Bool, sudo: Sudo) { self.isRoot = isRoot; self.sudo = sudo }
        public enum Sudo: String, Codable, Sendable {
            case absent           // no sudo binary
            case passwordless     // sudo -n true succeeds
            case needsPassword    // sudo exists; a password will be asked in the step's pty
        }
        public var canBecomeRoot: Bool { isRoot || sudo != .absent }
    }

    public struct GPU: Codable, Equatable, Sendable {
        public var nvidiaPresent: Bool         // PCI vendor 0x10de seen
        public var devices: [Device]
        public var driverVersion: String?      // "550.107.02"
        public var driverLoaded: Bool
        public var secureBoot: Bool?           // nil: not readable (BIOS boot, no efivars)
        public var systemCUDA: SystemCUDA?     // CUDA/cuDNN already on the system; nil: none found
        public var ubuntuDrivers: String?      // path of ubuntu-drivers, when installed
        public init(nvidiaPresent: Bool, devices: [Device], driverVersion: String?, driverLoaded: Bool,
                    secureBoot: Bool? = nil, systemCUDA: SystemCUDA? = nil, ubuntuDrivers: String? = nil) {
            self.nvidiaPresent = nvidiaPresent; self.devices = devices
            self.driverVersion = driverVersion; self.driverLoaded = driverLoaded
            self.secureBoot = secureBoot; self.systemCUDA = systemCUDA; self.ubuntuDrivers = ubuntuDrivers
        }
        public struct Device: Codable, Equatable, Sendable {
            public var pciAddress: String?     // 0000:01:00.0
            public var name: String?           // NVIDIA GeForce RTX 3060
            public var pciDeviceID: String?    // 0x2503
            public var computeCapability: String?  // "8.6", from nvidia-smi when the driver answers
            public var memoryMiB: Int?
            public init(pciAddress: String?, name: String?, pciDeviceID: String?, computeCapability: String?, memoryMiB: Int?) {
                self.pciAddress = pciAddress; self.name = name; self.pciDeviceID = pciDeviceID
                self.computeCapability = computeCapability; self.memoryMiB = memoryMiB
            }
        }
        public static let none = GPU(nvidiaPresent: false, devices: [], driverVersion: nil, driverLoaded: false)
    }
}
