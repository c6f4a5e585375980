import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

// Exit codes are fixed by the design: 0 success, 1 a step failed, 2 bad input, 130 cancelled.
// ArgumentParser's own usage errors (64) are mapped to 2.
do {
    if CommandLine.arguments.count == 1 {
        try WizardLaunch().run()   // nothing to parse: the wizard's first frame without ArgumentParser's cost
    } else {
        var command = try TFWizard.parseAsRoot()
        try command.run()
    }
    exit(0)
} catch let exit as ExitCode {
    Glibc.exit(exit.rawValue)
} catch let failure as CommandFailure {
    StandardStreams.writeError("tfwizard: \(failure)\n")
    switch failure {
    case .badInput: exit(2)
    }
} catch {
    let code = TFWizard.exitCode(for: error)
    // ArgumentParser words its usage errors in English; they are reworded in the interface's language.
    let message = UsageErrorWording.localize(TFWizard.fullMessage(for: error), strings: HelpText.strings)
    if code == .success {
        print(message)
        exit(0)
    }
    if !message.isEmpty { StandardStreams.writeError((message + "\n")) }
    exit(code == .failure ? 1 : 2)
}
