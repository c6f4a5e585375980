import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `tfwizard uninstall --answers FILE [--yes]`: what it removes, shown first; confirmation (unless told
/// yes); then the removal through the engine, logged like an install.
public enum UninstallRun {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The uninstall plan for an answer file on this machine (or a recorded one), or exit 2 with the reason,
    /// naming the file, line and field.
    public static func prepare(answerFile: String, strings: Strings, logDirectory: String,
                               recorded: RecordedMachine?) throws(Failure) -> PreparedPlan {
        let loaded: (answers: Answers, text: String)
        do { loaded = try AnswerFile.load(answerFile, strings: strings) } catch { throw Failure(description: error.description) }
        let answers = loaded.answers
        let context = MachineContext.make(recorded: recorded, venv: answers.venv, python: answers.python)
        let catalog: Catalog
        do { catalog = try Catalog.builtIn() } catch { throw Failure(description: "\(error)") }
        switch plan(answers, context: context, catalog: catalog, logDirectory: logDirectory, strings: strings) {
        case .success(let plan):
            return PreparedPlan(answers: answers, facts: context.facts, plan: plan, context: context)
        case .failure(let refusal):
            throw Failure(description: AnswerFileError(fileName: answerFile, text: loaded.text, refusal: refusal).description)
        }
    }

    /// The uninstall plan for `answers` as this machine is now: reads the venv folder and the state folder's
    /// runs (for the Debian packages), so it is an effect for the wizard, never called by its update.
    public static func plan(_ answers: Answers, context: MachineContext, catalog: Catalog, logDirectory: String,
                            strings: Strings) -> Result<Plan, PlanRefusal> {
        // A recorded machine's folders are not on this disk.
        let folder = context.recorded == nil ? Planner.targetFolder(for: answers, home: context.home).map(FolderListing.read) : nil
        return Uninstaller.plan(answers: answers, facts: context.facts, catalog: catalog, target: context.target(for: answers),
                                home: context.home, folder: folder,
                                debianPackages: RunState.installedDebianPackages(in: logDirectory), strings: strings)
    }

    /// Shows what goes, asks (unless `yes`), removes it; returns the exit status.
    public static func run(_ prepared: PreparedPlan, yes: Bool, strings: Strings, logDirectory: String,
                           recorded: RecordedMachine?) throws(Failure) -> Int32 {
        let header = strings.text("uninstall.header", ["method": prepared.answers.method.rawValue])
        StandardStreams.writeOutput(PlanFormatter.text(prepared.plan, strings: strings, header: header))
        guard !prepared.plan.steps.isEmpty else {
            StandardStreams.writeOutput(strings["uninstall.nothing"] + "\n")
            return 0
        }
        if !yes && recorded == nil {
            guard isatty(STDIN_FILENO) == 1 else { throw Failure(description: strings["uninstall.needs-yes"]) }
            StandardStreams.writeOutput(strings["uninstall.confirm"])
            guard let reply = readLine(), ["y", "yes"].contains(reply.lowercased()) else {
                StandardStreams.writeOutput(strings["headless.declined"] + "\n")
                return 0
            }
        }
        do {
            return try HeadlessRun.run(prepared, yes: true, strings: strings, logDirectory: logDirectory, recorded: recorded,
                                       purpose: .uninstall)
        } catch {
            throw Failure(description: error.description)
        }
    }
}
