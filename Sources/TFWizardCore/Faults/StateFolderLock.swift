import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One tfwizard at a time per state folder: `tfwizard.lock` in it, held with `flock` for as long as the
/// process lives (the kernel lets go when it dies, even by SIGKILL), with the holder's pid written inside
/// so a second one can be refused by name. Two runs in one folder would write one in-progress marker
/// and resume from each other's steps.
public final class StateFolderLock: @unchecked Sendable {
    public static let fileName = "tfwizard.lock"

    /// Another tfwizard holds the folder.
    public struct Held: Error, Equatable, CustomStringConvertible {
        public var directory: String
        public var pid: Int32?
        public func message(strings: Strings) -> String {
            strings.text("faults.stateLock.held", ["pid": pid.map(String.init) ?? "?", "dir": directory])
        }
        public var description: String { message(strings: Strings(language: "en")) }
    }

    public let path: String
    private let descriptor: Int32

    /// Takes the folder's lock, or says who has it. The folder must exist.
    public init(directory: String) throws {
        path = directory + "/" + Self.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileSystemError(path: path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            defer { close(descriptor) }
            guard code == EWOULDBLOCK else { throw FileSystemError(path: path, code: code) }
            throw Held(directory: directory, pid: Self.holder(descriptor))
        }
        self.descriptor = descriptor
        let text = Array("\(getpid())\n".utf8)
        ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(descriptor) }

    /// The pid the holder wrote (it writes it right after taking the lock: a moment's race reads none).
    private static func holder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).filter(\.isNumber))
    }
}
