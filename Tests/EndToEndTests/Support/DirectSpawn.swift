import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a short command with posix_spawn and waitpid, its output going to a temporary file. Used for
/// tmux: its server, forked from the first client, can keep a pipe's write end open, and Foundation's
/// `Process` has been seen to leave such a client unreaped; neither can hang a test this way.
enum DirectSpawn {
    struct Result { var status: Int32; var output: String }

    static func run(_ argv: [String], timeout: TimeInterval = 20) throws -> Result {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("tfw-spawn-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        let spawned = pointers.withUnsafeBufferPointer { buffer in
            posix_spawnp(&pid, argv[0], &actions, nil, buffer.baseAddress!, environ)
        }
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline { kill(pid, SIGKILL); _ = waitpid(pid, &status, 0); break }
            usleep(10_000)
        }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Result(status: exitStatus, output: output)
    }
}
