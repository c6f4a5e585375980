import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The plan as an Ansible playbook for every host of an inventory: apt packages through the apt module,
/// each other step a command task (argv, never a shell string) guarded by its check, so a second run
/// changes nothing; root steps with `become`; the driver install followed by a reboot, after which the
/// play goes on; the TensorFlow check as the last task. Credentials are masked, as in every plan form.
public enum PlaybookFormatter {
    public static func playbook(_ plan: Plan, strings: Strings) -> String {
        var lines = ["---",
                     "# " + strings["planner.format.playbookHeader"],
                     "# TensorFlow \(PlanFormatter.oneLine(plan.tensorflowVersion)): \(plan.answers.package.rawValue), "
                        + "\(plan.answers.device.rawValue), \(plan.answers.method.rawValue)"]
        if plan.steps.contains(where: { step in step.environment.values.contains(where: CredentialMask.hasCredentials) }) {
            lines.append("# " + strings["planner.format.masked"])
        }
        lines += ["- name: " + quoted(strings.text("planner.format.playbookPlay", ["version": plan.tensorflowVersion])),
                  "  hosts: all",
                  "  gather_facts: false",
                  "  tasks:"]
        var steps = plan.steps.filter { !($0.id.hasPrefix("apt-update")) }   // the apt module refreshes its lists
        if let check = plan.checkAfterReboot, !steps.contains(where: { $0.kind == .validation }) { steps.append(check) }
        for (number, step) in steps.enumerated() {
            lines += task(step, number: number + 1)
            if step.id == "driver-install" {
                lines += ["    - name: " + quoted(strings["planner.format.playbookReboot"]),
                          "      ansible.builtin.reboot:",
                          "        reboot_timeout: 900",
                          "      become: true",
                          "      when: tfwizard_step_\(number + 1) is changed"]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One step: its check (never a change), then the step when the check did not find it done.
    static func task(_ step: Step, number: Int) -> [String] {
        let name = "    - name: " + quoted("\(number). " + PlanFormatter.oneLine(step.title))
        let packages = step.aptPackageNames
        if !packages.isEmpty {
            return [name,
                    "      ansible.builtin.apt:",
                    "        name:"] + packages.map { "          - " + quoted($0) } + [
                    "        state: present",
                    "        update_cache: true",
                    "      become: true"]
        }
        var lines: [String] = []
        let register = "tfwizard_check_\(number)"
        if let check = step.doneCheck {
            let title = "\(number). " + PlanFormatter.oneLine(step.title)
            lines += ["    - name: " + quoted(Strings(language: "en").text("planner.format.playbookCheck", ["step": title])),
                      "      ansible.builtin.command:",
                      "        argv:"] + list(withoutSudo(check), indent: 10) + [
                      "      register: \(register)",
                      "      changed_when: false",
                      "      failed_when: false"]
            if check.first == "sudo" { lines.append("      become: true") }
        }
        lines += [name,
                  "      ansible.builtin.command:",
                  "        argv:"] + list(withoutSudo(step.argv), indent: 10)
        if !step.environment.isEmpty {
            lines.append("      environment:")
            for key in step.environment.keys.sorted() {
                lines.append("        \(key): " + quoted(CredentialMask.masked(step.environment[key] ?? "")))
            }
        }
        if step.needsRoot { lines.append("      become: true") }
        lines.append("      register: tfwizard_step_\(number)")
        // The check program changes nothing; any other step that runs is a change.
        lines.append("      changed_when: " + (step.kind == .validation ? "false" : "true"))
        if step.doneCheck != nil { lines.append("      when: \(register).rc != 0") }
        return lines
    }

    static func withoutSudo(_ argv: [String]) -> [String] {
        argv.first == "sudo" ? Array(argv.dropFirst()) : argv
    }

    /// A YAML list; a value of several lines becomes a literal block (lines kept as they are, short).
    static func list(_ values: [String], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return values.flatMap { value -> [String] in
            guard value.contains("\n") else { return [pad + "- " + quoted(value)] }
            let body = value.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : pad + "    " + $0 }
            let chomping = value.hasSuffix("\n") ? "|+" : "|-"
            return [pad + "- " + chomping] + (value.hasSuffix("\n") ? Array(body.dropLast()) : body)
        }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String { QuotedText.doubleQuoted(text) }
}
