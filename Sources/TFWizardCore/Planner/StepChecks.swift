/// Commands that find a step's work already done (exit status 0), so a script or playbook made from the
/// plan can be run again and skip it, and a resumed install can check what an earlier run finished.
/// Each is an argv: values are passed as arguments, never pasted into the program text.
public enum StepChecks {
    /// Every Debian package named is installed.
    public static func debianPackagesInstalled(_ packages: [String]) -> [String] {
        ["sh", "-c", "for p in \"$@\"; do dpkg-query -W -f='${Status}\\n' \"$p\" 2>/dev/null | grep -q ' installed$' || exit 1; done",
         "sh"] + packages
    }

    /// The file exists and can be run (a venv's python).
    public static func executable(_ path: String) -> [String] {
        ["test", "-x", path]
    }

    /// The Python package is installed for `python` (at `version` when given).
    public static func pythonPackage(python: String, name: String, version: String?) -> [String] {
        let program = "import importlib.metadata as m, sys\n"
            + "v = m.version(sys.argv[1])\n"
            + "sys.exit(0 if len(sys.argv) < 3 or v == sys.argv[2] else 1)"
        return [python, "-c", program, name] + (version.map { [$0] } ?? [])
    }
}
