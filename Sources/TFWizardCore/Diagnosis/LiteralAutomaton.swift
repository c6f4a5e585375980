/// An Aho-Corasick automaton over bytes, compiled to a transition table, that finds many literals
/// (ASCII case-insensitively) in one pass. Bytes are first mapped to classes (one per distinct folded byte
/// used by a literal, one for line ends, one for everything else), which keeps the table small enough to
/// stay in cache. Line ends (`\n`, `\r`) lead to a dedicated boundary state, so one flag test per byte
/// tells the scanner about both literal hits and segment ends.
struct LiteralAutomaton: Sendable {
    static let rootState: Int32 = 0
    static let boundaryState: Int32 = 1
    static let flagBoundary: Int32 = 1
    static let flagOutput: Int32 = 2

    /// Byte -> class.
    let classOf: [UInt8]
    let classCount: Int
    /// `packed[row + classOf[byte]]` is `(nextRow << 2) | flag`, where a row is `state * classCount`
    /// and flag is 0, `flagBoundary` or `flagOutput`: one load gives the next row and whether anything happened.
    let packed: [Int32]
    /// Literal ids ending at each state: `outputs[outputStart[s] ..< outputStart[s + 1]]`.
    let outputStart: [Int32]
    let outputs: [Int32]
    let literalCount: Int

    static func fold(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte + 32 : byte }

    /// `literals` must contain no line-end bytes.
    init(literals: [[UInt8]]) {
        literalCount = literals.count
        // Classes: 0 other bytes, 1 line ends, then one per folded byte that literals use.
        var classOf = [UInt8](repeating: 0, count: 256)
        classOf[10] = 1; classOf[13] = 1
        var classCount = 2
        for literal in literals {
            for raw in literal where classOf[Int(LiteralAutomaton.fold(raw))] == 0 {
                let folded = LiteralAutomaton.fold(raw)
                precondition(classCount < 256, "too many byte classes")
                classOf[Int(folded)] = UInt8(classCount)
                classCount += 1
            }
        }
        for byte in 65...90 { classOf[byte] = classOf[byte + 32] }
        self.classOf = classOf
        self.classCount = classCount

        // Trie over classes; state 1 is reserved for the boundary.
        var children: [[UInt8: Int32]] = [[:], [:]]
        var own: [[Int32]] = [[], []]
        for (id, literal) in literals.enumerated() {
            var state: Int32 = 0
            for raw in literal {
                let symbol = classOf[Int(raw)]
                if let next = children[Int(state)][symbol] {
                    state = next
                } else {
                    let next = Int32(children.count)
                    children.append([:]); own.append([])
                    children[Int(state)][symbol] = next
                    state = next
                }
            }
            own[Int(state)].append(Int32(id))
        }
        let stateCount = children.count
        var table = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputsPerState = own
        var queue: [Int32] = []
        for symbol in 2..<classCount {
            if let child = children[0][UInt8(symbol)] {
                table[symbol] = child
                queue.append(child)
            }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head]); head += 1
            let fail = Int(failure[state])
            outputsPerState[state].append(contentsOf: outputsPerState[fail].filter { !outputsPerState[state].contains($0) })
            for symbol in 2..<classCount {
                if let child = children[state][UInt8(symbol)] {
                    table[state * classCount + symbol] = child
                    failure[Int(child)] = table[fail * classCount + symbol]
                    queue.append(child)
                } else {
                    table[state * classCount + symbol] = table[fail * classCount + symbol]
                }
            }
        }
        for state in 0..<stateCount { table[state * classCount + 1] = LiteralAutomaton.boundaryState }
        // The boundary state behaves like the root.
        for symbol in 0..<classCount { table[classCount + symbol] = table[symbol] }
        var flags = [Int32](repeating: 0, count: stateCount)
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
        self.outputStart = outputStart
        self.outputs = outputs
        self.packed = table.map { next in ((next * Int32(classCount)) << 2) | flags[Int(next)] }
    }
}
