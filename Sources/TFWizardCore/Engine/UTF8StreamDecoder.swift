/// Decodes UTF-8 that arrives in arbitrary chunks: a sequence split across two chunks decodes as one
/// scalar, and every ill-formed subsequence becomes one U+FFFD (the "maximal subpart" rule of Unicode).
struct UTF8StreamDecoder: Sendable {
    private var pending: [UInt8] = []   // the start of an incomplete sequence, at most 3 bytes
    private var expected = 0            // the full length of the sequence `pending` starts

    static let replacement = Unicode.Scalar(0xFFFD)!

    /// True between sequences, when a byte below 0x80 is a whole character.
    var isIdle: Bool { pending.isEmpty }

    /// Feeds bytes; `emit` gets each decoded scalar in order.
    mutating func decode(_ bytes: some Sequence<UInt8>, _ emit: (Unicode.Scalar) -> Void) {
        for byte in bytes { feed(byte, emit) }
    }

    /// Ends the stream: an incomplete sequence left over becomes U+FFFD.
    mutating func finish(_ emit: (Unicode.Scalar) -> Void) {
        if !pending.isEmpty { emit(Self.replacement); pending.removeAll(); expected = 0 }
    }

    private mutating func feed(_ byte: UInt8, _ emit: (Unicode.Scalar) -> Void) {
        if pending.isEmpty {
            start(byte, emit)
            return
        }
        guard Self.isValidContinuation(byte, at: pending.count, after: pending[0]) else {
            // The partial sequence is ill-formed: replace it, then read this byte afresh.
            emit(Self.replacement)
            pending.removeAll(); expected = 0
            start(byte, emit)
            return
        }
        pending.append(byte)
        if pending.count == expected {
            emit(Self.scalar(from: pending))
            pending.removeAll(); expected = 0
        }
    }

    private mutating func start(_ byte: UInt8, _ emit: (Unicode.Scalar) -> Void) {
        switch byte {
        case 0x00...0x7F: emit(Unicode.Scalar(byte))
        case 0xC2...0xDF: pending = [byte]; expected = 2
        case 0xE0...0xEF: pending = [byte]; expected = 3
        case 0xF0...0xF4: pending = [byte]; expected = 4
        default: emit(Self.replacement)   // stray continuation byte, C0/C1 overlong lead, or > U+10FFFF
        }
    }

    /// The second byte's range depends on the lead byte (no overlongs, no surrogates, nothing past U+10FFFF).
    private static func isValidContinuation(_ byte: UInt8, at position: Int, after lead: UInt8) -> Bool {
        if position == 1 {
            switch lead {
            case 0xE0: return (0xA0...0xBF).contains(byte)
            case 0xED: return (0x80...0x9F).contains(byte)
            case 0xF0: return (0x90...0xBF).contains(byte)
            case 0xF4: return (0x80...0x8F).contains(byte)
            default: return (0x80...0xBF).contains(byte)
            }
        }
        return (0x80...0xBF).contains(byte)
    }

    private static func scalar(from bytes: [UInt8]) -> Unicode.Scalar {
        var value: UInt32
        switch bytes.count {
        case 2: value = UInt32(bytes[0] & 0x1F)
        case 3: value = UInt32(bytes[0] & 0x0F)
        default: value = UInt32(bytes[0] & 0x07)
        }
        for byte in bytes.dropFirst() { value = (value << 6) | UInt32(byte & 0x3F) }
        return Unicode.Scalar(value) ?? replacement
    }
}
