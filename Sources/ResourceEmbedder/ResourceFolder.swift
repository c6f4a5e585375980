import Foundation

/// One file of `Resources/`: its path relative to that folder and its bytes.
struct ResourceFile {
    var path: String
    var data: Data

    var text: String { String(decoding: data, as: UTF8.self) }
}

/// The `Resources/` folder: every regular file under it, sorted by path.
struct ResourceFolder {
    let root: URL

    init(_ root: URL) { self.root = root }

    func files() throws -> [ResourceFile] {
        var files: [ResourceFile] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
                files.append(ResourceFile(path: relative, data: try Data(contentsOf: url)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// A resource that does not read: where and what, printed as a compiler error so the build stops there.
struct ResourceProblem: Error {
    var path: String
    var line: Int?
    var field: String = ""
    var message: String

    func compilerLine(resources: URL) -> String {
        let place = resources.appendingPathComponent(path).path + (line.map { ":\($0)" } ?? "")
        return "\(place): error: \(field.isEmpty ? "" : "\(field): ")\(message)\n"
    }
}
