/// `EmbeddedResources.files`: every file of `Resources/` as base64, for the files the program runs (the
/// probe and check scripts) and for the tests that compare the composed forms with the text.
enum EmbeddedFilesSource {
    static func make(_ files: [ResourceFile]) -> String {
        var source = "// Generated from Resources/ at build time. Do not edit.\n"
        source += "enum EmbeddedResources {\n    static let files: [String: String] = [\n"
        for file in files {
            source += "        \(SwiftLiteral.string(file.path)): \"\(file.data.base64EncodedString())\",\n"
        }
        if files.isEmpty { source += "        :\n" }
        source += "    ]\n}\n"
        return source
    }
}
