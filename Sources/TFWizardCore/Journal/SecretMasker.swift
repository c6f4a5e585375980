#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `Redactor.redact` prepared once for a set of secrets and run over bytes in bulk. A credential always
/// holds one of a few byte strings (a literal secret in one of its forms, "://" of a URL with a
/// password, "=" of a token parameter); a line with none of them is one `Redactor.redact` leaves as it
/// is. So a block of many lines is searched with memchr for those byte strings, and only the lines
/// that hold one go through `Redactor.redact`: the same output bytes, at the cost of a memchr for the
/// lines (nearly all of a step's output) that hold none.
public struct SecretMasker: Sendable {
    /// The secrets' literal forms, worked out once (not for every line, as `Redactor.redact` does).
    private let literalForms: [String]
    /// What a line holding a credential holds, as bytes. A literal form with a line break in it is left
    /// out: masking is line by line, so no line holds it.
    private let needles: [[UInt8]]

    public init(secrets: [String]) {
        literalForms = Redactor.literalForms(of: secrets)
        let literals = literalForms.map { Array($0.utf8) }
            .filter { !$0.contains(Self.lineFeed) && !$0.contains(Self.carriageReturn) }
        needles = literals + [Array("://".utf8), Array("=".utf8)]
    }

    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    /// One line (no line break in it), masked as `Redactor.redact` masks it.
    public func redact(_ line: String) -> String {
        var line = line
        let candidate = line.withUTF8 { bytes in needles.contains { Self.find($0, in: bytes, from: 0) != nil } }
        return candidate ? Redactor.redact(line, literalForms: literalForms) : line
    }

    /// Masks a block of output: any number of lines, each ended by LF or CR (the last one may be
    /// unended). Each line is masked as `Redactor.redact` masks it on its own; the line breaks are
    /// kept as they are. Nil when nothing was masked, so the caller keeps its own bytes.
    public func redact(block: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var changed = false
        var copied = 0
        var cursor = 0
        var nextHits = [Int](repeating: -1, count: needles.count)
        var searchedFrom = [Int](repeating: -1, count: needles.count)
        while cursor < block.count {
            guard let hit = earliestHit(in: block, from: cursor, nextHits: &nextHits, searchedFrom: &searchedFrom) else { break }
            let start = lineStart(in: block, before: hit, notBefore: cursor)
            let end = lineEnd(in: block, from: hit)
            let line = String(decoding: UnsafeBufferPointer(rebasing: block[start..<end]), as: UTF8.self)
            let masked = Redactor.redact(line, literalForms: literalForms)
            if masked != line {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: block[copied..<start]))
                output.append(contentsOf: masked.utf8)
                copied = end
                changed = true
            }
            cursor = end + 1
        }
        guard changed else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: block[copied...]))
        return output
    }

    /// `redact(block:)` over an array.
    public func redact(block: [UInt8]) -> [UInt8]? {
        block.withUnsafeBufferPointer { redact(block: $0) }
    }

    // MARK: - Searching

    /// The first offset at or after `cursor` where any needle starts; each needle's next hit is kept so
    /// the block is searched once per needle, not once per line.
    private func earliestHit(in block: UnsafeBufferPointer<UInt8>, from cursor: Int,
                             nextHits: inout [Int], searchedFrom: inout [Int]) -> Int? {
        var earliest: Int?
        for index in needles.indices {
            if searchedFrom[index] < 0 || (nextHits[index] >= 0 && nextHits[index] < cursor) {
                nextHits[index] = Self.find(needles[index], in: block, from: cursor) ?? -1
                searchedFrom[index] = cursor
            }
            let hit = nextHits[index]
            if hit >= 0, hit >= cursor, hit < (earliest ?? Int.max) { earliest = hit }
        }
        return earliest
    }

    /// Where `needle` starts in `bytes` at or after `offset`: memchr for its first byte, then a compare.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var position = offset
        let last = bytes.count - needle.count
        while position <= last {
            guard let found = memchr(base + position, Int32(first), last - position + 1) else { return nil }
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let same = needle.withUnsafeBytes { memcmp(base + at, $0.baseAddress!, needle.count) == 0 }
            if same { return at }
            position = at + 1
        }
        return nil
    }

    private func lineStart(in block: UnsafeBufferPointer<UInt8>, before hit: Int, notBefore floor: Int) -> Int {
        var start = hit
        while start > floor, block[start - 1] != Self.lineFeed, block[start - 1] != Self.carriageReturn { start -= 1 }
        return start
    }

    private func lineEnd(in block: UnsafeBufferPointer<UInt8>, from hit: Int) -> Int {
        var end = hit
        while end < block.count, block[end] != Self.lineFeed, block[end] != Self.carriageReturn { end += 1 }
        return end
    }
}
