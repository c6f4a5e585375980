import XCTest
@testable import TFWizardCore

/// The playbook's shape; that it passes `ansible-lint` and runs twice without a change is tested for real
/// in EndToEndTests/AnsiblePlaybookTests.
final class PlaybookFormatterTests: XCTestCase {
    private typealias M = MachineFixture

    func testGPUDriverIsFollowedByARebootAndTheCheckComesLast() throws {
        var gpu = M.rtx3060
        gpu.driverVersion = nil
        gpu.driverLoaded = false
        let plan = try XCTUnwrap(M.plan(M.answers(.gpu), M.ubuntu2404(venvInstalled: true, gpu: gpu)).plan)
        XCTAssertTrue(plan.awaitsReboot)
        XCTAssertEqual(plan.checkAfterReboot?.kind, .validation)
        let playbook = PlaybookFormatter.playbook(plan, strings: Strings(language: "en"))
        XCTAssertTrue(playbook.hasPrefix("---\n"), playbook)
        XCTAssertTrue(playbook.contains("""
                - name: "1. Install ubuntu-drivers-common"
                  ansible.builtin.apt:
                    name:
                      - "ubuntu-drivers-common"
                    state: present
                    update_cache: true
                  become: true
            """), playbook)
        XCTAssertFalse(playbook.contains("apt-get"), "apt goes through the apt module:\n\(playbook)")
        XCTAssertTrue(playbook.contains("""
                - name: "3. Install the recommended NVIDIA driver"
                  ansible.builtin.command:
                    argv:
                      - "ubuntu-drivers"
                      - "install"
                  become: true
                  register: tfwizard_step_3
                  changed_when: true
                  when: tfwizard_check_3.rc != 0
                - name: "Reboot so the NVIDIA driver loads, then go on"
                  ansible.builtin.reboot:
                    reboot_timeout: 900
                  become: true
                  when: tfwizard_step_3 is changed
            """), playbook)
        XCTAssertFalse(playbook.contains("sudo"), playbook)
        let lastTask = try XCTUnwrap(playbook.components(separatedBy: "    - name: ").last)
        XCTAssertTrue(lastTask.hasPrefix("\"7. Check that TensorFlow works\""), lastTask)
        XCTAssertTrue(lastTask.contains("changed_when: false"), lastTask)
    }

    func testCredentialsAreMaskedAndMultiLineValuesAreBlocks() throws {
        var answers = M.answers()
        answers.proxy = "http://ada:s3cret@proxy.example:3128"
        let plan = try XCTUnwrap(M.plan(answers, M.ubuntu2404(venvInstalled: true)).plan)
        let playbook = PlaybookFormatter.playbook(plan, strings: Strings(language: "en"))
        XCTAssertFalse(playbook.contains("s3cret"))
        XCTAssertTrue(playbook.contains("        PIP_PROXY: \"http://ada:****@proxy.example:3128\"\n"), playbook)
        XCTAssertTrue(playbook.contains("          - |-\n              import importlib.metadata as m, sys\n"), playbook)
        XCTAssertLessThanOrEqual(playbook.components(separatedBy: "\n").map(\.count).max() ?? 0, 160, "ansible-lint's line limit")
    }
}
