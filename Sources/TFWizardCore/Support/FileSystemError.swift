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
