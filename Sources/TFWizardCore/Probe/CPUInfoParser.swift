import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Parses /proc/cpuinfo: the model name, the number of logical CPUs and the instruction-set flags
/// TensorFlow's wheels depend on (AVX is required; AVX2 and FMA are used when present).
public enum CPUInfoParser {
    public static func parse(_ text: String) -> MachineFacts.CPU {
        var model: String?
        var processors = 0
        var flags: Set<Substring> = []
        var flagsSeen = false
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            switch key {
            case "processor":
                processors += 1
            case "model name", "Model", "cpu model":
                if model == nil, !value.isEmpty { model = value }
            case "flags", "Features":
                // Every processor repeats its flags; the first set is the machine's.
                if !flagsSeen {
                    flags = Set(value.split(separator: " "))
                    flagsSeen = true
                }
            default:
                continue
            }
        }
        return MachineFacts.CPU(model: model, cores: processors > 0 ? processors : nil,
                                hasAVX: flags.contains("avx"), hasAVX2: flags.contains("avx2"),
                                hasFMA: flags.contains("fma"))
    }
}
