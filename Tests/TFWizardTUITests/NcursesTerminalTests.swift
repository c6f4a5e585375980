import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore
@testable import TFWizardTUI
import XCTest

/// The real ncurses backend, on a pseudo-terminal: opens with newterm, draws wide text, decodes keys,
/// and gives the terminal back.
final class NcursesTerminalTests: XCTestCase {
    func testDrawsAndReadsKeysOnAPseudoTerminal() throws {
        // /dev/ptmx by hand: posix_openpt and friends are not visible to Swift's Glibc module.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw XCTSkip("no pseudo-terminals here")
        }
        let name = "/dev/pts/\(number)"
        let slave = open(name, O_RDWR | O_NOCTTY)
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        defer { close(master) }

        let previousLocale = getenv("LC_ALL").map { String(cString: $0) }
        setenv("LC_ALL", "C.UTF-8", 1)
        fflush(nil)
        let savedIn = dup(0), savedOut = dup(1)
        dup2(slave, 0); dup2(slave, 1)

        var opened: NcursesTerminal?
        var openError: Error?
        var keys: [Key?] = []
        var reportedSize: TerminalSize?
        do {
            let terminal = try NcursesTerminal(environment: ["TERM": "xterm", "NO_COLOR": "1"], strings: Strings(language: "en"))
            opened = terminal
            reportedSize = terminal.size
            terminal.clear()
            terminal.draw("中文 hello", row: 3, column: 5, style: .bold)
            terminal.refresh()
            for input in ["\u{1b}OA", "中", "\u{3}", "\u{1b}[6~"] {
                _ = input.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
                keys.append(terminal.readKey(timeoutMilliseconds: 1000))
            }
            terminal.close()
        } catch {
            openError = error
        }
        fflush(nil)
        dup2(savedIn, 0); dup2(savedOut, 1)
        close(savedIn); close(savedOut); close(slave)
        if let previousLocale { setenv("LC_ALL", previousLocale, 1) } else { unsetenv("LC_ALL") }

        XCTAssertNil(openError)
        XCTAssertNotNil(opened)
        XCTAssertEqual(reportedSize, TerminalSize(rows: 24, columns: 80))
        XCTAssertEqual(keys, [.up, .character("中"), .interrupt, .pageDown])

        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        _ = fcntl(master, F_SETFL, O_NONBLOCK)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        let text = String(decoding: output, as: UTF8.self)
        XCTAssertTrue(text.contains("中文 hello"), "drawn text reaches the terminal")
        XCTAssertTrue(text.contains("\u{1b}[?1049l") || text.contains("\u{1b}[?47l") || text.contains("\u{1b}[?1l"),
                      "endwin restored the terminal")
    }
}
