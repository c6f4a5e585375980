import Foundation
import PackagePlugin

/// Embeds the package's top-level `Resources/` folder into the target as Swift source, so the release
/// binary needs no resource bundle beside it and parses none of its own YAML or JSON at run time.
@main
struct EmbedResources: BuildToolPlugin {
    /// What `ResourceEmbedder` writes.
    static let outputNames = ["EmbeddedData.swift", "EmbeddedResources.swift", "EmbeddedStrings.swift", "EmbeddedYAML.swift"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let resources = context.package.directoryURL.appending(path: "Resources")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: resources, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded")
        return [.buildCommand(
            displayName: "Embedding Resources/ into \(target.name)",
            executable: try context.tool(named: "ResourceEmbedder").url,
            arguments: [resources.path, output.path],
            inputFiles: inputs,
            outputFiles: Self.outputNames.map { output.appending(path: $0) }
        )]
    }
}
