# Prints the facts tfwizard needs about the interpreter running it, one `key=value` per line after a
# marker line. Runs on every Python 3 a user may have (3.6 and later) and imports only what site already
# loaded, so one run costs little more than the interpreter's start.
import os
import sys

# `python -c` puts the current directory first on sys.path; a stray venv.py there must not answer for the stdlib.
if sys.path and sys.path[0] in ("", "."):
    sys.path.pop(0)



def module_origin(name):
    # A plain search of sys.path for a package's __init__.py: importlib.util alone costs more than the
    # interpreter's start, and these three are plain packages on every Python that has them.
    for entry in sys.path:
        candidate = os.path.join(entry or ".", name, "__init__.py")
        if os.path.isfile(candidate):
            return candidate
    return None


def pip_version():
    # pip/__init__.py holds `__version__ = "X"`; reading it avoids importing pip.
    origin = module_origin("pip")
    if not origin or not origin.endswith(".py"):
        return ""
    try:
        with open(origin) as source:
            for line in source:
                if line.startswith("__version__"):
                    return line.split("=", 1)[1].strip().strip("\"'")
    except Exception:
        pass
    return ""


def stdlib_dir():
    # The directory of os.py is the stdlib directory (sysconfig.get_path("stdlib") without importing sysconfig).
    return os.path.dirname(os.__file__)


def externally_managed():
    # PEP 668: the marker sits in the stdlib directory; it does not apply inside a virtual environment.
    if getattr(sys, "base_prefix", sys.prefix) != sys.prefix:
        return False
    return os.path.isfile(os.path.join(stdlib_dir(), "EXTERNALLY-MANAGED"))


facts = [
    ("version", "%d.%d.%d" % sys.version_info[:3]),
    ("executable", sys.executable),
    ("prefix", sys.prefix),
    ("stdlib", stdlib_dir()),
    ("pip", pip_version()),
    ("venv", "1" if module_origin("venv") else "0"),
    ("ensurepip", "1" if module_origin("ensurepip") else "0"),
    ("externally_managed", "1" if externally_managed() else "0"),
]
sys.stdout.write("TFWIZARD-PYTHON-FACTS\n")
for key, value in facts:
    sys.stdout.write("%s=%s\n" % (key, value))
