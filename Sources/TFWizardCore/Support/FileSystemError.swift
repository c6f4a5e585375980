#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed file operation: the path and the C library's reason ("/x/y: No space left on device").
public struct FileSystemError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var code: Int32

    public init(path: String, code: Int32 = errno) {
        self.path = path
        self.code = code
    }

    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// Reads a whole file as UTF-8 text (invalid bytes become U+FFFD), with the C library's reason on failure.
public enum FileText {
    public static func read(_ path: String) throws(FileSystemError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(path: path) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]); continue }
            if count == 0 { break }
            if errno == EINTR { continue }
            throw FileSystemError(path: path)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
