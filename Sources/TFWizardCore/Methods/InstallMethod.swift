import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One way of installing TensorFlow and everything the wizard knows about it: whether this machine can
/// use it, the questions it asks, its plan, how to use what it installed, how a catalog fix's commands fit
/// its steps, and which Debian packages the probe must look at. The wizard's methods are the rows of
/// `InstallMethods.all`; one more is one more file like Methods/VenvMethod.swift, its strings
/// (`method.<id>`, `method.<id>.line` and whatever its planner says) and one more row.
public protocol InstallMethod: Sendable {
    /// Its word in answer files (`method: venv`), and the key of its strings on the method screen:
    /// `method.<id>` (its row) and `method.<id>.line` (the line under the list).
    var id: Answers.Method { get }
    /// The questions after the package question, in the order they are asked.
    var questions: [InstallQuestion] { get }
    /// Whether TensorFlow runs on an interpreter of this machine (rather than one in an image or an
    /// environment the method brings): no interpreter at all is then the `python` answer's problem.
    var usesMachinePython: Bool { get }
    /// Whether it installs into the interpreter itself (pip outside a venv): an externally managed Python
    /// (PEP 668) or another project's venv cannot be chosen for it.
    var installsIntoTheInterpreter: Bool { get }
    /// Which of the release's demands on the machine apply.
    var releaseChecks: ReleaseChecks { get }
    /// The Debian packages whose installed state its planner reads.
    var probeNeeds: ProbeNeeds { get }
    /// What may create its environment and install the packages (`installer:`); the first is the default.
    var installers: [Answers.Installer] { get }

    /// Whether it can be chosen here. The architecture and device checks every method shares are made
    /// before (`Planner.methodAvailability`).
    func availability(device: Answers.Device, facts: MachineFacts, catalog: Catalog?, strings: Strings) -> MethodAvailability
    /// Its steps and notes, once the checks every method shares passed for `release`.
    func plan(_ planning: Planning, release: TensorFlowRelease) throws(PlanRefusal) -> Plan
    /// How to use what it installed, as the end screen shows it.
    func doneHints(_ answers: Answers) -> DoneHints
    /// The command that takes the install off again (printed when the wizard ends); empty when none.
    func removal(_ answers: Answers, plan: Plan) -> [String]
    /// Whether `removal` may run here: the install is there, and it holds nothing tfwizard did not make.
    /// `folder` is the answers' venv folder as it is now.
    func removalCheck(_ answers: Answers, plan: Plan, facts: MachineFacts, folder: FolderListing?, strings: Strings) -> RemovalCheck
    /// What the uninstall leaves behind, said before it runs.
    func removalNotes(_ answers: Answers, strings: Strings) -> [String]
    /// Where TensorFlow runs, for the plan review, when the plan names no interpreter (an image).
    func runsIn(_ answers: Answers) -> String?
    /// Keys of the notes the Python question shows under an interpreter, for this method.
    func pythonNoteKeys(_ python: MachineFacts.PythonInterpreter) -> [String]
    /// The interpreter a catalog fix's `python3` stands for, after `failedStep` failed.
    func fixInterpreter(after failedStep: Step, plan: Plan) -> String
    /// The apt package a catalog fix's `python3-venv` stands for in this plan.
    func fixVenvPackage(plan: Plan, facts: MachineFacts) -> String
}

extension InstallMethod {
    public var usesMachinePython: Bool { false }
    public var installsIntoTheInterpreter: Bool { false }
    public var releaseChecks: ReleaseChecks { .all }
    public var probeNeeds: ProbeNeeds { ProbeNeeds() }
    public var installers: [Answers.Installer] { [.pip] }
    public func runsIn(_ answers: Answers) -> String? { nil }
    public func removal(_ answers: Answers, plan: Plan) -> [String] { [] }
    public func removalCheck(_ answers: Answers, plan: Plan, facts: MachineFacts, folder: FolderListing?,
                             strings: Strings) -> RemovalCheck { .remove }
    public func removalNotes(_ answers: Answers, strings: Strings) -> [String] { [] }
    public func pythonNoteKeys(_ python: MachineFacts.PythonInterpreter) -> [String] { [] }
    public func fixInterpreter(after failedStep: Step, plan: Plan) -> String { FixSteps.interpreter(of: failedStep, plan: plan) }
    public func fixVenvPackage(plan: Plan, facts: MachineFacts) -> String { FixSteps.venvPackage(plan: plan, facts: facts) }
}

/// A question screen a method asks after the package question.
public enum InstallQuestion: String, Equatable, Sendable, CaseIterable {
    case python        // which interpreter (or, for conda, which Python version)
    case venvFolder    // where the environment goes
    case dockerImage   // which image tag, and Jupyter or not
}

/// The release's demands on the machine that a method is subject to.
public struct ReleaseChecks: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The prebuilt x86_64 packages need AVX (a build from source targets this CPU).
    public static let avx = ReleaseChecks(rawValue: 1 << 0)
    /// The packages need the release's glibc on this machine (an image brings its own).
    public static let glibc = ReleaseChecks(rawValue: 1 << 1)
    /// A GPU install needs the release's `[and-cuda]` pip extra (an image or a build brings CUDA otherwise).
    public static let cudaExtra = ReleaseChecks(rawValue: 1 << 2)
    public static let all: ReleaseChecks = [.avx, .glibc, .cudaExtra]
}

/// The Debian packages whose installed state a planner reads: the probe keeps them out of dpkg's list.
public struct ProbeNeeds: Equatable, Sendable {
    /// Exact names: `docker.io`, `git`.
    public var packages: Set<String>
    /// Names followed by a version number: `clang-` keeps clang-18.
    public var versionedPackages: Set<String>
    /// Python's packages by what follows `python3` or `python3.X`: `-venv` keeps python3-venv and
    /// python3.12-venv; the empty string keeps python3 and python3.12.
    public var pythonPackages: Set<String>

    public init(packages: Set<String> = [], versionedPackages: Set<String> = [], pythonPackages: Set<String> = []) {
        self.packages = packages; self.versionedPackages = versionedPackages; self.pythonPackages = pythonPackages
    }

    public func union(_ other: ProbeNeeds) -> ProbeNeeds {
        ProbeNeeds(packages: packages.union(other.packages), versionedPackages: versionedPackages.union(other.versionedPackages),
                   pythonPackages: pythonPackages.union(other.pythonPackages))
    }

    public func wants(_ name: String) -> Bool {
        if packages.contains(name) { return true }
        for prefix in versionedPackages where name.hasPrefix(prefix) {
            if name.dropFirst(prefix.count).allSatisfy(\.isNumber) { return true }
        }
        guard name.hasPrefix("python3") else { return false }
        // python3, python3.12, python3-venv, python3.12-venv
        var rest = name.dropFirst("python3".count)
        if rest.hasPrefix(".") {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: \.isNumber)
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        return pythonPackages.contains(String(rest))
    }
}

/// How to use what a method installed: commands to copy, each under a line that says what it is for,
/// and whether the end screen's "Then: python -c ..." follows (the user is left in a Python environment).
public struct DoneHints: Equatable, Sendable {
    public struct Command: Equatable, Sendable {
        /// The string key of the line above the command ("done.activate").
        public var lead: String
        public var command: String
        /// A long command is wrapped onto more lines rather than cut at the screen's edge.
        public var wraps: Bool
        public init(lead: String, command: String, wraps: Bool = false) {
            self.lead = lead; self.command = command; self.wraps = wraps
        }
    }
    public var commands: [Command]
    public var tryIt: Bool
    public init(commands: [Command] = [], tryIt: Bool = true) {
        self.commands = commands; self.tryIt = tryIt
    }
}
