import Foundation
import TFWizardCore
import TFWizardTUI

/// The real error catalog and matcher behind the test environment's diagnosis closures, with the
/// test machine's user name in fix commands.
enum CatalogDiagnosis {
    static let catalog: ErrorCatalog? = try? ErrorCatalog.builtIn()

    static func view(_ lines: [String]) -> DiagnosisView {
        guard let catalog else { return DiagnosisView(cause: nil, findings: [], unknownErrorLines: [], linesRead: 0) }
        let diagnosis = Diagnoser(catalog: catalog).diagnose(text: lines.joined(separator: "\n"))
        return DiagnosisView(diagnosis, catalog: catalog, user: "ada", home: "/home/ada")
    }

    static func fixSteps(_ causeID: String, _ index: Int, _ plan: Plan, facts: MachineFacts) -> [Step]? {
        guard let entry = catalog?[causeID] else { return nil }
        return FixSteps.make(for: entry, failedStep: plan.steps[index], plan: plan, facts: facts,
                             strings: Strings(language: "en"), user: "ada", home: "/home/ada")
    }

    /// Log files the test "opens" from the main menu, by path.
    static let logFiles: [String: String] = [
        "/home/ada/pip.log": """
            $ pip3 install tensorflow
            error: externally-managed-environment

            × This environment is externally managed
            ╰─> To install Python packages system-wide, try apt install
                python3-xyz, where xyz is the package you are trying to
                install.
            hint: See PEP 668 for the detailed specification.
            """,
    ]
}
