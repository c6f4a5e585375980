import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What the user chose: from the wizard's screens or an answer file (YAML, keys fixed by design.md).
public struct Answers: Codable, Equatable, Sendable {
    public enum Device: String, Codable, CaseIterable, Sendable { case cpu, gpu }
    public enum Method: String, Codable, CaseIterable, Sendable {
        case venv, systemPip = "system-pip", docker, conda, source
    }
    public enum Package: String, Codable, CaseIterable, Sendable {
        case tensorflow, tensorflowCPU = "tensorflow-cpu", tfNightly = "tf-nightly"
    }
    public struct Docker: Codable, Equatable, Sendable {
        public var imageTag: String
        public var jupyter: Bool
        public init(imageTag: String = "latest", jupyter: Bool = false) { self.imageTag = imageTag; self.jupyter = jupyter }
        enum CodingKeys: String, CodingKey { case imageTag = "image_tag", jupyter }
    }

    public var device: Device
    public var method: Method
    public var python: String?        // "3.12" or an interpreter path; nil: the best supported one found
    public var package: Package
    public var version: String        // "latest" or "2.21.0"
    public var venv: String           // may start with ~
    public var indexURL: String?
    public var proxy: String?         // may hold credentials: never logged in clear
    public var docker: Docker

    public static let defaultVenv = "~/tensorflow/venv"

    public init(device: Device = .cpu, method: Method = .venv, python: String? = nil,
                package: Package = .tensorflow, version: String = "latest", venv: String = Answers.defaultVenv,
                indexURL: String? = nil, proxy: String? = nil, docker: Docker = Docker()) {
        self.device = device; self.method = method; self.python = python; self.package = package
        self.version = version; self.venv = venv; self.indexURL = indexURL; self.proxy = proxy; self.docker = docker
    }

    enum CodingKeys: String, CodingKey {
        case device, method, python, package, version, venv, indexURL = "index_url", proxy, docker
    }
}
