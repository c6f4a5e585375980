#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX extended regular expression (the dialect of `grep -E`), compiled once by the C library.
/// The catalog's patterns are written for `grep -E`, so this reads them exactly as the documentation
/// promises, and it keeps full Foundation (NSRegularExpression and its ICU data) out of the binary.
public final class PosixRegex: @unchecked Sendable {
    public struct CompileError: Error, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "invalid regular expression '\(pattern)': \(reason)" }
    }

    public let pattern: String
    private let compiled = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
    private let groups: Int

    public init(_ pattern: String, ignoreCase: Bool = false) throws {
        self.pattern = pattern
        var flags = REG_EXTENDED
        if ignoreCase { flags |= REG_ICASE }
        let status = regcomp(compiled, pattern, flags)
        guard status == 0 else {
            var buffer = [CChar](repeating: 0, count: 256)
            regerror(status, compiled, &buffer, buffer.count)
            compiled.deallocate()
            throw CompileError(pattern: pattern, reason: String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        groups = Int(compiled.pointee.re_nsub)
    }

    deinit {
        regfree(compiled)
        compiled.deallocate()
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        text.withCString { regexec(compiled, $0, 0, nil, 0) == 0 }
    }

    /// One match: the byte ranges (UTF-8 offsets into the text) of the whole match and of each group
    /// (nil where a group took no part).
    public struct Match {
        public var groups: [Range<Int>?]
        public var whole: Range<Int> { groups[0]! }
    }

    /// Every non-overlapping match, left to right.
    public func matches(in text: String) -> [Match] {
        var utf8 = Array(text.utf8)
        utf8.append(0)
        return matches(inTerminated: utf8)
    }

    private func matches(inTerminated utf8: [UInt8]) -> [Match] {
        var found: [Match] = []
        var offset = 0
        var slots = [regmatch_t](repeating: regmatch_t(), count: groups + 1)
        let length = utf8.count - 1
        while offset <= length {
            let status = utf8.withUnsafeBufferPointer { buffer -> Int32 in
                buffer.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: buffer.count - offset) {
                    regexec(compiled, $0, slots.count, &slots, offset == 0 ? 0 : REG_NOTBOL)
                }
            }
            guard status == 0 else { break }
            let ranges = slots.map { slot -> Range<Int>? in
                slot.rm_so < 0 ? nil : (offset + Int(slot.rm_so))..<(offset + Int(slot.rm_eo))
            }
            found.append(Match(groups: ranges))
            let whole = ranges[0]!
            // An empty match moves on by one byte, or the loop would never end.
            offset = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
        }
        return found
    }

    /// Replaces every match; `$1`...`$9` in `template` stand for the match's groups.
    public func replacingMatches(in text: String, with template: String) -> String {
        var utf8 = Array(text.utf8)
        utf8.append(0)
        let found = matches(inTerminated: utf8)
        guard !found.isEmpty else { return text }
        var output: [UInt8] = []
        var copied = 0
        for match in found {
            output.append(contentsOf: utf8[copied..<match.whole.lowerBound])
            appendTemplate(template, match: match, source: utf8, into: &output)
            copied = match.whole.upperBound
        }
        output.append(contentsOf: utf8[copied..<(utf8.count - 1)])
        return String(decoding: output, as: UTF8.self)
    }

    private func appendTemplate(_ template: String, match: Match, source: [UInt8], into output: inout [UInt8]) {
        var bytes = template.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "$") else { output.append(byte); continue }
            guard let digit = bytes.next() else { output.append(byte); break }
            let group = Int(digit) - Int(UInt8(ascii: "0"))
            guard group >= 0, group <= 9 else { output.append(byte); output.append(digit); continue }
            guard group < match.groups.count, let range = match.groups[group] else { continue }
            output.append(contentsOf: source[range])
        }
    }
}
