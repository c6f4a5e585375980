import Foundation
import TFWizardCore
import TFWizardTUI

/// The real error catalog, and log files on disk for the "diagnose a log file" tests.
enum CatalogDiagnosis {
    static let catalog: ErrorCatalog? = try? ErrorCatalog.builtIn()

    /// A folder of log files the tests open from the main menu; written once, read through the shipped wiring.
    static let logFolder: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-tui-tests").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? pep668Log.write(toFile: folder + "/pip.log", atomically: true, encoding: .utf8)
        return folder
    }()

    static let pep668Log = """
        $ pip3 install tensorflow
        error: externally-managed-environment

        × This environment is externally managed
        ╰─> To install Python packages system-wide, try apt install
            python3-xyz, where xyz is the package you are trying to
            install.
        hint: See PEP 668 for the detailed specification.
        """
}
