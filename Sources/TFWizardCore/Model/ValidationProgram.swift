import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The TensorFlow program that proves an install works (`Resources/validation/check_tensorflow.py`),
/// and the reading of its marker lines.
public enum ValidationProgram {
    public static let resourcePath = "validation/check_tensorflow.py"

    public static func source() throws -> String { try ResourceStore.text(resourcePath) }

    /// Reads the program's output. `expectGPU`: a GPU install that sees no GPU has failed.
    public static func report(from output: String, exitCode: Int32?, expectGPU: Bool, strings: Strings) -> ValidationReport {
        var version: String?, sum: String?, gpus: [String] = [], sawOK = false, importError: String?
        for rawLine in output.split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline }) {
            let line = rawLine.trimmingSpaces()
            if let value = line.value(after: "TFWIZARD_VERSION=") { version = value }
            else if let value = line.value(after: "TFWIZARD_REDUCE_SUM=") { sum = value }
            else if let value = line.value(after: "TFWIZARD_GPUS=") {
                gpus = value.split(separator: ",").map(String.init).filter { !$0.isEmpty }
            }
            else if let value = line.value(after: "TFWIZARD_IMPORT_ERROR=") { importError = value }
            else if line == "TFWIZARD_OK" { sawOK = true }
        }
        var problem: String?
        if let importError { problem = strings.text("validation.problem.import", ["error": importError]) }
        else if exitCode != 0 || !sawOK {
            problem = exitCode.map { strings.text("validation.problem.unfinished", ["code": String($0)]) }
                ?? strings["validation.problem.unfinished-signal"]
        }
        else if expectGPU && gpus.isEmpty { problem = strings["validation.problem.no-gpu"] }
        return ValidationReport(tensorflowVersion: version, reduceSum: sum, gpuDevices: gpus,
                                passed: problem == nil, problem: problem)
    }
}

private extension String {
    func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
