import Foundation

// Usage: ResourceEmbedder RESOURCES_DIR OUTPUT.swift
// Writes `EmbeddedResources.files`: relative path -> base64 of the file's bytes.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ResourceEmbedder RESOURCES_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
var entries: [(String, String)] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in walker
    where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
        let data = try Data(contentsOf: url)
        entries.append((relative, data.base64EncodedString()))
    }
}
entries.sort { $0.0 < $1.0 }
var source = "// Generated from Resources/ at build time. Do not edit.\n"
source += "enum EmbeddedResources {\n    static let files: [String: String] = [\n"
for (path, base64) in entries {
    source += "        \"\(path)\": \"\(base64)\",\n"
}
if entries.isEmpty { source += "        :\n" }
source += "    ]\n}\n"
try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[2]), options: .atomic)
