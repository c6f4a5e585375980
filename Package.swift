// swift-tools-version:6.0
import PackageDescription

// The commit `tfwizard --version` names: scripts/release sets TFWIZARD_COMMIT; a plain build has none.
let buildCommit = Context.environment["TFWIZARD_COMMIT"]

let package = Package(
    name: "tfwizard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tfwizard", targets: ["tfwizard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // ncursesw from the Debian/Ubuntu package libncursesw5-dev (libncurses-dev).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // fork/exec in C: no Swift code may run in a forked child.
        .target(name: "CPty", path: "Sources/CPty", linkerSettings: [.linkedLibrary("util")]),
        // The build's commit for `tfwizard --version`, as a define for this one C file (a new commit
        // recompiles only it).
        .target(name: "CBuildInfo", path: "Sources/CBuildInfo",
                cSettings: buildCommit.map { [.define("TFWIZARD_COMMIT", to: "\"\($0)\"")] } ?? []),
        // The YAML reader (standard library only): users' answer files at run time, and Resources/ at build
        // time, where the embedder composes the YAML files so the program parses none of its own.
        .target(name: "TFWizardYAML", path: "Sources/TFWizardYAML"),
        // Turns Resources/ into Swift source at build time, so the release binary is a single file.
        .executableTarget(name: "ResourceEmbedder", dependencies: ["TFWizardYAML"], path: "Sources/ResourceEmbedder"),
        .plugin(name: "EmbedResources", capability: .buildTool(),
                dependencies: ["ResourceEmbedder"], path: "Plugins/EmbedResources"),
        .target(
            name: "TFWizardCore",
            dependencies: ["CPty", "TFWizardYAML"],
            path: "Sources/TFWizardCore",
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "TFWizardTUI",
            dependencies: ["TFWizardCore", "CNcursesw"],
            path: "Sources/TFWizardTUI"
        ),
        .executableTarget(
            name: "tfwizard",
            dependencies: ["TFWizardCore", "TFWizardTUI", "CBuildInfo",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/tfwizard"
        ),
        .testTarget(name: "TFWizardCoreTests", dependencies: ["TFWizardCore", "TFWizardYAML"],
                    path: "Tests/TFWizardCoreTests", exclude: ["Fixtures"]),
        .testTarget(name: "ResourceEmbedderTests", dependencies: ["ResourceEmbedder"], path: "Tests/ResourceEmbedderTests"),
        .testTarget(name: "TFWizardTUITests", dependencies: ["TFWizardTUI", "TFWizardCore"],
                    path: "Tests/TFWizardTUITests", exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TFWizardCore", "tfwizard"],
                    path: "Tests/EndToEndTests", exclude: ["Snapshots"]),
    ]
)
