import FoundationEssentials
import TFWizardYAML
#if canImport(Glibc)
import Glibc
#endif

/// Read access to the files of the top-level `Resources/` folder, embedded into the binary at build time.
/// The program reads only the files it runs (the probe and check scripts) this way: the catalogs, the
/// context rules and the string tables come already composed (`EmbeddedYAML`, `EmbeddedStrings`).
public enum ResourceStore {
    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self {
            case .missing(let path): return "built-in resource Resources/\(path) is missing"
            }
        }
    }

    /// Paths relative to `Resources/`, e.g. `strings/en.json`.
    public static var paths: [String] { EmbeddedResources.files.keys.sorted() }

    public static func data(_ path: String) throws -> Data {
        TextParsingLog.current?.note(path)
        guard let base64 = EmbeddedResources.files[path], let data = Data(base64Encoded: base64) else {
            throw Failure.missing(path)
        }
        return data
    }

    public static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }
}
