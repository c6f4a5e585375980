import Foundation

// Usage: ResourceEmbedder RESOURCES_DIR OUTPUT_FOLDER
// Writes into OUTPUT_FOLDER the Swift source of TFWizardCore's built-in resources:
//   EmbeddedResources.swift  every file's bytes as base64 (`EmbeddedResources.files`: relative path -> base64);
//   EmbeddedYAML.swift       every YAML file composed into its node tree, checked against `ResourceSchema`;
//   EmbeddedStrings.swift    one string table per language, merged from strings/<lang>/*.json;
//   EmbeddedData.swift       the small JSON lists (step warnings, index mirrors) as values.
// A resource that does not read fails the build with its file and line, in the compiler's format.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ResourceEmbedder RESOURCES_DIR OUTPUT_FOLDER\n".utf8))
    exit(2)
}
let resources = ResourceFolder(URL(fileURLWithPath: arguments[1]).standardizedFileURL)
let output = URL(fileURLWithPath: arguments[2])
do {
    let files = try resources.files()
    let strings = try StringTables(files)
    let outputs = [
        "EmbeddedResources.swift": EmbeddedFilesSource.make(files),
        "EmbeddedYAML.swift": try YAMLDocumentsSource.make(files, wording: strings.englishWording),
        "EmbeddedStrings.swift": strings.source(),
        "EmbeddedData.swift": try JSONListsSource.make(files),
    ]
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    for (name, source) in outputs.sorted(by: { $0.key < $1.key }) {
        // A file left as it was is not compiled again: editing a string recompiles the string tables only.
        let file = output.appendingPathComponent(name)
        guard (try? Data(contentsOf: file)) != Data(source.utf8) else { continue }
        try Data(source.utf8).write(to: file, options: .atomic)
    }
} catch let problem as ResourceProblem {
    FileHandle.standardError.write(Data(problem.compilerLine(resources: resources.root).utf8))
    exit(1)
}
