import Foundation

/// Every file and folder under a root with its size and modification time, to see that a second run
/// of an install changed nothing.
struct FolderSnapshot: Equatable {
    var entries: [String: String]

    init(_ root: String) {
        entries = [:]
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: root) else { return }
        while let relative = walker.nextObject() as? String {
            let attributes = (try? manager.attributesOfItem(atPath: root + "/" + relative)) ?? [:]
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            entries[relative] = "\(size) \(time)"
        }
    }

    /// The paths added, removed or changed since `earlier`, for a failure message.
    func changes(since earlier: FolderSnapshot) -> [String] {
        Set(entries.keys).union(earlier.entries.keys).filter { entries[$0] != earlier.entries[$0] }.sorted()
    }
}
