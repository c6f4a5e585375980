#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole writes to standard output and error, and reading standard input to its end, on file
/// descriptors directly (FileHandle is not part of FoundationEssentials).
public enum StandardStreams {
    public static func writeOutput(_ text: String) { writeAll(STDOUT_FILENO, text) }
    public static func writeError(_ text: String) { writeAll(STDERR_FILENO, text) }

    /// Everything on standard input, decoded as UTF-8 (invalid bytes become U+FFFD).
    public static func readInput() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]); continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeAll(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return   // a closed pipe: nothing more can be said there
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
