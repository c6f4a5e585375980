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
        try? cudaLibraryLog.write(toFile: folder + "/cudnn.log", atomically: true, encoding: .utf8)
        try? cudaLibraryLog.appending("\n" + pep668Log).write(toFile: folder + "/cudnn-and-pep668.log", atomically: true, encoding: .utf8)
        return folder
    }()

    /// A CUDA library that cannot be loaded, and nothing that says whether the machine has an NVIDIA GPU:
    /// the cause if it has one (tensorflow/tensorflow#60854).
    static let cudaLibraryLog = """
        $ python3 -c "import tensorflow as tf; print(tf.reduce_sum(tf.random.normal([1000, 1000])))"
        2023-06-13 10:01:02.123456: W tensorflow/tsl/platform/default/dso_loader.cc:66] Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No such file or directory
        tf.Tensor(-1234.5, shape=(), dtype=float32)
        """

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
