// Fuzz entry for the output sanitiser: child output of any shape must come out as lines without
// control characters, no longer than the configured limit, with the LogBuffer bounded.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let maxLineLength = 64
    var sanitizer = TerminalTextSanitizer(maxLineLength: maxLineLength)
    var buffer = LogBuffer(maxLines: 16, maxLineLength: maxLineLength)
    func check(_ line: String) {
        for scalar in line.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value) {
                fatalError("control character U+\(String(value, radix: 16)) in a sanitised line")
            }
        }
        if line.unicodeScalars.count > maxLineLength * 4 { fatalError("line longer than the limit: \(line.unicodeScalars.count)") }
    }
    // Feed in uneven chunks so state carried between chunks is exercised too.
    var offset = 0
    var chunk = 1
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunk)
        sanitizer.feed(bytes[offset..<end], onLine: check)
        buffer.append(Array(bytes[offset..<end]))
        offset = end
        chunk = chunk * 3 % 17 + 1
    }
    sanitizer.finish(onLine: check)
    buffer.finish()
    if buffer.lines.count > buffer.maxLines { fatalError("LogBuffer kept \(buffer.lines.count) lines") }
    buffer.lines.forEach(check)
    return 0
}
