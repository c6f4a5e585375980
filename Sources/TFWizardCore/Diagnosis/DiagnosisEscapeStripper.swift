#if canImport(Glibc)
import Glibc
#endif

/// Removes terminal escape sequences (CSI, OSC, charset selection, two-byte escapes) from a byte stream,
/// keeping its state across chunks. A line end always ends a sequence, so a broken one never eats lines.
struct DiagnosisEscapeStripper: Sendable {
    private enum State { case text, escape, csi, osc, oscEscape, charset }
    private var state = State.text

    var isInText: Bool { state == .text }

    mutating func filter(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(input.count)
        guard let base = input.baseAddress else { return }
        let count = input.count
        var index = 0
        while index < count {
            if state == .text {
                // Copy the run up to the next ESC in one go.
                guard let found = memchr(base + index, 0x1B, count - index) else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<count]))
                    return
                }
                let escapeAt = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<escapeAt]))
                state = .escape
                index = escapeAt + 1
                continue
            }
            let byte = input[index]
            index += 1
            if byte == 10 || byte == 13 {
                state = .text
                output.append(byte)
                continue
            }
            switch state {
            case .text:
                output.append(byte)
            case .escape:
                switch byte {
                case UInt8(ascii: "["): state = .csi
                case UInt8(ascii: "]"): state = .osc
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"): state = .charset
                default: state = .text
                }
            case .csi:
                if byte >= 0x40 && byte <= 0x7E { state = .text }
            case .osc:
                if byte == 0x07 { state = .text } else if byte == 0x1B { state = .oscEscape }
            case .oscEscape, .charset:
                state = .text
            }
        }
    }
}
