import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Matches a log against the error catalog in one streaming pass.
///
/// Every byte goes through one Aho-Corasick automaton holding the literal of every pattern (plus a few
/// generic words that make a line look like an error, and the context lines of `DiagnosisContextRules`);
/// only lines that contain a literal are decoded and, where the pattern has one, checked with its regular
/// expression. What a match counts for is decided at the end: a pip retry warning only if no success
/// followed it, a GPU-dependent line by whether the machine has a GPU. Memory stays bounded: a line is
/// kept up to `maxKeptLineLength` bytes, and only a few matches per catalog entry, the first line of each
/// kind of GPU evidence and the last few error-looking lines are remembered.
public final class Diagnoser {
    public static let maxKeptLineLength = 16 * 1024
    public static let rememberedErrorLines = 8
    public static let maxDisplayLength = 400

    /// Words that make an otherwise unknown line look like an error.
    static let errorWords = [
        "error", "traceback (most recent call last)", "exception", "failed", "fatal", "cannot ", "could not ",
        "unable to", "permission denied", "not found", "illegal instruction", "segmentation fault", "killed",
        "core dumped", "no such file",
    ]

    private struct PatternCheck {
        enum Target {
            /// A catalog entry; `needsGPU`: its severity depends on whether the machine has a GPU.
            case entry(Int, needsGPU: Bool)
            case context(DiagnosisContextRules.Kind)
        }
        let target: Target
        let regex: PosixRegex?
    }

    /// What one catalog entry was found as, kept until the end decides which counts.
    private struct EntryFindings {
        /// The first plain match.
        var firm: Match?
        /// The last match on a pip retry line: it counts only when no success follows it.
        var retried: Match?
        /// The first match of a pattern that is a failure only on a machine with a GPU.
        var gpuDependent: Match?
    }

    public let catalog: ErrorCatalog
    /// The probe's answer for this machine, used when the log does not say whether it has a GPU.
    public let thisMachine: ThisMachineGPU?
    private let automaton: LiteralAutomaton
    /// Literal id -> the patterns it stands for (empty for the error words).
    private let checksByLiteral: [[PatternCheck]]
    private let errorWordLiterals: Set<Int32>

    private var state: Int32 = LiteralAutomaton.rootState
    private var lineNumber = 1
    private var carry: [UInt8] = []
    private var segmentHits: [Int32] = []
    private var hitStamp: [Int]
    private var segmentSerial = 1
    private var escapeFilter = EscapeFilter()
    private var filtered: [UInt8] = []
    /// Indexed like `catalog.entries`; `hasFirmMatch` lets a line repeating a known match cost no copy.
    private var findings: [EntryFindings]
    private var hasFirmMatch: [Bool]
    /// Literals of the retry-warning patterns: a line is checked for them before its matches are recorded.
    private let retryLiterals: Set<Int32>
    /// The first line of each kind of GPU evidence.
    private var gpuEvidence: [DiagnosisContextRules.Kind: (line: Int, text: String)] = [:]
    private var lastSuccessLine = 0
    private var recentErrorLines: [String] = []
    private var sawAnyByte = false
    private var lastByteWasNewline = false
    private var finished: Diagnosis?

    /// - Parameter thisMachine: the probe's answer when the log comes from the machine `doctor` runs on.
    public init(catalog: ErrorCatalog, thisMachine: ThisMachineGPU? = nil) {
        self.catalog = catalog
        self.thisMachine = thisMachine
        var literalIDs: [String: Int] = [:]
        var literals: [[UInt8]] = []
        var checks: [[PatternCheck]] = []
        func literalID(_ text: String) -> Int {
            let key = text.lowercased()
            if let id = literalIDs[key] { return id }
            let id = literals.count
            literalIDs[key] = id
            literals.append(Array(text.utf8).filter { $0 != 10 && $0 != 13 })
            checks.append([])
            return id
        }
        func check(_ pattern: ErrorPattern, _ target: PatternCheck.Target) {
            let regex = pattern.regex.flatMap { try? PosixRegex($0, ignoreCase: pattern.ignoreCase) }
            checks[literalID(pattern.literal)].append(PatternCheck(target: target, regex: regex))
        }
        for (entryIndex, entry) in catalog.entries.enumerated() {
            for pattern in entry.patterns { check(pattern, .entry(entryIndex, needsGPU: pattern.needsGPU)) }
        }
        for kind in DiagnosisContextRules.Kind.allCases {
            for pattern in catalog.context.patterns[kind] ?? [] { check(pattern, .context(kind)) }
        }
        var retry = Set<Int32>()
        for pattern in catalog.context.patterns[.retryWarning] ?? [] { retry.insert(Int32(literalID(pattern.literal))) }
        retryLiterals = retry
        findings = [EntryFindings](repeating: EntryFindings(), count: catalog.entries.count)
        hasFirmMatch = [Bool](repeating: false, count: catalog.entries.count)
        var errorWords = Set<Int32>()
        for word in Diagnoser.errorWords { errorWords.insert(Int32(literalID(word))) }
        automaton = LiteralAutomaton(literals: literals)
        checksByLiteral = checks
        errorWordLiterals = errorWords
        hitStamp = [Int](repeating: 0, count: literals.count)
    }

    /// Forgets the log read so far, keeping the compiled catalog, to diagnose another log.
    public func reset() {
        state = LiteralAutomaton.rootState
        lineNumber = 1
        carry.removeAll(keepingCapacity: true)
        segmentHits.removeAll(keepingCapacity: true)
        hitStamp = [Int](repeating: 0, count: hitStamp.count)
        segmentSerial = 1
        escapeFilter = EscapeFilter()
        filtered.removeAll(keepingCapacity: true)
        findings = [EntryFindings](repeating: EntryFindings(), count: catalog.entries.count)
        hasFirmMatch = [Bool](repeating: false, count: catalog.entries.count)
        gpuEvidence.removeAll()
        lastSuccessLine = 0
        recentErrorLines.removeAll()
        sawAnyByte = false
        lastByteWasNewline = false
        finished = nil
    }

    /// Feeds the next bytes of the log, in any chunking.
    public func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { feed($0) }
    }

    public func feed(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard finished == nil, let base = buffer.baseAddress, buffer.count > 0 else { return }
        if escapeFilter.isInText && memchr(base, 0x1B, buffer.count) == nil {
            scan(buffer)
        } else {
            escapeFilter.filterBytes(buffer, into: &filtered)
            filtered.withUnsafeBufferPointer { scan($0) }
        }
    }

    /// Ends the input and ranks what was found. Calling it again returns the same result.
    public func finish() -> Diagnosis {
        if let finished { return finished }
        if !carry.isEmpty || !segmentHits.isEmpty {
            endSegment(UnsafeBufferPointer(start: nil, count: 0), from: 0, to: 0, tailOnly: true)
        }
        let linesRead = !sawAnyByte || lastByteWasNewline ? lineNumber - 1 : lineNumber
        let gpu = resolvedGPUContext()
        var counted: [(entryIndex: Int, match: Match)] = []
        for (entryIndex, found) in findings.enumerated() {
            if let firm = found.firm {
                counted.append((entryIndex, firm))
            } else if let retried = found.retried, retried.lineNumber > lastSuccessLine {
                counted.append((entryIndex, retried))
            } else if var dependent = found.gpuDependent {
                dependent.gpu = gpu
                dependent.severity = gpu.presence == .present ? .fatal : .info
                counted.append((entryIndex, dependent))
            }
        }
        let ranked = counted.sorted { left, right in
            if left.match.severity != right.match.severity { return left.match.severity < right.match.severity }
            if left.match.severity == .fatal {
                let leftPriority = catalog.entries[left.entryIndex].priority
                let rightPriority = catalog.entries[right.entryIndex].priority
                if leftPriority != rightPriority { return leftPriority > rightPriority }
            }
            if left.match.lineNumber != right.match.lineNumber { return left.match.lineNumber < right.match.lineNumber }
            return left.match.id < right.match.id
        }.map(\.match)
        let cause = ranked.first { $0.severity == .fatal }
        let result = Diagnosis(matches: ranked, fatalCause: cause,
                               lastErrorLines: cause == nil ? recentErrorLines : [], linesRead: linesRead, gpu: gpu)
        finished = result
        return result
    }

    /// Reads all of `text` and finishes.
    public func diagnose(text: String) -> Diagnosis {
        feed(Array(text.utf8))
        return finish()
    }

    /// Reads `fileDescriptor` to its end (it is not closed) and finishes.
    public func diagnose(fileDescriptor: Int32) throws -> Diagnosis {
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fileDescriptor, buffer, size)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw DoctorInputError.unreadable(path: "fd \(fileDescriptor)", reason: String(cString: strerror(errno)))
            }
            feed(UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: count))
        }
        return finish()
    }

    /// Reads the file at `path` (`-` is standard input) and finishes.
    public func diagnose(path: String) throws -> Diagnosis {
        if path == "-" { return try diagnose(fileDescriptor: STDIN_FILENO) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DoctorInputError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw DoctorInputError.unreadable(path: path, reason: String(cString: strerror(EISDIR)))
        }
        do {
            return try diagnose(fileDescriptor: descriptor)
        } catch DoctorInputError.unreadable(_, let reason) {
            throw DoctorInputError.unreadable(path: path, reason: reason)
        }
    }

    // MARK: - Scanning

    private func scan(_ buffer: UnsafeBufferPointer<UInt8>) {
        let count = buffer.count
        guard count > 0 else { return }
        let classCount = automaton.classCount
        var row = Int(state) &* classCount
        var segmentStart = 0
        var line = lineNumber
        // Only segments with hits (or a head kept from the previous chunk) need any work at their end.
        var segmentNeedsWork = !segmentHits.isEmpty || !carry.isEmpty
        automaton.packed.withUnsafeBufferPointer { packed in
            automaton.classOf.withUnsafeBufferPointer { classOf in
                var index = 0
                while index < count {
                    let next = Int(packed[row &+ Int(classOf[Int(buffer[index])])])
                    row = next &>> 2
                    let flag = Int32(truncatingIfNeeded: next & 3)
                    if flag != 0 {
                        if flag == LiteralAutomaton.flagBoundary {
                            if segmentNeedsWork {
                                lineNumber = line
                                endSegment(buffer, from: segmentStart, to: index, tailOnly: false)
                                segmentNeedsWork = false
                            }
                            if buffer[index] == 10 { line &+= 1 }
                            segmentStart = index &+ 1
                        } else {
                            recordHits(at: Int32(row / classCount))
                            segmentNeedsWork = true
                        }
                    }
                    index &+= 1
                }
            }
        }
        lineNumber = line
        lastByteWasNewline = buffer[count - 1] == 10
        sawAnyByte = true
        if segmentStart < count {
            keepInCarry(UnsafeBufferPointer(rebasing: buffer[segmentStart..<count]))
        }
        state = Int32(row / classCount)
    }

    private func recordHits(at automatonState: Int32) {
        let start = Int(automaton.outputStart[Int(automatonState)])
        let end = Int(automaton.outputStart[Int(automatonState) + 1])
        for position in start..<end {
            let literal = automaton.outputs[position]
            if hitStamp[Int(literal)] != segmentSerial {
                hitStamp[Int(literal)] = segmentSerial
                segmentHits.append(literal)
            }
        }
    }

    private func keepInCarry(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = Diagnoser.maxKeptLineLength - carry.count
        if room > 0 { carry.append(contentsOf: bytes.prefix(room)) }
    }

    /// A segment (text up to `\n` or `\r`) ended: check its hits. `tailOnly` means the whole segment is in `carry`.
    /// The line is decoded only when a regex must run, a new match is recorded or an error line is kept.
    private func endSegment(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, tailOnly: Bool) {
        defer {
            if !carry.isEmpty { carry.removeAll(keepingCapacity: carry.capacity <= Diagnoser.maxKeptLineLength) }
            segmentSerial += 1
        }
        guard !segmentHits.isEmpty else { return }
        defer { segmentHits.removeAll(keepingCapacity: true) }
        var decoded: String?
        func text() -> String {
            if let decoded { return decoded }
            let result: String
            if tailOnly || !carry.isEmpty {
                if !tailOnly { keepInCarry(UnsafeBufferPointer(rebasing: buffer[start..<end])) }
                result = String(decoding: carry, as: UTF8.self)
            } else {
                let kept = min(end, start + Diagnoser.maxKeptLineLength)
                result = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<kept]), as: UTF8.self)
            }
            decoded = result
            return result
        }
        var matchedSomething = false
        var looksLikeError = false
        // Whether this is a pip retry line decides where its matches go, so it is known first.
        var isRetryWarning = false
        for literal in segmentHits where retryLiterals.contains(literal) {
            for check in checksByLiteral[Int(literal)] {
                if case .context(.retryWarning) = check.target, check.regex?.matches(text()) ?? true { isRetryWarning = true }
            }
        }
        for literal in segmentHits {
            if errorWordLiterals.contains(literal) { looksLikeError = true }
            for check in checksByLiteral[Int(literal)] {
                switch check.target {
                case .entry(let index, let needsGPU):
                    // The common case, a line repeating what is already known, decodes and copies nothing.
                    if hasFirmMatch[index] && !needsGPU && !isRetryWarning && check.regex == nil {
                        matchedSomething = true
                        continue
                    }
                    if let regex = check.regex, !regex.matches(text()) { continue }
                    matchedSomething = true
                    record(index, needsGPU: needsGPU, onRetryLine: isRetryWarning, text: text())
                case .context(let kind):
                    if let regex = check.regex, !regex.matches(text()) { continue }
                    switch kind {
                    case .retryWarning: break
                    case .stepSucceeded: lastSuccessLine = lineNumber
                    case .gpuPresent, .gpuAbsent, .gpuLikely:
                        if gpuEvidence[kind] == nil { gpuEvidence[kind] = (lineNumber, Diagnoser.displayText(text())) }
                    }
                }
            }
        }
        if looksLikeError && !matchedSomething {
            let display = Diagnoser.displayText(text())
            if !display.isEmpty {
                if recentErrorLines.count == Diagnoser.rememberedErrorLines { recentErrorLines.removeFirst() }
                recentErrorLines.append(display)
            }
        }
    }

    /// Keeps a match of catalog entry `index` where it counts: the first plain one, the last on a pip retry
    /// line, the first of a GPU-dependent pattern.
    private func record(_ index: Int, needsGPU: Bool, onRetryLine: Bool, text: String) {
        func match() -> Match {
            let entry = catalog.entries[index]
            return Match(id: entry.id, severity: entry.severity, title: entry.title, lineNumber: lineNumber,
                         text: Diagnoser.displayText(text))
        }
        if needsGPU {
            if findings[index].gpuDependent == nil { findings[index].gpuDependent = match() }
        } else if onRetryLine {
            findings[index].retried = match()
        } else if !hasFirmMatch[index] {
            findings[index].firm = match()
            hasFirmMatch[index] = true
        }
    }

    /// Whether the machine that wrote the log has a GPU: a device the log names, else a line saying there is
    /// none, else a hint (a GPU build asked for), else this machine's probe when the log comes from here.
    private func resolvedGPUContext() -> GPUContext {
        let order: [(DiagnosisContextRules.Kind, GPUContext.Presence)] = [(.gpuPresent, .present), (.gpuAbsent, .absent),
                                                                            (.gpuLikely, .present)]
        for (kind, presence) in order {
            if let evidence = gpuEvidence[kind] {
                return GPUContext(presence: presence, lineNumber: evidence.line, evidence: evidence.text)
            }
        }
        if let thisMachine {
            return GPUContext(presence: thisMachine.hasNVIDIAGPU ? .present : .absent, evidence: thisMachine.description)
        }
        return .unknown
    }

    /// A line made safe to print: control characters dropped, whitespace trimmed, length limited.
    static func displayText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" { scalars.append(" ") }
            else if scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value) { scalars.append(scalar) }
            if scalars.count > maxDisplayLength { break }
        }
        var result = String(scalars).trimmingSpaces()
        if result.unicodeScalars.count > maxDisplayLength {
            result = String(String.UnicodeScalarView(result.unicodeScalars.prefix(maxDisplayLength))) + "…"
        }
        return result
    }
}

/// The log could not be read (exit code 2).
public enum DoctorInputError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        }
    }
}
