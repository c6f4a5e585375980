#!/usr/bin/env python3
"""Key latency and terminal output rate of the full-screen wizard during a flood.

Runs tfwizard on a pty at 80x24 whose first step prints as fast as Python can (the same wrapper as
bench/flood.sh), then, while the flood runs: presses "?" (the help overlay opens) and times until its
title reaches the terminal, then "?" again to close it, ROUNDS times; and counts the bytes the wizard
writes to the terminal per second with no key pressed. The floor is a minimal curses program on the same
kind of pty answering the same key with the same kind of redraw (python3's curses: ncurses too).

Usage: bench/keys.py TFWIZARD_BINARY [ROUNDS]     (bench/all.sh passes the release binary)
"""
import atexit, os, pty, select, signal, statistics, subprocess, sys, tempfile, termios, fcntl, struct, threading, time

binary = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
work = tempfile.mkdtemp(prefix="tfw-keys-")
os.makedirs(f"{work}/bin")
os.makedirs(f"{work}/home")
with open(f"{work}/bin/python3", "w") as wrapper:
    wrapper.write('#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "venv" ]; then exec /bin/sh -c "$TFW_FLOOD"; fi\n'
                  'exec /usr/bin/python3 "$@"\n')
os.chmod(f"{work}/bin/python3", 0o755)
# Every line is numbered, so the pane changes with every frame as real output does.
FLOOD = ("/usr/bin/python3 -c 'import sys, time; w = sys.stdout.buffer.write; pad = b\"x\" * 89 + b\"\\n\"\n"
         "end = time.time() + 120; n = 0\nwhile time.time() < end: w(b\"\".join(b\"%09d \" % i + pad for i in range(n, n + 1000))); n += 1000'")


def kill_children():
    """Whatever ends this script (a pipe closed under it, Ctrl-C), no child is left spinning on a closed pty."""
    for process in Screen.children:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


atexit.register(kill_children)


class Screen:
    """A child on a pty of 80x24 whose output is read as it comes, with the time each piece arrived."""
    children = []

    def __init__(self, argv, env):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        start_new_session=True, close_fds=True)
        Screen.children.append(self.process)
        os.close(slave)
        self.data = bytearray()
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.data += chunk

    def size(self):
        with self.lock:
            return len(self.data)

    def wait_for(self, text, after=0, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.data.find(text, after) >= 0:
                    return time.monotonic()
            time.sleep(0.0005)
        raise SystemExit(f"timed out waiting for {text!r}")

    def press(self, key):
        os.write(self.master, key)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def latencies(screen, marker):
    found = []
    for _ in range(rounds):
        mark = screen.size()
        start = time.monotonic()
        screen.press(b"?")
        found.append((screen.wait_for(marker, mark) - start) * 1000)
        time.sleep(0.03)
        screen.press(b"?")
        time.sleep(0.07)
    return found


def summary(name, values):
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(round(0.99 * (len(values) - 1))))]
    print(f"{name}: p50 {statistics.median(values):.1f} ms, p99 {p99:.1f} ms, max {values[-1]:.1f} ms ({len(values)} keys)")
    return p99


env = dict(os.environ, PATH=f"{work}/bin:/usr/bin:/bin", HOME=f"{work}/home", TERM="xterm-256color",
           LANG="C.UTF-8", TFW_FLOOD=FLOOD)
wizard = Screen([binary, "--log-dir", f"{work}/logs"], env)
wizard.wait_for(b"Enter", timeout=30)
for _ in range(7):          # welcome, device, method, package, Python (the wrapper), venv, plan
    time.sleep(0.5)
    wizard.press(b"\r")
wizard.wait_for(b"xxxxxxxxxx", timeout=30)
time.sleep(1)
before, start = wizard.size(), time.monotonic()
time.sleep(5)
rate = (wizard.size() - before) / (time.monotonic() - start)
wizard_p99 = summary("wizard during a flood", latencies(wizard, b"Keys on this screen"))
wizard.stop()

# The floor: curses redrawing a full screen of changing text ~20 times a second, answering "?" with a box.
MINIMAL = r'''
import curses, time
def main(screen):
    screen.timeout(50); n = 0; shown = False
    while True:
        n += 1
        for row in range(1, 23): screen.addstr(row, 0, ("%08d " % (n + row)) * 8)
        if shown: screen.addstr(10, 20, " Keys on this screen: help ")
        screen.refresh()
        key = screen.getch()
        if key == ord("?"): shown = not shown
curses.wrapper(main)
'''
floor = Screen(["/usr/bin/python3", "-c", MINIMAL], dict(os.environ, TERM="xterm-256color"))
time.sleep(1)
floor_p99 = summary("minimal curses program", latencies(floor, b"Keys on this screen"))
floor.stop()
print(f"terminal output during the flood, no key pressed: {rate / 1024:.1f} KB/s")
print(f"p99 ratio wizard/minimal: {wizard_p99 / floor_p99:.2f} (target: p99 within 20 ms)")
subprocess.run(["rm", "-rf", work])
