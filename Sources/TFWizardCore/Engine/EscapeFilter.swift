#if canImport(Glibc)
import Glibc
#endif

/// A table-driven recogniser of terminal control sequences (after the DEC/ECMA-48 state machine that
/// terminal emulators use). It does not interpret sequences: it only tells text and the few layout
/// controls we honour (LF, CR, TAB, BS) apart from everything else, which is dropped. Child output is
/// untrusted, so nothing it sends may reach the real terminal as a control: CSI (cursor moves, clears),
/// OSC (titles, clipboard writes), DCS/SOS/PM/APC strings and C1 controls are all swallowed.
struct EscapeFilter: Sendable {
    enum Action: UInt8, Sendable {
        case none, print, newline, carriageReturn, tab, backspace
    }

    enum State: Int, CaseIterable, Sendable {
        case ground, escape, escapeIntermediate, csi, osc, controlString
    }

    /// What a scalar is, as far as the state machine cares.
    enum CharacterClass: Int, CaseIterable, Sendable {
        case ignored            // NUL, DEL, C0 controls we never honour
        case bell               // BEL: ends an OSC
        case backspace
        case tab
        case lineFeed           // LF, VT, FF
        case carriageReturn
        case cancel             // CAN, SUB: abort a sequence
        case escape
        case intermediate       // 0x20-0x2F
        case parameter          // 0x30-0x3F
        case csiIntroducer      // '['
        case oscIntroducer      // ']'
        case stringIntroducer   // 'P' (DCS), 'X' (SOS), '^' (PM), '_' (APC)
        case backslash          // '\': ESC \ is the string terminator
        case final              // the rest of 0x40-0x7E
        case c1CSI, c1OSC, c1String, c1StringTerminator, c1Other
        case text               // everything from U+00A0 up
    }

    struct Transition: Sendable {
        var action: Action
        var next: State
    }

    /// Longest sequence followed before giving up and returning to text, so an unterminated OSC
    /// cannot swallow all later output.
    static let sequenceLimit = 4096

    private(set) var state: State = .ground
    private var sequenceLength = 0

    static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        switch scalar.value {
        case 0x07: return .bell
        case 0x08: return .backspace
        case 0x09: return .tab
        case 0x0A, 0x0B, 0x0C: return .lineFeed
        case 0x0D: return .carriageReturn
        case 0x18, 0x1A: return .cancel
        case 0x1B: return .escape
        case 0x00...0x1F, 0x7F: return .ignored
        case 0x20...0x2F: return .intermediate
        case 0x30...0x3F: return .parameter
        case 0x5B: return .csiIntroducer
        case 0x5D: return .oscIntroducer
        case 0x50, 0x58, 0x5E, 0x5F: return .stringIntroducer
        case 0x5C: return .backslash
        case 0x40...0x7E: return .final
        case 0x9B: return .c1CSI
        case 0x9D: return .c1OSC
        case 0x90, 0x98, 0x9E, 0x9F: return .c1String
        case 0x9C: return .c1StringTerminator
        case 0x80...0x9F: return .c1Other
        default: return .text
        }
    }

    /// The whole machine as data: `table[state][class]`.
    static let table: [[Transition]] = {
        let classes = CharacterClass.allCases.count
        var table = [[Transition]](repeating: [Transition](repeating: Transition(action: .none, next: .ground),
                                                            count: classes),
                                   count: State.allCases.count)
        func set(_ state: State, _ characterClasses: [CharacterClass], _ action: Action, _ next: State) {
            for characterClass in characterClasses {
                table[state.rawValue][characterClass.rawValue] = Transition(action: action, next: next)
            }
        }
        let printable: [CharacterClass] = [.intermediate, .parameter, .csiIntroducer, .oscIntroducer,
                                           .stringIntroducer, .backslash, .final, .text]
        let layout: [(CharacterClass, Action)] = [(.lineFeed, .newline), (.carriageReturn, .carriageReturn),
                                                  (.tab, .tab), (.backspace, .backspace)]
        for state in State.allCases {
            // C1 introducers and CAN/SUB act the same from every state.
            set(state, [.c1CSI], .none, .csi)
            set(state, [.c1OSC], .none, .osc)
            set(state, [.c1String], .none, .controlString)
            set(state, [.c1StringTerminator, .c1Other, .cancel], .none, .ground)
            set(state, [.escape], .none, .escape)
            set(state, [.ignored], .none, state)
        }
        // Text.
        set(.ground, printable, .print, .ground)
        set(.ground, [.bell], .none, .ground)
        for (characterClass, action) in layout { set(.ground, [characterClass], action, .ground) }
        // After ESC.
        set(.escape, [.csiIntroducer], .none, .csi)
        set(.escape, [.oscIntroducer], .none, .osc)
        set(.escape, [.stringIntroducer], .none, .controlString)
        set(.escape, [.intermediate], .none, .escapeIntermediate)
        set(.escape, [.parameter, .backslash, .final], .none, .ground)   // ESC 7, ESC c, ESC \ ...
        set(.escape, [.text, .bell], .none, .ground)
        for (characterClass, action) in layout { set(.escape, [characterClass], action, .escape) }
        // ESC with intermediates (charset designations such as ESC ( B).
        set(.escapeIntermediate, [.intermediate], .none, .escapeIntermediate)
        set(.escapeIntermediate, [.parameter, .csiIntroducer, .oscIntroducer, .stringIntroducer, .backslash, .final],
            .none, .ground)
        set(.escapeIntermediate, [.text, .bell], .none, .ground)
        for (characterClass, action) in layout { set(.escapeIntermediate, [characterClass], action, .escapeIntermediate) }
        // CSI: parameters and intermediates, then one final byte. Layout controls inside still act.
        set(.csi, [.parameter, .intermediate], .none, .csi)
        set(.csi, [.csiIntroducer, .oscIntroducer, .stringIntroducer, .backslash, .final], .none, .ground)
        set(.csi, [.text, .bell], .none, .ground)
        for (characterClass, action) in layout { set(.csi, [characterClass], action, .csi) }
        // OSC and the other control strings: everything is payload until BEL or ST (ESC \ or U+009C).
        for state in [State.osc, .controlString] {
            set(state, printable, .none, state)
            set(state, [.lineFeed, .carriageReturn, .tab, .backspace], .none, state)
            set(state, [.bell], .none, .ground)
        }
        return table
    }()

    /// Feeds one scalar; returns what the line builder should do with it.
    mutating func consume(_ scalar: Unicode.Scalar) -> Action {
        let transition = Self.table[state.rawValue][Self.classify(scalar).rawValue]
        if transition.next == .ground || transition.next != state {
            sequenceLength = 0
        } else if state != .ground {
            sequenceLength += 1
            if sequenceLength > Self.sequenceLimit {
                // An endless sequence: stop hiding output; what follows is shown as text.
                state = .ground
                sequenceLength = 0
                return .none
            }
        }
        state = transition.next
        return transition.action
    }
}

extension EscapeFilter {
    /// Whether no sequence is open (the next byte is text).
    var isInText: Bool { state == .ground }

    /// The same machine over raw bytes, for the log matcher: the text bytes of `input` go to `output`
    /// (replacing its contents), every control sequence is dropped. Bytes of multi-byte characters are
    /// text to the machine. A line feed inside a sequence is still copied, so line numbers stay those of
    /// the file. Runs without ESC are copied in one go.
    mutating func filterBytes(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(input.count)
        guard let base = input.baseAddress else { return }
        let count = input.count
        var index = 0
        while index < count {
            if state == .ground {
                guard let found = memchr(base + index, 0x1B, count - index) else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<count]))
                    return
                }
                let escapeAt = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<escapeAt]))
                index = escapeAt
            }
            let byte = input[index]
            index += 1
            let scalar = byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(UInt8(0xA0))
            switch consume(scalar) {
            case .print, .newline, .carriageReturn, .tab, .backspace:
                output.append(byte)
            case .none:
                if byte == 10 { output.append(byte) }
            }
        }
    }
}
