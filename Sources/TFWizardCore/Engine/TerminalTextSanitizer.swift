/// Turns raw terminal output (bytes, in chunks of any size) into plain lines that are safe to draw:
/// UTF-8 decoded across chunk boundaries (invalid bytes become U+FFFD), control sequences dropped,
/// tabs expanded, `\r` rewriting the line in place, CRLF one line break, and lines longer than
/// `maxLineLength` scalars wrapped so that memory stays bounded whatever the child prints.
public struct TerminalTextSanitizer: Sendable {
    public let maxLineLength: Int
    public static let tabWidth = 8

    private var decoder = UTF8StreamDecoder()
    private var filter = EscapeFilter()
    private var current = String.UnicodeScalarView()
    private var currentCount = 0
    /// After `\r` the next printed character starts the line afresh (how progress bars redraw).
    private var rewriteOnNextPrint = false
    /// Whether anything arrived since the last line break (a bare `\r` line still shows its old text).
    public private(set) var hasPartialLine = false

    public init(maxLineLength: Int = 4096) {
        self.maxLineLength = max(16, maxLineLength)
    }

    /// The line being written, not yet ended by a newline.
    public var partialLine: String { String(current) }

    /// Feeds bytes; `onLine` receives each completed line, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>, onLine: (String) -> Void) {
        var decoder = self.decoder
        decoder.decode(bytes) { scalar in apply(scalar, onLine: onLine) }
        self.decoder = decoder
    }

    /// Ends the stream: an incomplete UTF-8 sequence shows as U+FFFD, and the partial line is completed.
    public mutating func finish(onLine: (String) -> Void) {
        var decoder = self.decoder
        decoder.finish { scalar in apply(scalar, onLine: onLine) }
        self.decoder = decoder
        if hasPartialLine { endLine(onLine) }
    }

    private mutating func apply(_ scalar: Unicode.Scalar, onLine: (String) -> Void) {
        switch filter.consume(scalar) {
        case .none:
            break
        case .print:
            put(scalar, onLine: onLine)
        case .tab:
            let spaces = Self.tabWidth - currentCount % Self.tabWidth
            for _ in 0..<spaces { put(" ", onLine: onLine) }
        case .newline:
            endLine(onLine)
        case .carriageReturn:
            rewriteOnNextPrint = true
            hasPartialLine = true
        case .backspace:
            if !rewriteOnNextPrint, currentCount > 0 {
                current.removeLast()
                currentCount -= 1
            }
        }
    }

    private mutating func put(_ scalar: Unicode.Scalar, onLine: (String) -> Void) {
        if rewriteOnNextPrint {
            current = String.UnicodeScalarView()
            currentCount = 0
            rewriteOnNextPrint = false
        }
        if currentCount >= maxLineLength { endLine(onLine) }
        current.append(scalar)
        currentCount += 1
        hasPartialLine = true
    }

    private mutating func endLine(_ onLine: (String) -> Void) {
        onLine(String(current))
        current = String.UnicodeScalarView()
        currentCount = 0
        rewriteOnNextPrint = false
        hasPartialLine = false
    }
}
