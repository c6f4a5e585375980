#!/usr/bin/env bash
# Wall time of `tfwizard install --answers` against the same commands run bare in a shell, side by side.
# Each round creates a fresh venv both ways (pip's cache is warm for both after the first warm-up round).
# Usage: bench/install.sh [ROUNDS]   (default 2). Prints each time and the ratio tfwizard/bare.
set -euo pipefail
rounds=${1:-2}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
swift build -c release --product tfwizard >/dev/null
bin="$top/.build/release/tfwizard"
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bare() {
  local venv=$1
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --upgrade pip
  "$venv/bin/python" -m pip install tensorflow
  "$venv/bin/python" -c "$(cat "$top/Resources/validation/check_tensorflow.py")"
}

wizard() {
  local venv=$1
  printf 'device: cpu\nmethod: venv\npython: "%s"\npackage: tensorflow\nversion: latest\nvenv: %s\n' \
    "$python" "$venv" > "$work/answers.yaml"
  "$bin" install --answers "$work/answers.yaml" --yes --log-dir "$work/logs"
}

seconds() { local start=$1 end=$2; echo "scale=2; ($end - $start) / 1000000000" | bc; }

echo "warm-up (fills pip's cache for both sides)..."
bare "$work/warm" >/dev/null 2>&1; rm -rf "$work/warm"

total_bare=0; total_wizard=0
# Order alternates between rounds, and the disk is flushed before each timed run, so neither side pays
# for the other's writes (a 2 GB venv removed just before a run slows it down).
time_side() {
  local side=$1 venv=$2 start end
  sync; sleep 1
  start=$(date +%s%N); "$side" "$venv" >/dev/null 2>&1; end=$(date +%s%N)
  seconds "$start" "$end"
}
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    b=$(time_side bare "$work/bare-$round"); w=$(time_side wizard "$work/wiz-$round")
  else
    w=$(time_side wizard "$work/wiz-$round"); b=$(time_side bare "$work/bare-$round")
  fi
  rm -rf "$work/bare-$round" "$work/wiz-$round"
  echo "round $round: bare ${b} s, tfwizard ${w} s, ratio $(echo "scale=3; $w / $b" | bc)"
  total_bare=$(echo "$total_bare + $b" | bc); total_wizard=$(echo "$total_wizard + $w" | bc)
done
echo "total: bare ${total_bare} s, tfwizard ${total_wizard} s, ratio $(echo "scale=3; $total_wizard / $total_bare" | bc) (limit 1.10)"
