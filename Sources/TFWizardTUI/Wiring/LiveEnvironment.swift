import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TFWizardCore

/// What the wizard does to the world: run a plan, write the log and the answer file. The shipped program
/// backs them with an `InstallSession`; tests replace them (a fake engine, fixed paths) and nothing else.
public struct WizardSideEffects {
    public var startEngine: (Plan, @escaping @Sendable (EngineEvent) -> Void) -> EngineControl
    public var exportLog: () throws -> String
    public var saveAnswers: (Answers) throws -> String

    public init(startEngine: @escaping (Plan, @escaping @Sendable (EngineEvent) -> Void) -> EngineControl,
                exportLog: @escaping () throws -> String, saveAnswers: @escaping (Answers) throws -> String) {
        self.startEngine = startEngine; self.exportLog = exportLog; self.saveAnswers = saveAnswers
    }

    /// The session's journal and answer file, and its engine over the context's step runner (the pty,
    /// or the dry run for a recorded machine).
    public static func session(_ session: InstallSession, runner: StepRunner) -> WizardSideEffects {
        WizardSideEffects(startEngine: { plan, sink in session.makeEngine(for: plan, runner: runner, sink: sink) },
                          exportLog: { try session.exportLog() },
                          saveAnswers: { answers in try session.saveAnswers(answers) })
    }
}

extension WizardEnvironment {
    /// The one wiring of the wizard: the probe's facts, the compatibility matrix, the planner, the matcher
    /// and the catalog's fixes behind every closure, as the shipped program runs it.
    /// - Parameters:
    ///   - notices: lines shown first on the welcome screen (a step a killed run left half done).
    ///   - user: the account fix commands name (`usermod -aG docker {user}`).
    public static func live(context: MachineContext, catalog: Catalog, errorCatalog: ErrorCatalog?, strings: Strings,
                            sideEffects: WizardSideEffects, notices: [String] = [],
                            user: String = CurrentUser.name, methods: InstallMethods = .all) -> WizardEnvironment {
        let facts = context.facts
        let home = context.home
        let errorCatalog = errorCatalog?.localized(strings)     // causes and fixes in the interface's language
        var environment = WizardEnvironment(
            facts: facts,
            catalog: catalog,
            strings: strings,
            probeSummary: notices + ProbeReport.summaryLines(facts, strings: strings),
            methodAvailability: { method, device in
                Planner.methodAvailability(method, device: device, facts: facts, catalog: catalog, strings: strings,
                                           methods: methods)
            },
            interpreterProblem: { python, release, method in
                Planner.interpreterProblem(python, release: release, method: method, methods: methods, strings: strings)
            },
            defaultPython: { release in Planner.defaultPython(facts: facts, release: release) },
            makePlan: { answers, facts, target in
                Planner.plan(answers: answers, facts: facts, catalog: catalog, target: target, home: home, strings: strings,
                             methods: methods)
            },
            inspectTarget: { answers in context.target(for: answers) },
            startEngine: sideEffects.startEngine,
            exportLog: sideEffects.exportLog,
            saveAnswers: sideEffects.saveAnswers,
            diagnoseOutput: { output, plan in
                TroubleshootWiring.diagnoseOutput(output, catalog: errorCatalog,
                                                  disk: DiskPreflight(facts: facts, device: plan.answers.device),
                                                  strings: strings, user: user, home: home,
                                                  thisMachine: ThisMachineGPU(facts.gpu))
            },
            loadLogFile: { path in
                TroubleshootWiring.loadLogFile(path, catalog: errorCatalog, strings: strings, user: user, home: home)
            },
            fixProposal: { causeID, index, plan in
                TroubleshootWiring.fixProposal(causeID: causeID, failedStepIndex: index, plan: plan, catalog: errorCatalog,
                                            facts: facts, strings: strings, user: user, home: home)
            }
        )
        environment.methods = methods
        environment.probeInterpreter = { typed in context.probeInterpreter(typed) }
        environment.diskSpace = { folder in context.diskSpace(forFolder: folder) }
        environment.completeFolder = { typed in context.completeFolder(typed) }
        environment.recommendedRelease = { device in
            Planner.recommendedRelease(device: device, facts: facts, catalog: catalog, strings: strings)
        }
        environment.recordedMachine = context.recorded?.name
        environment.suggestedMirrors = PackageIndexAddress.suggestedMirrors(for: strings.language)
        return environment
    }
}
