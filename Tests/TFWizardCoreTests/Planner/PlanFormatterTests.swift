import XCTest
@testable import TFWizardCore

final class PlanFormatterTests: XCTestCase {
    typealias M = MachineFixture
    static let hostileName = "a b/'c\"$(touch pwned)'"

    func testQuoting() {
        XCTAssertEqual(ShellQuoting.quote("/usr/bin/python3"), "/usr/bin/python3")
        XCTAssertEqual(ShellQuoting.quote(""), "''")
        XCTAssertEqual(ShellQuoting.quote("tensorflow[and-cuda]"), "'tensorflow[and-cuda]'")
        XCTAssertEqual(ShellQuoting.quote("x=1"), "'x=1'")
        // A leading ~/ stays bare so a pasted command still expands it; the rest is quoted as needed.
        XCTAssertEqual(ShellQuoting.quote("~/venv"), "~/venv")
        XCTAssertEqual(ShellQuoting.quote("~/a b"), "~/'a b'")
        XCTAssertEqual(ShellQuoting.quote("~user/x"), "'~user/x'")
        // One renderer for people: quoted, credentials masked.
        XCTAssertEqual(CommandDisplay.render(["pip", "--proxy", "http://ada:s3cret@proxy:3128", "x=1"]),
                       "pip --proxy 'http://ada:****@proxy:3128' 'x=1'")
        XCTAssertEqual(ShellQuoting.quote("it's"), "'it'\\''s'")
    }

    /// The script for a venv folder with spaces, quotes and a command substitution in its name really runs,
    /// passes the name through unchanged, and runs nothing hidden in it.
    func testShellScriptWithAHostileVenvNameRuns() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tfwizard-sh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // A stand-in python: records its arguments; `-m venv DIR` makes DIR/bin/python (itself).
        let fakePython = work.appendingPathComponent("python3").path
        let log = work.appendingPathComponent("calls.log").path
        try """
        #!/bin/sh
        # The script's checks ask whether TensorFlow is installed: not yet.
        if [ "$1" = "-c" ] && [ "$3" = "tensorflow" ]; then exit 1; fi
        for argument in "$@"; do printf '%s\\n' "$argument" >> '\(log)'; done
        printf -- '--\\n' >> '\(log)'
        if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python"; fi
        exit 0
        """.write(toFile: fakePython, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakePython)

        let venv = work.path + "/" + Self.hostileName
        var facts = M.ubuntu2404(venvInstalled: true)
        facts.pythons = [M.python("3.12.3", path: fakePython, externallyManaged: true)]
        var answers = M.answers(python: fakePython, venv: venv)
        answers.proxy = "http://ada:s3cret@proxy.example:3128"
        let plan = try XCTUnwrap(Planner.plan(answers: answers, facts: facts, catalog: M.catalog,
                                              target: .absent(venv), home: M.home, strings: Strings(language: "en")).plan)
        let script = PlanFormatter.shell(plan, strings: Strings(language: "en"))
        XCTAssertFalse(script.contains("s3cret"))
        XCTAssertTrue(script.contains("PIP_PROXY='http://ada:****@proxy.example:3128'"), script)
        XCTAssertTrue(script.hasPrefix("#!/bin/sh\n"))

        let scriptPath = work.appendingPathComponent("plan.sh").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [scriptPath]
        process.currentDirectoryURL = work
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)

        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("pwned").path))
        let calls = try String(contentsOfFile: log, encoding: .utf8).components(separatedBy: "--\n").filter { !$0.isEmpty }
        XCTAssertEqual(calls.count, 4)
        XCTAssertEqual(calls[0], "-m\nvenv\n\(venv)\n")
        XCTAssertEqual(calls[1], "-m\npip\ninstall\n--upgrade\npip\n")
        XCTAssertEqual(calls[2], "-m\npip\ninstall\ntensorflow\n")
        XCTAssertEqual(calls[3], "-c\n" + (try ValidationProgram.source()) + "\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: venv + "/bin/python"))
    }

    func testStepsWithACheckAreSkippedWhenItFindsTheWorkDone() throws {
        let target = TargetState(path: "/home/ada/tensorflow/venv", exists: true, isDirectory: true, venvExists: true,
                                 venvPythonVersion: "3.12.3", venvHasPython: true)
        let plan = try XCTUnwrap(M.plan(M.answers(), M.ubuntu2404(venvInstalled: true), target: target).plan)
        let script = PlanFormatter.shell(plan, strings: Strings(language: "en"))
        XCTAssertTrue(script.contains("""
            if test -x /home/ada/tensorflow/venv/bin/python >/dev/null 2>&1; then
              printf '%s\\n' 'tfwizard: [1/4] Create the virtual environment /home/ada/tensorflow/venv: already done, skipped'
            else
              printf '%s\\n' 'tfwizard: [1/4] Create the virtual environment /home/ada/tensorflow/venv' '+ /usr/bin/python3 -m venv /home/ada/tensorflow/venv'
              /usr/bin/python3 -m venv /home/ada/tensorflow/venv
            fi
            """), script)
        XCTAssertTrue(script.contains("\n  /home/ada/tensorflow/venv/bin/python -m pip install tensorflow\nfi\n"), script)
    }

    func testRootStepsGoThroughSudoUnlessRoot() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(), M.ubuntu2404(root: true)).plan)
        let script = PlanFormatter.shell(plan, strings: Strings(language: "en"))
        XCTAssertTrue(script.contains("if [ \"$(id -u)\" -eq 0 ]; then SUDO=; else SUDO=sudo; fi\n"), script)
        XCTAssertTrue(script.contains("\n  $SUDO apt-get install -y python3-venv\n"), script)
        XCTAssertTrue(script.contains("if sh -c 'for p in \"$@\"; do dpkg-query"), script)
    }

    func testTextShowsStepsNotesAndStates() throws {
        let plan = try XCTUnwrap(M.plan(M.answers(.gpu), M.ubuntu2404(gpu: M.rtx3060)).plan)
        let text = PlanFormatter.text(plan, strings: Strings(language: "en"))
        let lines = text.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "TensorFlow 2.21.0 (tensorflow, gpu) with venv")
        XCTAssertTrue(lines.contains("1. Refresh the apt package lists (needs root)"), text)
        XCTAssertTrue(lines.contains("   $ sudo apt-get install -y python3-venv"), text)
        XCTAssertTrue(lines.contains("   $ /home/ada/tensorflow/venv/bin/python -m pip install 'tensorflow[and-cuda]'"), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("   $ /home/ada/tensorflow/venv/bin/python -c <the check program, ") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  - tensorflow-gpu is gone") }, text)
        XCTAssertFalse(text.contains("import tensorflow"))
    }

    func testJSONMasksSecretsAndDecodes() throws {
        var answers = M.answers()
        answers.proxy = "http://ada:s3cret@proxy.example:3128"
        answers.indexURL = "https://ada:t0ken@mirror.example/simple"
        let plan = try XCTUnwrap(M.plan(answers, M.ubuntu2404(venvInstalled: true)).plan)
        let json = PlanFormatter.json(plan)
        XCTAssertFalse(json.contains("s3cret") || json.contains("t0ken"), json)
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.stepIDs, plan.stepIDs)
        XCTAssertEqual(decoded.answers.proxy, "http://ada:****@proxy.example:3128")
        XCTAssertEqual(decoded.step("install-tf")?.environment["PIP_INDEX_URL"], "https://ada:****@mirror.example/simple")
        XCTAssertEqual(decoded.step("validate")?.argv, plan.step("validate")?.argv)
    }
}
