import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The warnings a step printed (pip's "WARNING: Retrying ...", apt's "W: ..."): a step can exit 0 after
/// five failed tries of the index, and then its line must say so rather than a plain "done".
public struct StepWarnings: Sendable, Equatable {
    public private(set) var count = 0
    /// The first warning without its marker ("Retrying (Retry(total=4 ..."): usually the cause of the others.
    public private(set) var first: String?

    private let prefixes: [String]

    /// - Parameter prefixes: the line starts that mark a warning (`Resources/engine/step-warnings.json`).
    public init(prefixes: [String] = StepWarnings.builtInPrefixes) { self.prefixes = prefixes }

    /// The warnings counted for `step`: none for the check, whose TensorFlow prints notices of its own
    /// ("WARNING: All log messages before absl::InitializeLog() ..."); its result is the validation's to tell.
    public init(for step: Step) { self.init(prefixes: step.kind == .validation ? [] : Self.builtInPrefixes) }

    /// A line of the step's output, escape sequences already removed.
    public mutating func consider(_ line: String) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let prefix = prefixes.first(where: { trimmed.hasPrefix($0) }) else { return }
        count += 1
        if first == nil { first = String(trimmed.dropFirst(prefix.count)) }
    }

    public mutating func consider(_ lines: some Sequence<String>) {
        for line in lines { consider(line) }
    }

    /// From `Resources/engine/step-warnings.json`, read at build time: a broken file fails the build.
    public static let builtInPrefixes: [String] = EmbeddedData.stepWarningPrefixes
}
