#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of the CPU-bound parts, per MB of input. They hold on a
# busy machine where wall times do not: run this on two commits to compare them. Each count is of the
# part and what it calls (the sanitiser's includes masking and printing each line it gives).
#   sanitiser, masker, journal writes, log export: a headless step printing SIZE_MB (100-byte lines with
#   a URL and a token parameter every 50th line, so the masker has work);
#   matcher: `tfwizard doctor` on a log of ordinary install noise with the corpus' failures in it.
# Needs valgrind (apt-get install valgrind). Usage: bench/callgrind.sh [SIZE_MB]   (default 5)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
cd "$top"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
size=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF the Swift toolchain writes; the symbol table is enough for names.
bin="$work/tfwizard"
strip --strip-debug -o "$bin" "$(release_binary)"

mkdir -p "$work/home"
flood_python "$work/bin"
export TFW_FLOOD="/usr/bin/python3 -c 'import sys; w = sys.stdout.buffer.write; block = (b\"x\" * 99 + b\"\\n\") * 49 + b\"GET https://user:pw@mirror.example/simple/?token=abc123&x=1 ok\\n\"; [w(block) for _ in range($size * 200)]'"
printf 'device: cpu\nmethod: venv\npython: "%s"\nvenv: %s\nproxy: "http://ada:S3cret@proxy.example:3128"\n' \
  "$work/bin/python3" "$work/venv" > "$work/answers.yaml"

# collected PATTERN COMMAND...: instructions executed inside functions whose name matches PATTERN.
collected() {
  local pattern=$1; shift
  rm -f "$work/cg.out"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect="$pattern" "$@" >/dev/null 2>&1 || true
  callgrind_annotate "$work/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
}
per_mb() { echo "scale=1; $1 / $2 / 1000000" | bc -l; }

echo "$(machine_line)"
echo "tfwizard: release build of $(git rev-parse --short HEAD), debug info stripped; valgrind $(valgrind --version | sed 's/valgrind-//')"
printf '%-34s %16s %14s\n' "part" "instructions" "M per MB"
install_run=("$bin" install --answers "$work/answers.yaml" --yes --log-dir "$work/logs")
for part in "sanitiser (with each line's use):*TerminalTextSanitizerV4feed*" "masker (bulk, transcript):*SecretMaskerV6redact5block*" \
            "masker (lines, output and log):*SecretMaskerV6redactyS*" "journal step output:*SessionJournalC10stepOutput*" \
            "log export:*SessionJournalC6export*"; do
  rm -rf "$work/logs" "$work/venv"
  # valgrind runs tfwizard itself (no `env` in between: children are not traced).
  count=$(PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" collected "${part#*:}" "${install_run[@]}")
  printf '%-34s %16s %14s\n' "${part%%:*}" "$count" "$(per_mb "${count:-0}" "$size")"
done

# The matcher: the doctor bench's log generator, at 10 MB.
python3 - "$work/doctor.log" 10 Tests/TFWizardCoreTests/Fixtures/logs <<'PY'
import os, sys
path, size_mb, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
noise = ["Collecting tensorflow==2.21.0\n", "Requirement already satisfied: absl-py>=1.0.0 in ./venv/lib (2.1.0)\n",
         "2026-11-26 10:00:00.000000: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.\n"]
failures = [open(os.path.join(corpus, f), encoding="utf-8", errors="replace").read() for f in sorted(os.listdir(corpus)) if f.endswith(".log")]
with open(path, "w") as out:
    written, index = 0, 0
    while written < size_mb * 1024 * 1024:
        chunk = "".join(noise) * 400 + failures[index % len(failures)]
        out.write(chunk); written += len(chunk); index += 1
PY
count=$(collected "*Diagnoser*" "$bin" doctor "$work/doctor.log")
printf '%-34s %16s %14s\n' "matcher (doctor)" "$count" "$(per_mb "${count:-0}" 10)"
