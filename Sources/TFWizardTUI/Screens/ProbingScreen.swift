import TFWizardCore

/// The first frame, drawn as soon as the terminal is open, before the probe (a second or so with many
/// interpreters on PATH): the welcome screen's title and introduction, and a line saying the machine is
/// being looked at. The welcome screen replaces it once the facts are in.
enum ProbingScreen {
    static func render(on terminal: Terminal, strings: Strings, recordedMachine: String?) {
        let canvas = Canvas(terminal: terminal, size: terminal.size)
        let screen = strings["screen.welcome"]
        let title = recordedMachine.map { strings.text("recorded.frame.title", ["machine": $0, "screen": screen]) }
            ?? strings.text("frame.title", ["screen": screen])
        terminal.clear()
        canvas.bar(" " + title, row: 0, style: .reverse)
        let row = canvas.paragraph(strings["welcome.intro"], row: canvas.bodyTop)
        canvas.text(strings["welcome.probing"], row: row + 1, column: canvas.left, style: .dim)
        terminal.refresh()
    }
}
