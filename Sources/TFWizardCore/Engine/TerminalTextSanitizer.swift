/// Turns raw terminal output (bytes, in chunks of any size) into plain lines that are safe to draw:
/// UTF-8 decoded across chunk boundaries (invalid bytes become U+FFFD), control sequences dropped,
/// tabs expanded, `\r` rewriting the line in place, CRLF one line break, and lines longer than
/// `maxLineLength` scalars wrapped so that memory stays bounded whatever the child prints.
public struct TerminalTextSanitizer: Sendable {
    public let maxLineLength: Int
    public static let tabWidth = 8

    private var decoder = UTF8StreamDecoder()
    private var filter = EscapeFilter()
    private var current: [UInt8] = []   // UTF-8 of the line being written
    private var currentCount = 0
    /// After `\r` the next printed character starts the line afresh (how progress bars redraw).
    private var rewriteOnNextPrint = false
    /// Whether anything arrived since the last line break (a bare `\r` line still shows its old text).
    public private(set) var hasPartialLine = false

    public init(maxLineLength: Int = 4096) {
        self.maxLineLength = max(16, maxLineLength)
    }

    /// The line being written, not yet ended by a newline.
    public var partialLine: String { String(decoding: current, as: UTF8.self) }

    /// Feeds bytes; `onLine` receives each completed line, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>, onLine: (String) -> Void) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in feed(buffer: buffer, onLine: onLine) }
        if handled == nil { Array(bytes).withUnsafeBufferPointer { feed(buffer: $0, onLine: onLine) } }
    }

    private mutating func feed(buffer bytes: UnsafeBufferPointer<UInt8>, onLine: (String) -> Void) {
        var decoder = self.decoder
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // Fast path for the common case: a run of printable ASCII in plain text, appended at once.
            if Self.isPrintableASCII(byte), decoder.isIdle, filter.state == .ground {
                var end = index + 1
                while end < bytes.count, Self.isPrintableASCII(bytes[end]) { end += 1 }
                putPrintableASCII(UnsafeBufferPointer(rebasing: bytes[index..<end]), onLine: onLine)
                index = end
            } else {
                decoder.decode(CollectionOfOne(byte)) { scalar in apply(scalar, onLine: onLine) }
                index += 1
            }
        }
        self.decoder = decoder
    }

    @inline(__always)
    private static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E }

    /// `put` for each byte of a run of printable ASCII, a slice at a time: the same lines, wrapped at
    /// the same places.
    private mutating func putPrintableASCII(_ run: UnsafeBufferPointer<UInt8>, onLine: (String) -> Void) {
        var start = 0
        while start < run.count {
            if rewriteOnNextPrint {
                current.removeAll(keepingCapacity: true)
                currentCount = 0
                rewriteOnNextPrint = false
            }
            if currentCount >= maxLineLength { endLine(onLine) }
            let take = min(run.count - start, maxLineLength - currentCount)
            current.append(contentsOf: UnsafeBufferPointer(rebasing: run[start..<(start + take)]))
            currentCount += take
            hasPartialLine = true
            start += take
        }
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
                while let last = current.popLast(), last & 0xC0 == 0x80 {}   // drop one whole character
                currentCount -= 1
            }
        }
    }

    private mutating func put(_ scalar: Unicode.Scalar, onLine: (String) -> Void) {
        if rewriteOnNextPrint {
            current.removeAll(keepingCapacity: true)
            currentCount = 0
            rewriteOnNextPrint = false
        }
        if currentCount >= maxLineLength { endLine(onLine) }
        if scalar.isASCII {
            current.append(UInt8(scalar.value))
        } else {
            current.append(contentsOf: UTF8.encode(scalar)!)
        }
        currentCount += 1
        hasPartialLine = true
    }

    private mutating func endLine(_ onLine: (String) -> Void) {
        onLine(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
        currentCount = 0
        rewriteOnNextPrint = false
        hasPartialLine = false
    }
}
