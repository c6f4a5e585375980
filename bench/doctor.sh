#!/usr/bin/env bash
# Times the doctor's matcher against `grep -E -f` (the catalog's own patterns) on a ~100 MB log.
# Usage: bench/doctor.sh [SIZE_MB]   (run from anywhere; builds in release first; ROUNDS=3 runs per side)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/big.log"
patterns="$work/patterns.ere"

echo "building (release tfwizard; debug tests for the patterns file)..." >&2
swift build -c release --product tfwizard >/dev/null
bin_dir="$(swift build -c release --show-bin-path)"
# @testable imports need a debug build; the tests only write the patterns file here.
swift build --build-tests >/dev/null
tests="$(swift build --show-bin-path)/tfwizardPackageTests.xctest"

# The patterns file comes from the catalog itself, so both sides search for the same things.
TFWIZARD_BENCH_PATTERNS="$patterns" "$tests" TFWizardCoreTests.DiagnosisBenchTests >/dev/null 2>&1 || true
test -s "$patterns" || { echo "could not write the patterns file" >&2; exit 1; }

# A log of ordinary install noise with the corpus' real failures spread through it.
echo "writing a ${size_mb} MB log..." >&2
python3 - "$log" "$size_mb" Tests/TFWizardCoreTests/Fixtures/logs <<'PY'
import os, sys
path, size_mb, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
noise = [
    "Collecting tensorflow==2.21.0\n",
    "  Downloading tensorflow-2.21.0-cp312-cp312-manylinux_2_27_x86_64.whl.metadata (4.1 kB)\n",
    "Requirement already satisfied: absl-py>=1.0.0 in ./venv/lib/python3.12/site-packages (from tensorflow) (2.1.0)\n",
    "\r   \x1b[38;5;197m━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\x1b[0m \x1b[32m412.3/615.0 MB\x1b[0m \x1b[31m48.2 MB/s\x1b[0m eta 0:00:05\n",
    "2026-11-26 10:00:00.000000: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.\n",
    "Epoch 3/50 - loss: 0.2314 - accuracy: 0.9321 - val_loss: 0.2877 - val_accuracy: 0.9102\n",
    "Setting up python3-venv (3.12.3-0ubuntu2) ...\n",
    "Get:12 http://archive.ubuntu.com/ubuntu noble/main amd64 python3-pip-whl all 24.0+dfsg-1ubuntu1 [1703 kB]\n",
]
failures = [open(os.path.join(corpus, f), encoding="utf-8", errors="replace").read()
            for f in sorted(os.listdir(corpus)) if f.endswith(".log")]
block = "".join(noise) * 400
target = size_mb * 1024 * 1024
with open(path, "w", encoding="utf-8") as out:
    written, index = 0, 0
    while written < target:
        chunk = block + failures[index % len(failures)]
        out.write(chunk); written += len(chunk.encode()); index += 1
PY
ls -l "$log" | awk '{printf "log: %.1f MB\n", $5/1048576}'

now() { date +%s.%N; }
# Warm the page cache so both sides read from memory.
cat "$log" >/dev/null

# On a shared machine one run can be slowed by others: both sides run ROUNDS times, alternating, and the
# fastest run of each is compared.
rounds="${ROUNDS:-3}"
grep_s="" doctor_s=""
fastest() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
for round in $(seq "$rounds"); do
    # Output goes to a file: GNU grep stops at the first match when its output is /dev/null.
    start=$(now); LC_ALL=C grep -E -c -f "$patterns" "$log" >"$work/grep.out" || true; end=$(now)
    grep_s=$(fastest "$grep_s" "$(echo "$end - $start" | bc -l)")
    start=$(now); /usr/bin/time -f '%M' -o "$work/rss" "$bin_dir/tfwizard" doctor "$log" >/dev/null || true; end=$(now)
    doctor_s=$(fastest "$doctor_s" "$(echo "$end - $start" | bc -l)")
    printf 'round %d: grep %.3f s, doctor %.3f s (fastest so far)\n' "$round" "$grep_s" "$doctor_s" >&2
done
how="tfwizard doctor"
# Memory must not grow with the log: the same on a tenth of it.
head -c $((size_mb * 1024 * 1024 / 10)) "$log" > "$work/small.log"
/usr/bin/time -f '%M' -o "$work/rss-small" "$bin_dir/tfwizard" doctor "$work/small.log" >/dev/null || true
printf 'grep -E -f (%d patterns, fastest of %d): %.3f s\n' "$(wc -l <"$patterns")" "$rounds" "$grep_s"
printf '%s (whole process): %.3f s\n' "$how" "$doctor_s"
printf 'ratio doctor/grep: %.2f (goal: at most 2)\n' "$(echo "$doctor_s / $grep_s" | bc -l)"
printf 'peak memory: %d MB on the whole log, %d MB on a tenth of it\n' \
    "$(( $(tail -1 "$work/rss") / 1024 ))" "$(( $(tail -1 "$work/rss-small") / 1024 ))"
