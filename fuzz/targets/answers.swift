// Fuzz entry for the answer-file parser: any text either parses or throws an AnswerFileError (never
// crashes); what parses renders to a file that parses again to the same answers (credentials aside).
import Foundation

private let english = Strings(language: "en")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let answers = try? AnswerFile.parse(text, fileName: "fuzz.yaml", strings: english) else { return 0 }
    let rendered = AnswerFile.render(answers, strings: english)
    let hasCredentials = [answers.proxy, answers.indexURL].compactMap { $0 }.contains(where: CredentialMask.hasCredentials)
    do {
        let again = try AnswerFile.parse(rendered, fileName: "rendered.yaml", strings: english)
        if !hasCredentials && again != answers { fatalError("render/parse changed the answers:\n\(rendered)") }
    } catch {
        if !hasCredentials { fatalError("rendered answers do not parse: \(error)\n\(rendered)") }
    }
    return 0
}
