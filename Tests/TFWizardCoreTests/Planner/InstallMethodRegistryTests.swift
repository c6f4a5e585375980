import Foundation
import XCTest
@testable import TFWizardCore

/// A method the wizard does not ship, written as a new method would be: its own type, one registry row.
/// It installs into a "kettle" environment of its own under the home folder.
struct KettleMethod: InstallMethod {
    static let environment = "/home/ada/.kettle/tf"
    var id: Answers.Method { Answers.Method("kettle") }
    var questions: [InstallQuestion] { [.python] }
    var usesMachinePython: Bool { true }
    var releaseChecks: ReleaseChecks { [.glibc] }
    var probeNeeds: ProbeNeeds { ProbeNeeds(packages: ["kettle"]) }

    func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability {
        facts.pythons.isEmpty ? .refused(reason: "kettle needs a Python", suggestion: nil) : .available
    }

    func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan {
        let python = Self.environment + "/bin/python"
        return Plan(answers: planning.answers, steps: [
            Step(id: "kettle-brew", title: "Brew an environment", why: "kettle keeps TensorFlow apart",
                 argv: ["kettle", "brew", Self.environment, "tensorflow==" + release.version]),
            Step(id: "validate", title: "Check", why: "", argv: [python, "-c", "..."], kind: .validation),
        ], notes: ["kettle \(planning.facts.pythons.count)"], tensorflowVersion: release.version, pythonPath: python)
    }

    func doneHints(_ answers: Answers) -> DoneHints {
        DoneHints(commands: [.init(lead: "done.kettle", command: "kettle pour " + Self.environment)], tryIt: false)
    }

    func fixInterpreter(after failedStep: Step, plan: Plan) -> String { "kettle-python" }
    func fixVenvPackage(plan: Plan, facts: MachineFacts) -> String { "kettle-venv" }
}

final class InstallMethodRegistryTests: XCTestCase {
    typealias M = MachineFixture
    let kettle = Answers.Method("kettle")
    /// The built-in methods and the kettle, registered the way the built-in ones are.
    let registry = InstallMethods(InstallMethods.all.methods + [KettleMethod()], recommended: .venv)

    func testTheWizardsMethodsInTheMethodScreensOrder() {
        XCTAssertEqual(InstallMethods.all.ids.map(\.rawValue), ["venv", "system-pip", "docker", "conda", "source"])
        XCTAssertEqual(Answers.Method.allCases, InstallMethods.all.ids)
        XCTAssertEqual(InstallMethods.all.recommended, .venv)
        XCTAssertEqual(Answers.Method(rawValue: "system-pip"), .systemPip)
        XCTAssertNil(Answers.Method(rawValue: "kettle"), "only the registry's methods come from answer files")
        XCTAssertEqual(registry.ids.last, kettle)
        XCTAssertEqual(registry[kettle]?.questions, [.python])
        XCTAssertNil(InstallMethods.all[kettle])
    }

    func testAnAnswerFileNamesOnlyTheRegisteredMethods() {
        XCTAssertThrowsError(try AnswerFile.parse("method: kettle\n", fileName: "a.yaml", strings: Strings(language: "en"))) { error in
            XCTAssertEqual("\(error)", "a.yaml:1: method: expected one of venv, system-pip, docker, conda, source, found \"kettle\"")
        }
        XCTAssertTrue(AnswerFile.render(Answers(), strings: Strings(language: "en")).contains("# venv | system-pip | docker | conda | source\n"))
    }

    func testAvailabilityGoesThroughTheRegistryAfterTheSharedChecks() {
        let facts = M.ubuntu2404()
        XCTAssertEqual(Planner.methodAvailability(kettle, device: .cpu, facts: facts, strings: Strings(language: "en"), methods: registry), .available)
        var noPython = facts
        noPython.pythons = []
        XCTAssertEqual(Planner.methodAvailability(kettle, device: .cpu, facts: noPython, strings: Strings(language: "en"), methods: registry),
                       .refused(reason: "kettle needs a Python", suggestion: nil))
        var arm = facts
        arm.architecture = "aarch64"
        XCTAssertEqual(Planner.methodAvailability(kettle, device: .gpu, facts: arm, strings: Strings(language: "en"), methods: registry),
                       .refused(reason: "TensorFlow's GPU packages exist only for x86_64; this machine is aarch64.",
                                suggestion: Strings(language: "en")["planner.refuse.gpuArch.suggestion"]))
        XCTAssertEqual(Planner.methodAvailability(kettle, device: .cpu, facts: facts, strings: Strings(language: "en")),
                       .refused(reason: "This version of tfwizard has no install method called kettle.", suggestion: nil))
    }

    func testTheMethodsOwnPlannerPlansIt() throws {
        let answers = M.answers(.cpu, kettle, version: "2.20")
        let plan = try XCTUnwrap(Planner.plan(answers: answers, facts: M.ubuntu2404(), catalog: M.catalog, target: .absent("/x"),
                                              home: M.home, strings: Strings(language: "en"), methods: registry).plan)
        XCTAssertEqual(plan.stepIDs, ["kettle-brew", "validate"])
        XCTAssertEqual(plan.step("kettle-brew")?.argv, ["kettle", "brew", KettleMethod.environment, "tensorflow==2.20.0"])
        XCTAssertEqual(plan.notes, ["kettle 1"])
        XCTAssertEqual(plan.answers.method, kettle)

        let unknown = Planner.plan(answers: answers, facts: M.ubuntu2404(), catalog: M.catalog, target: .absent("/x"), home: M.home, strings: Strings(language: "en"))
        XCTAssertEqual(unknown.refusal?.field, "method")
    }

    func testTheSharedChecksStillComeFirst() {
        // The kettle checks glibc but not AVX: a CPU without AVX is its business, an old glibc is refused.
        var noAVX = M.ubuntu2404()
        noAVX.cpu.hasAVX = false
        XCTAssertNotNil(Planner.plan(answers: M.answers(.cpu, kettle), facts: noAVX, catalog: M.catalog, target: .absent("/x"),
                                     home: M.home, strings: Strings(language: "en"), methods: registry).plan)
        XCTAssertEqual(Planner.plan(answers: M.answers(.cpu, .venv), facts: noAVX, catalog: M.catalog, target: .absent("/x"),
                                    home: M.home, strings: Strings(language: "en"), methods: registry).refusal?.field, "machine")
        var oldGlibc = M.ubuntu2404()
        oldGlibc.glibcVersion = "2.17"
        XCTAssertEqual(Planner.plan(answers: M.answers(.cpu, kettle), facts: oldGlibc, catalog: M.catalog, target: .absent("/x"),
                                    home: M.home, strings: Strings(language: "en"), methods: registry).refusal?.field, "version")
        // With no interpreter at all, a method that runs on this machine's Python hears it on the python answer.
        var noPython = M.ubuntu2404()
        noPython.pythons = []
        XCTAssertEqual(Planner.plan(answers: M.answers(.cpu, kettle), facts: noPython, catalog: M.catalog, target: .absent("/x"),
                                    home: M.home, strings: Strings(language: "en"), methods: registry).refusal?.field, "python")
    }

    func testFixesSpeakTheMethodsWords() throws {
        let failed = Step(id: "kettle-brew", title: "Brew", why: "", argv: ["kettle", "brew"])
        let plan = Plan(answers: M.answers(.cpu, kettle), steps: [failed], notes: [], tensorflowVersion: "2.21.0",
                        pythonPath: KettleMethod.environment + "/bin/python")
        let catalog = try ErrorCatalog.builtIn()
        let pip = try XCTUnwrap(FixSteps.make(for: try XCTUnwrap(catalog["pip-too-old"]), failedStep: failed, plan: plan,
                                              facts: M.ubuntu2404(), strings: Strings(language: "en"), methods: registry))
        XCTAssertEqual(pip.first?.argv.first, "kettle-python")
        let venv = try XCTUnwrap(FixSteps.make(for: try XCTUnwrap(catalog["venv-missing"]), failedStep: failed, plan: plan,
                                               facts: M.ubuntu2404(), strings: Strings(language: "en"), methods: registry))
        XCTAssertEqual(venv.first?.argv, ["sudo", "apt-get", "install", "-y", "kettle-venv"])
    }

    func testTheProbeKeepsWhatTheMethodsRead() {
        XCTAssertTrue(registry.probeNeeds.wants("kettle"))
        XCTAssertFalse(InstallMethods.all.probeNeeds.wants("kettle"))
        XCTAssertTrue(InstallMethods.all.probeNeeds.wants("nvidia-container-toolkit"))
        XCTAssertTrue(InstallMethods.all.probeNeeds.wants("python3.12-venv"))
        XCTAssertFalse(DpkgStatusParser.isOfInterest("kettle"))
    }
}
