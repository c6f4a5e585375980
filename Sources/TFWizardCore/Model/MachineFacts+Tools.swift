import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the tools the other install methods use (Docker, conda) and the GPU's surroundings
/// (Secure Boot, CUDA already on the system). All optional so older probe JSON still decodes.
extension MachineFacts {
    /// CUDA and cuDNN found on the system itself. TensorFlow's pip packages bring their own, so these
    /// are reported, not required; a mismatched system copy on LD_LIBRARY_PATH is a known source of errors.
    public struct SystemCUDA: Codable, Equatable, Sendable {
        public var toolkits: [Toolkit]            // /usr/local/cuda-12.4 and friends
        public var libraries: [String]            // sonames from `ldconfig -p`: libcudart.so.12, libcudnn.so.9, ...
        public var cudnnVersion: String?          // major version of libcudnn found ("9")
        public init(toolkits: [Toolkit], libraries: [String], cudnnVersion: String?) {
            self.toolkits = toolkits; self.libraries = libraries; self.cudnnVersion = cudnnVersion
        }
        public struct Toolkit: Codable, Equatable, Sendable {
            public var path: String               // /usr/local/cuda-12.4
            public var version: String?           // "12.4.1" from version.json (or version.txt)
            public init(path: String, version: String?) { self.path = path; self.version = version }
        }
        public var isEmpty: Bool { toolkits.isEmpty && libraries.isEmpty }
    }

    /// The Docker client, its daemon and whether this user may talk to it.
    public struct DockerFacts: Codable, Equatable, Sendable {
        public var clientPath: String?            // nil: no docker on PATH
        public var clientVersion: String?         // "27.3.1" from `docker --version`
        public var daemon: Daemon
        public var serverVersion: String?         // from `docker info`
        public var userInDockerGroup: Bool        // /etc/group lists the user in `docker`
        public var socketExists: Bool             // /var/run/docker.sock
        public var nvidiaCTKPath: String?         // nvidia-ctk on PATH: the NVIDIA container toolkit is installed
        public var nvidiaRuntime: Bool            // `docker info` lists the nvidia runtime
        public init(clientPath: String?, clientVersion: String?, daemon: Daemon, serverVersion: String?,
                    userInDockerGroup: Bool, socketExists: Bool, nvidiaCTKPath: String?, nvidiaRuntime: Bool) {
            self.clientPath = clientPath; self.clientVersion = clientVersion; self.daemon = daemon
            self.serverVersion = serverVersion; self.userInDockerGroup = userInDockerGroup
            self.socketExists = socketExists; self.nvidiaCTKPath = nvidiaCTKPath; self.nvidiaRuntime = nvidiaRuntime
        }
        public enum Daemon: String, Codable, Sendable {
            case answers            // `docker info` reached the daemon
            case permissionDenied   // the socket is there but this user may not use it
            case notRunning         // nothing answers on the socket
            case unknown            // no client, or the answer was not understood
        }
        public var usable: Bool { clientPath != nil && daemon == .answers }
        public static let absent = DockerFacts(clientPath: nil, clientVersion: nil, daemon: .unknown, serverVersion: nil,
                                               userInDockerGroup: false, socketExists: false, nvidiaCTKPath: nil,
                                               nvidiaRuntime: false)
    }

    /// conda or mamba, on PATH or in the usual install folders.
    public struct CondaFacts: Codable, Equatable, Sendable {
        public var executable: String             // /home/ada/miniconda3/bin/conda
        public var kind: Kind
        public var version: String?               // "24.9.2"
        public var basePrefix: String             // /home/ada/miniconda3
        public var environments: [String]         // names under envs/
        public init(executable: String, kind: Kind, version: String?, basePrefix: String, environments: [String]) {
            self.executable = executable; self.kind = kind; self.version = version
            self.basePrefix = basePrefix; self.environments = environments
        }
        public enum Kind: String, Codable, Sendable { case conda, mamba }
    }
}
