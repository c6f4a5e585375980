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
    /// What creates the environment and installs the packages: pip (the guide's way) or uv (from the
    /// package index into a tool environment of its own; the same packages, downloaded in parallel).
    public enum Installer: String, Codable, CaseIterable, Sendable { case pip, uv }
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
    /// Requirements added to the TensorFlow install (`numpy<2`): fixes applied during a run, kept so a
    /// replay does not meet the same error.
    public var pins: [String]
    public var installer: Installer

    public static let defaultVenv = "~/tensorflow/venv"

    public init(device: Device = .cpu, method: Method = .venv, python: String? = nil,
                package: Package = .tensorflow, version: String = "latest", venv: String = Answers.defaultVenv,
                indexURL: String? = nil, proxy: String? = nil, docker: Docker = Docker(), pins: [String] = [],
                installer: Installer = .pip) {
        self.device = device; self.method = method; self.python = python; self.package = package
        self.version = version; self.venv = venv; self.indexURL = indexURL; self.proxy = proxy; self.docker = docker
        self.pins = pins; self.installer = installer
    }

    enum CodingKeys: String, CodingKey {
        case device, method, python, package, version, venv, indexURL = "index_url", proxy, docker, pins, installer
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(device: try container.decode(Device.self, forKey: .device),
                  method: try container.decode(Method.self, forKey: .method),
                  python: try container.decodeIfPresent(String.self, forKey: .python),
                  package: try container.decode(Package.self, forKey: .package),
                  version: try container.decode(String.self, forKey: .version),
                  venv: try container.decode(String.self, forKey: .venv),
                  indexURL: try container.decodeIfPresent(String.self, forKey: .indexURL),
                  proxy: try container.decodeIfPresent(String.self, forKey: .proxy),
                  docker: try container.decode(Docker.self, forKey: .docker),
                  pins: try container.decodeIfPresent([String].self, forKey: .pins) ?? [],
                  installer: try container.decodeIfPresent(Installer.self, forKey: .installer) ?? .pip)
    }

    /// `pins` with `more` added: a requirement on a package already pinned replaces the old one.
    public func pinning(_ more: [String]) -> Answers {
        var copy = self
        for pin in more {
            let name = Answers.requirementName(pin)
            copy.pins.removeAll { Answers.requirementName($0) == name }
            copy.pins.append(pin)
        }
        return copy
    }

    /// The project name of a requirement (`numpy` of `numpy<2`), lowercased, `_` and `.` as `-`.
    public static func requirementName(_ requirement: String) -> String {
        let name = requirement.prefix { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        return String(name).lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 }.map(String.init).joined()
    }

    /// A requirement as pip reads it, without spaces or shell characters: `numpy<2`, `protobuf==3.20.3`,
    /// `ml-dtypes>=0.3,<0.5`.
    public static func isRequirement(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.<>=!~,*[]".contains($0)) }
    }
}
