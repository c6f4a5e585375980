// The floor for bench/first-frame.py: a Swift program on ncursesw, built like tfwizard (release, the
// same module map), that opens the terminal as tfwizard does and draws one frame, then waits for a key.
@preconcurrency import CNcursesw
import Glibc

setlocale(LC_ALL, "")
guard let screen = newterm(getenv("TERM"), stdout, stdin) else { exit(2) }
set_term(screen)
raw(); noecho(); nonl(); keypad(tfw_stdscr(), true); curs_set(0)
for (row, text) in ["minimal ncurses program", "", "Press Enter to begin"].enumerated() {
    var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    _ = tfw_draw(Int32(row + 1), 2, &wide, Int32(wide.count - 1))
}
_ = wrefresh(tfw_stdscr())
wtimeout(tfw_stdscr(), 10_000)
var key: wint_t = 0
_ = get_wch(&key)
endwin()
delscreen(screen)
