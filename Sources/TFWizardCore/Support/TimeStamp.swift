import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time stamps for file names and logs, formatted by the C library (full Foundation's date formatters
/// bring ICU into the binary, and these two formats need no locale).
public enum TimeStamp {
    /// "20261130-143005" in the local time zone: sorts by time and is safe in a file name.
    public static func localFileStamp(_ date: Date) -> String {
        format(date, "%Y%m%d-%H%M%S", local: true)
    }

    /// "2026-11-30T14:30:05Z".
    public static func iso8601UTC(_ date: Date) -> String {
        format(date, "%Y-%m-%dT%H:%M:%SZ", local: false)
    }

    private static func format(_ date: Date, _ pattern: String, local: Bool) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if local { localtime_r(&seconds, &parts) } else { gmtime_r(&seconds, &parts) }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
