import Foundation

/// Child output made safe to draw: escape sequences neutralised, `\r` progress lines rewritten in
/// place, invalid UTF-8 shown as U+FFFD, at most `maxLines` lines kept (the transcript keeps everything).
/// FIRST CUT: a simple line splitter; the engine work replaces it with the full sanitiser, same API.
public struct LogBuffer: Sendable {
    public let maxLines: Int
    public private(set) var lines: [String] = []   // oldest first; the last one may still be growing
    private var current = ""
    private var currentOpen = false

    public init(maxLines: Int = 5000) { self.maxLines = max(1, maxLines) }

    public mutating func append(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for character in text {
            switch character {
            case "\n", "\r\n":
                commit(); current = ""; currentOpen = false
            case "\r":
                current = ""
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) {
                    current.append(character)
                }
            }
            currentOpen = true
        }
        if currentOpen { publishCurrent() }
    }

    private mutating func commit() {
        publishCurrent()
        if lines.count > maxLines { lines.removeFirst(lines.count - maxLines) }
        pendingCommitted = true
    }

    private var pendingCommitted = true
    private mutating func publishCurrent() {
        if pendingCommitted { lines.append(current); pendingCommitted = false } else { lines[lines.count - 1] = current }
    }
}
