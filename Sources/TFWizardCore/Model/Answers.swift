import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What the user chose: from the wizard's screens or an answer file (YAML, keys fixed by design.md).
public struct Answers: Codable, Equatable, Sendable {
    public enum Device: String, Codable, CaseIterable, Sendable { case cpu, gpu }
    /// An install method by its answer-file word ("venv", "system-pip"). Each method declares its own
    /// (`Answers.Method.venv` in Methods/VenvMethod.swift); `InstallMethods` says what they do.
    public struct Method: RawRepresentable, Hashable, Codable, CaseIterable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// A method of this name, whether a registry knows it or not (a method of its own in a test).
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// One of the built-in methods (`InstallMethods.all`); nil for any other word.
        public init?(rawValue: String) {
            guard InstallMethods.all[Method(rawValue)] != nil else { return nil }
            self.rawValue = rawValue
        }
        /// The built-in methods, in the method screen's order.
        public static var allCases: [Method] { InstallMethods.all.ids }
        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            let word = try decoder.singleValueContainer().decode(String.self)
            guard let method = Method(rawValue: word) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "no install method is called \(word)"))
            }
            self = method
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
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
