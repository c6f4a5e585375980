import Foundation
import XCTest
import TFWizardCore

/// A CUDA library TensorFlow cannot load is the cause on a machine with an NVIDIA GPU and harmless on one
/// without: the same lines, with and without a line that tells, and with a probe that has and has not a GPU.
final class DiagnosisContextTests: XCTestCase {
    /// From harmless-gpu-lib-2.log (HyperGAN/HyperGAN#257).
    static let cudaLibraryLines = """
        2020-06-15 16:20:17.522968: W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic library 'libcudart.so.10.1'; dlerror: libcudart.so.10.1: cannot open shared object file: No such file or directory
        2020-06-15 16:20:17.527961: I tensorflow/stream_executor/cuda/cudart_stub.cc:29] Ignore above cudart dlerror if you do not have a GPU set up on your machine.

        """
    /// From cuda-lib-missing-3.log (thanh-guong/master-thesis#7).
    static let deviceFound = """
        2024-12-24 17:27:40.598415: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1733] Found device 0 with properties: 
        pciBusID: 0000:01:00.0 name: NVIDIA GeForce RTX 4060 Laptop GPU computeCapability: 8.9

        """
    /// From the TensorFlow 2.16 import noise on a machine without a driver.
    static let noDriver = "2024-03-30 14:29:58.668656: I external/local_tsl/tsl/cuda/cudart_stub.cc:32] Could not find cuda drivers on your machine, GPU will not be used.\n"

    var catalog: ErrorCatalog!
    let strings = Strings(language: "en")

    override func setUpWithError() throws { catalog = try ErrorCatalog.builtIn() }

    func testWithoutAnyEvidenceTheLibraryIsTheCauseOnlyIfTheMachineHasAGPU() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: Self.cudaLibraryLines)
        XCTAssertNil(diagnosis.fatalCause)
        let match = try XCTUnwrap(diagnosis.matches.first { $0.id == "cuda-lib-missing" })
        XCTAssertEqual(match.severity, .info)
        XCTAssertEqual(match.gpu, .unknown)
        XCTAssertTrue(match.isCauseIfGPU)
        XCTAssertEqual(DoctorOutput.exitCode(for: diagnosis), 0)
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
        XCTAssertTrue(text.hasPrefix("The cause if this machine has an NVIDIA GPU: A CUDA or cuDNN library"), text)
        XCTAssertTrue(text.contains("nothing in the log says whether this one has one"), text)
        XCTAssertTrue(text.contains("$ python3 -m pip install --upgrade 'tensorflow[and-cuda]'"), text)
        XCTAssertFalse(diagnosis.isClean)
    }

    func testWithAnotherCauseTheLibraryIsListedAsTheCauseIfThereIsAGPU() throws {
        let numpy = "A module that was compiled using NumPy 1.x cannot be run in\n"
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: Self.cudaLibraryLines + numpy)
        XCTAssertEqual(diagnosis.fatalCause?.id, "numpy2-abi")
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
        XCTAssertTrue(text.contains("Also found:\n  The cause if this machine has an NVIDIA GPU: A CUDA or cuDNN library"
                                    + " cannot be loaded at import [cuda-lib-missing] line 1:"), text)
        XCTAssertFalse(text.contains("Harmless messages (no action needed):\n  A CUDA"), text)
    }

    func testADeviceInTheLogMakesTheLibraryTheCause() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: Self.cudaLibraryLines + Self.deviceFound)
        let cause = try XCTUnwrap(diagnosis.fatalCause)
        XCTAssertEqual(cause.id, "cuda-lib-missing")
        XCTAssertEqual(cause.gpu?.presence, .present)
        XCTAssertEqual(cause.gpu?.lineNumber, 3)
        XCTAssertFalse(cause.gpu?.fromThisMachine ?? true)
        XCTAssertEqual(DoctorOutput.exitCode(for: diagnosis), 1)
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
        XCTAssertTrue(text.contains("This is the cause: the log shows an NVIDIA GPU (line 3: 2024-12-24"), text)
    }

    func testNoDriverInTheLogMakesTheLibraryHarmless() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: Self.noDriver + Self.cudaLibraryLines)
        XCTAssertNil(diagnosis.fatalCause)
        let match = try XCTUnwrap(diagnosis.matches.first { $0.id == "cuda-lib-missing" })
        XCTAssertEqual(match.severity, .info)
        XCTAssertEqual(match.gpu?.presence, .absent)
        XCTAssertFalse(match.isCauseIfGPU)
        XCTAssertTrue(diagnosis.isClean)
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
        XCTAssertTrue(text.hasPrefix("No failure found in 3 lines."), text)
        XCTAssertTrue(text.contains("harmless here, the log shows no NVIDIA GPU (line 1:"), text)
    }

    func testAProbeWithAGPUMakesTheLibraryTheCause() throws {
        let probe = ThisMachineGPU(hasNVIDIAGPU: true, description: "NVIDIA H200")
        let diagnosis = Diagnoser(catalog: catalog, thisMachine: probe).diagnose(text: Self.cudaLibraryLines)
        let cause = try XCTUnwrap(diagnosis.fatalCause)
        XCTAssertEqual(cause.id, "cuda-lib-missing")
        XCTAssertEqual(cause.gpu, GPUContext(presence: .present, evidence: "NVIDIA H200"))
        XCTAssertTrue(cause.gpu?.fromThisMachine ?? false)
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
        XCTAssertTrue(text.contains("This is the cause: this machine has an NVIDIA GPU (NVIDIA H200)."), text)
    }

    func testAProbeWithoutAGPUMakesTheLibraryHarmless() throws {
        let probe = ThisMachineGPU(hasNVIDIAGPU: false, description: "")
        let diagnosis = Diagnoser(catalog: catalog, thisMachine: probe).diagnose(text: Self.cudaLibraryLines)
        XCTAssertNil(diagnosis.fatalCause)
        XCTAssertEqual(diagnosis.matches.first { $0.id == "cuda-lib-missing" }?.gpu?.presence, .absent)
        let text = DoctorOutput.text(diagnosis, catalog: catalog, strings: strings)
        XCTAssertTrue(text.contains("harmless here, this machine has no NVIDIA GPU"), text)
    }

    func testWhatTheLogSaysOutweighsTheProbe() throws {
        let probe = ThisMachineGPU(hasNVIDIAGPU: false, description: "")
        let diagnosis = Diagnoser(catalog: catalog, thisMachine: probe).diagnose(text: Self.cudaLibraryLines + Self.deviceFound)
        XCTAssertEqual(diagnosis.fatalCause?.id, "cuda-lib-missing")
        XCTAssertEqual(diagnosis.gpu.lineNumber, 3)
    }

    func testADeviceOutweighsNoDriverWhichOutweighsAHint() throws {
        let hint = "Collecting tensorflow-gpu==2.4.0\n"
        let noDriverOverHint = Diagnoser(catalog: catalog).diagnose(text: hint + Self.noDriver + Self.cudaLibraryLines)
        XCTAssertEqual(noDriverOverHint.gpu.presence, .absent)
        XCTAssertNil(noDriverOverHint.fatalCause)
        let hintAlone = Diagnoser(catalog: catalog).diagnose(text: hint + Self.cudaLibraryLines)
        XCTAssertEqual(hintAlone.gpu.presence, .present)
        XCTAssertEqual(hintAlone.fatalCause?.id, "cuda-lib-missing")
        let deviceOverNoDriver = Diagnoser(catalog: catalog).diagnose(text: Self.noDriver + Self.deviceFound)
        XCTAssertEqual(deviceOverNoDriver.gpu.presence, .present)
    }

    func testJSONSaysWhyPerMatchAndForTheLog() throws {
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: Self.cudaLibraryLines + Self.deviceFound)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(DoctorOutput.json(diagnosis).utf8)) as? [String: Any])
        let matches = try XCTUnwrap(object["matches"] as? [[String: Any]])
        let gpu = try XCTUnwrap(matches[0]["gpu"] as? [String: Any])
        XCTAssertEqual(matches[0]["id"] as? String, "cuda-lib-missing")
        XCTAssertEqual(gpu["presence"] as? String, "present")
        XCTAssertEqual(gpu["line"] as? Int, 3)
        XCTAssertEqual((object["gpu"] as? [String: Any])?["presence"] as? String, "present")
        let other = try XCTUnwrap(matches.first { $0["id"] as? String == "cuda-drivers-absent-cpu" })
        XCTAssertNil(other["gpu"], "only GPU-dependent matches carry it")
    }

    func testContextFileErrorsNameFileLineAndField() {
        XCTAssertThrowsError(try DiagnosisContextRules.parse(yaml: "gpu_present:\n  - literal: a\ngpu_maybe: []\n", file: "c.yaml")) { error in
            guard case let .malformed(file, line, field, _)? = error as? ErrorCatalog.LoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "c.yaml"); XCTAssertEqual(line, 3); XCTAssertEqual(field, "gpu_maybe")
        }
        XCTAssertThrowsError(try DiagnosisContextRules.parse(yaml: "gpu_absent:\n  - regex: a\n", file: "c.yaml")) { error in
            guard case let .malformed(_, _, field, _)? = error as? ErrorCatalog.LoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "gpu_absent[0].literal")
        }
    }

    func testShippedContextRulesCompileAndContainTheirLiterals() throws {
        let rules = try DiagnosisContextRules.builtIn()
        for kind in DiagnosisContextRules.Kind.allCases {
            let patterns = try XCTUnwrap(rules.patterns[kind], kind.rawValue)
            XCTAssertFalse(patterns.isEmpty, kind.rawValue)
            for pattern in patterns {
                guard let regex = pattern.regex else { continue }
                XCTAssertNoThrow(try PosixRegex(regex, ignoreCase: false), regex)
                XCTAssertTrue(regex.replacingOccurrences(of: "\\", with: "").lowercased().contains(pattern.literal.lowercased()),
                              "\(kind.rawValue): literal '\(pattern.literal)' is not part of '\(regex)'")
            }
        }
    }
}

/// A failed step ran on this machine: its GPU, as the probe saw it, decides where the log does not.
final class FailureDiagnosisGPUTests: XCTestCase {
    func testAFailedStepIsDiagnosedWithTheGPUOfTheMachineItRanOn() {
        let output = Array(DiagnosisContextTests.cudaLibraryLines.utf8)
        let strings = Strings(language: "en")
        let withGPU = Troubleshooter.summaryLines(for: output, strings: strings,
                                                  thisMachine: ThisMachineGPU(hasNVIDIAGPU: true, description: "NVIDIA H200"))
        XCTAssertTrue(withGPU.first?.hasPrefix("Cause: A CUDA or cuDNN library cannot be loaded") ?? false, "\(withGPU)")
        let withoutGPU = Troubleshooter.summaryLines(for: output, strings: strings,
                                                     thisMachine: ThisMachineGPU(hasNVIDIAGPU: false, description: ""))
        XCTAssertEqual(withoutGPU.first, "No failure found in 2 lines.")
    }
}
