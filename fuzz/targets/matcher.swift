// Fuzz entry for the error matcher: any log gives a diagnosis whose matches name catalog entries and
// real lines of the input, and the result does not depend on how the log was split into chunks.
import Foundation

nonisolated(unsafe) private let sharedCatalog: ErrorCatalog? = try? ErrorCatalog.builtIn()
nonisolated(unsafe) private let sharedDiagnoser: Diagnoser? = sharedCatalog.map { Diagnoser(catalog: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMatcher(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let catalog = sharedCatalog, let diagnoser = sharedDiagnoser else {
        fatalError("the built-in error catalog did not load")
    }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // In one piece.
    diagnoser.reset()
    diagnoser.feed(bytes)
    let whole = diagnoser.finish()
    // In uneven chunks.
    diagnoser.reset()
    var offset = 0, chunk = 1
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunk)
        diagnoser.feed(Array(bytes[offset..<end]))
        offset = end
        chunk = chunk * 5 % 23 + 1
    }
    let chunked = diagnoser.finish()

    let lineCount = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    for match in whole.matches {
        if catalog[match.id] == nil { fatalError("unknown id \(match.id)") }
        if match.lineNumber < 1 || match.lineNumber > lineCount { fatalError("line \(match.lineNumber) outside 1...\(lineCount)") }
    }
    let wholeFound = whole.matches.map { "\($0.id)@\($0.lineNumber)" }
    let chunkedFound = chunked.matches.map { "\($0.id)@\($0.lineNumber)" }
    if wholeFound != chunkedFound { fatalError("chunking changed the diagnosis: \(wholeFound) vs \(chunkedFound)") }
    return 0
}
