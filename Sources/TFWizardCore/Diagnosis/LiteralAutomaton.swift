/// An Aho-Corasick automaton over bytes, compiled to a full transition table, that finds many literals
/// (ASCII case-insensitively) in one pass. Line ends (`\n`, `\r`) lead to a dedicated boundary state,
/// so one flag test per byte tells the scanner about both literal hits and segment ends.
struct LiteralAutomaton: Sendable {
    static let rootState: Int32 = 0
    static let boundaryState: Int32 = 1
    static let flagBoundary: UInt8 = 1
    static let flagOutput: UInt8 = 2

    /// `table[state * 256 + byte]` is the next state.
    let table: [Int32]
    /// Per state: 0, `flagBoundary` or `flagOutput`.
    let flags: [UInt8]
    /// Literal ids ending at each state: `outputs[outputStart[s] ..< outputStart[s + 1]]`.
    let outputStart: [Int32]
    let outputs: [Int32]
    let literalCount: Int

    static func fold(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte + 32 : byte }

    /// `literals` must be non-empty and contain no line-end bytes.
    init(literals: [[UInt8]]) {
        literalCount = literals.count
        // Trie over folded bytes; state 1 is reserved for the boundary.
        var children: [[UInt8: Int32]] = [[:], [:]]
        var own: [[Int32]] = [[], []]
        for (id, literal) in literals.enumerated() {
            var state: Int32 = 0
            for raw in literal {
                let byte = LiteralAutomaton.fold(raw)
                if let next = children[Int(state)][byte] {
                    state = next
                } else {
                    let next = Int32(children.count)
                    children.append([:]); own.append([])
                    children[Int(state)][byte] = next
                    state = next
                }
            }
            own[Int(state)].append(Int32(id))
        }
        let stateCount = children.count
        var table = [Int32](repeating: 0, count: stateCount * 256)
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputsPerState = own
        var queue: [Int32] = []
        var queued = [Bool](repeating: false, count: stateCount)
        for byte in 0..<256 {
            let folded = LiteralAutomaton.fold(UInt8(byte))
            if let child = children[0][folded] {
                table[byte] = child
                if !queued[Int(child)] { queued[Int(child)] = true; queue.append(child) }
            }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head]); head += 1
            let fail = Int(failure[state])
            outputsPerState[state].append(contentsOf: outputsPerState[fail].filter { !outputsPerState[state].contains($0) })
            for byte in 0..<256 {
                let folded = LiteralAutomaton.fold(UInt8(byte))
                if let child = children[state][folded] {
                    table[state * 256 + byte] = child
                    if !queued[Int(child)] {
                        queued[Int(child)] = true
                        failure[Int(child)] = table[fail * 256 + byte]
                        queue.append(child)
                    }
                } else {
                    table[state * 256 + byte] = table[fail * 256 + byte]
                }
            }
        }
        for state in 0..<stateCount {
            table[state * 256 + 10] = LiteralAutomaton.boundaryState
            table[state * 256 + 13] = LiteralAutomaton.boundaryState
        }
        // The boundary state behaves like the root.
        for byte in 0..<256 { table[256 + byte] = table[byte] }
        var flags = [UInt8](repeating: 0, count: stateCount)
        flags[1] = LiteralAutomaton.flagBoundary
        var outputStart: [Int32] = []
        var outputs: [Int32] = []
        for state in 0..<stateCount {
            outputStart.append(Int32(outputs.count))
            if state > 1 && !outputsPerState[state].isEmpty {
                flags[state] = LiteralAutomaton.flagOutput
                outputs.append(contentsOf: outputsPerState[state])
            }
        }
        outputStart.append(Int32(outputs.count))
        self.table = table; self.flags = flags; self.outputStart = outputStart; self.outputs = outputs
    }
}
