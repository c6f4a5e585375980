#!/usr/bin/env python3
"""Time to the first frame: from spawning tfwizard on a pty of 80x24 until its first frame ("Looking at
this machine", drawn before the probe) has reached the terminal, against a minimal Swift ncurses program
built the same way (release, the same module map: bench/minimal-ncurses.swift) drawing one line. Also
the time until the welcome screen is whole ("Press Enter to begin": the probe's facts are in). Order
alternates; min and median of each side and of the ratios are printed. tfwizard is started as people
start it, with no arguments (its log goes to a home folder of the bench's own).

Usage: bench/first-frame.py TFWIZARD_BINARY [ROUNDS]     (bench/all.sh passes the release binary)
"""
import fcntl, os, pty, select, signal, statistics, struct, subprocess, sys, tempfile, termios, time

binary = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 12
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="tfw-first-frame-")
minimal = f"{work}/minimal-ncurses"
subprocess.run(["swiftc", "-O", "-I", f"{top}/Sources/CNcursesw", f"{top}/bench/minimal-ncurses.swift", "-o", minimal],
               check=True)
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=f"{work}/home")


def first_frame(argv, markers):
    """Milliseconds from spawn until each marker was written to the terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.monotonic()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = bytearray()
    deadline = start + 30
    elapsed = {}
    while time.monotonic() < deadline and len(elapsed) < len(markers):
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            for marker in markers:
                if marker not in elapsed and marker in seen:
                    elapsed[marker] = (time.monotonic() - start) * 1000
    process.send_signal(signal.SIGTERM)
    try:
        os.write(master, b"\r")
    except OSError:
        pass
    while True:   # keep reading so its last writes never block, until it is gone
        try:
            if process.wait(timeout=0.05) is not None:
                break
        except subprocess.TimeoutExpired:
            if select.select([master], [], [], 0)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    pass
    os.close(master)
    if len(elapsed) < len(markers):
        raise SystemExit(f"{argv[0]} drew no {markers}: {bytes(seen[-300:])!r}")
    return [elapsed[marker] for marker in markers]


FIRST, WHOLE = b"Looking at this machine", b"Press Enter to begin"
wizard, welcome, floor = [], [], []
for round in range(rounds):
    def run_wizard():
        first, whole = first_frame([binary], [FIRST, WHOLE])   # as people start it; the log goes to HOME
        wizard.append(first)
        welcome.append(whole)
    def run_floor():
        floor.extend(first_frame([minimal], [WHOLE]))
    for side in ((run_wizard, run_floor) if round % 2 == 0 else (run_floor, run_wizard)):
        side()
ratios = [w / f for w, f in zip(wizard, floor)]
print(f"minimal ncurses program:  min {min(floor):.1f} ms, median {statistics.median(floor):.1f} ms")
print(f"tfwizard first frame:     min {min(wizard):.1f} ms, median {statistics.median(wizard):.1f} ms")
print(f"tfwizard welcome (facts): min {min(welcome):.1f} ms, median {statistics.median(welcome):.1f} ms")
print(f"ratio first frame/minimal: min {min(ratios):.2f}, median {statistics.median(ratios):.2f} "
      f"({rounds} rounds, order alternating; target: at most 2)")
subprocess.run(["rm", "-rf", work])
