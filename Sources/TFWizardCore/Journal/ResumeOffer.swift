import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What the next tfwizard offers after a run was cut short (SIGKILL, a power cut, the reboot after the
/// driver): its answers again, from the first step it did not finish. The steps it finished are not
/// trusted blindly: each is checked again by its `doneCheck`, and only those that pass are skipped. A
/// step's command the killed tfwizard left running is found by its command line and named, to be
/// waited for or stopped before anything else runs.
public struct ResumeOffer: Equatable, Sendable {
    public struct LeftRunning: Equatable, Sendable {
        public var pid: Int32
        public var group: Int32
        public var stepTitle: String
    }
    /// What to do about a command left running.
    public enum Handling: Equatable, Sendable { case wait, stop }

    public var run: RunState
    /// The first step the interrupted run did not finish.
    public var stepIndex: Int
    /// The steps it finished whose checks pass now.
    public var checkedDone: [String]
    public var leftRunning: LeftRunning?

    /// - Parameter check: runs a step's check; true when it exits 0.
    public static func make(run: RunState, plan: Plan, check: ([String]) -> Bool) -> ResumeOffer {
        let finished = Set(run.steps.filter { $0.status == .done }.map(\.id))
        let checkedDone = plan.steps.filter { step in
            finished.contains(step.id) && step.doneCheck.map(check) == true
        }.map(\.id)
        var leftRunning: LeftRunning?
        for record in run.steps where record.status == .running {
            guard let argv = record.argv, let found = ProcessGroupScanner.processes(runningExactly: argv).first else { continue }
            leftRunning = LeftRunning(pid: found.pid, group: found.group, stepTitle: record.title)
        }
        return ResumeOffer(run: run, stepIndex: run.firstUnfinishedStep ?? run.steps.count, checkedDone: checkedDone,
                           leftRunning: leftRunning)
    }

    /// Whether `answers` are the interrupted run's (credentials are masked in the saved ones).
    public func isFor(_ answers: Answers) -> Bool {
        var saved = run.answers, given = answers
        saved.proxy = nil; saved.indexURL = nil; given.proxy = nil; given.indexURL = nil
        return saved == given
    }

    /// The plan with the steps checked done marked so (the engine skips them) and, when a command was
    /// left running, a first step that waits for it or stops its process group.
    public func apply(to plan: Plan, handling: Handling, strings: Strings) -> Plan {
        var plan = plan
        for index in plan.steps.indices where checkedDone.contains(plan.steps[index].id) {
            plan.steps[index].state = .alreadyDone(reason: strings["resume.checked-done"])
        }
        guard let left = leftRunning else { return plan }
        let pid = String(left.pid), group = String(left.group)
        let step: Step
        switch handling {
        case .wait:
            step = Step(id: "resume-wait", title: strings.text("resume.wait.title", ["pid": pid]),
                        why: strings.text("resume.wait.why", ["step": left.stepTitle]),
                        argv: ["sh", "-c", "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done", "sh", pid])
        case .stop:
            step = Step(id: "resume-stop", title: strings.text("resume.stop.title", ["group": group]),
                        why: strings.text("resume.stop.why", ["step": left.stepTitle]),
                        argv: ["sh", "-c", "kill -TERM -\"$1\" 2>/dev/null; n=0; while kill -0 -\"$1\" 2>/dev/null; do "
                               + "n=$((n+1)); [ $n -ge 10 ] && kill -KILL -\"$1\" 2>/dev/null; sleep 1; done", "sh", group])
        }
        plan.steps.insert(step, at: 0)
        return plan
    }

    /// What the welcome screen and `install` say about it, one line per item.
    public func notice(strings: Strings) -> [String] {
        let step = run.steps.indices.contains(stepIndex) ? run.steps[stepIndex].title : "?"
        var lines = [strings.text("resume.notice", ["time": run.startedAt, "number": String(stepIndex + 1), "step": step])]
        let done = run.steps.filter { checkedDone.contains($0.id) }.map(\.title)
        if !done.isEmpty { lines.append(strings.text("resume.notice.checked", ["steps": done.joined(separator: "; ")])) }
        if let left = leftRunning {
            lines.append(strings.text("resume.notice.left", ["step": left.stepTitle, "pid": String(left.pid),
                                                             "group": String(left.group)]))
        }
        return lines
    }
}
