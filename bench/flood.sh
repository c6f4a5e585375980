#!/usr/bin/env bash
# A step that prints SIZE_MB of output (100-byte lines, written as fast as Python can) under tfwizard,
# against the same command under `script -qc CMD /dev/null >/dev/null` (a pty and nothing else), side
# by side: headless `tfwizard install` and the full-screen wizard in tmux at 80x24. Order alternates
# each round; min and median of the ratios are printed, and each run's peak memory.
#
# The step is the plan's first one ("create the virtual environment"): the Python the plan uses is a
# wrapper that prints the flood instead of creating the venv, so the next step fails and the run ends.
# The step's time under tfwizard is the duration its transcript footer records (spawn to the end of
# its output); the headless run's whole wall time is printed too.
#
# Usage: bench/flood.sh [SIZE_MB] [ROUNDS]      defaults 200 and 3
#        bench/flood.sh --memory                peak memory at 1, 10, 100 and 1000 MB (one run each)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
cd "$top"
memory_table=false
if [ "${1:-}" = "--memory" ]; then memory_table=true; shift; fi
size=${1:-200}
rounds=${2:-3}
bin=$(release_binary)
work=$(mktemp -d)
trap 'tmux kill-server -L tfw-bench 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/home"
flood_python "$work/bin"
flood_command() {
  echo "/usr/bin/python3 -c 'import sys; w = sys.stdout.buffer.write; block = (b\"x\" * 99 + b\"\\n\") * 1000; [w(block) for _ in range($1 * 10)]'"
}
bench_path="$work/bin:/usr/bin:/bin"

# The duration in the transcript footer of step 1 (".. done, exit 0, 12.3 s"), once it is there.
step_seconds() {
  local logs=$1 deadline=$((SECONDS + 900)) footer=""
  while [ $SECONDS -lt $deadline ]; do
    footer=$(grep -a -h '^<== step 1 ' "$logs"/*.transcript 2>/dev/null | tail -1 || true)
    [ -n "$footer" ] && break
    sleep 0.2
  done
  [ -n "$footer" ] || { echo "no step footer in $logs" >&2; exit 1; }
  echo "$footer" | sed -E 's/.*, ([0-9.]+) s$/\1/'
}

# Checks that the transcript holds the whole flood (so a side that lost output cannot look fast).
check_transcript() {
  local logs=$1 mb=$2 bytes
  bytes=$(stat -c %s "$logs"/*.transcript | head -1)
  [ "$bytes" -ge $((mb * 1000000)) ] || { echo "transcript of $logs holds $bytes bytes, expected $mb MB" >&2; exit 1; }
}

baseline() {   # prints seconds
  local mb=$1 start
  start=$(now)
  script -qc "$(flood_command "$mb")" /dev/null >/dev/null
  seconds_since "$start"
}

headless() {   # prints "step-seconds wall-seconds peak-kB"
  local mb=$1 tag=$2 logs="$work/logs-$2" start wall
  rm -rf "$work/venv-$tag"
  printf 'device: cpu\nmethod: venv\npython: "%s"\nvenv: %s\n' "$work/bin/python3" "$work/venv-$tag" > "$work/answers-$tag.yaml"
  start=$(now)
  PATH=$bench_path TFW_FLOOD=$(flood_command "$mb") HOME="$work/home" /usr/bin/time -f '%M' -o "$work/rss-$tag" \
    "$bin" install --answers "$work/answers-$tag.yaml" --yes --log-dir "$logs" >/dev/null 2>&1 || true
  wall=$(seconds_since "$start")
  check_transcript "$logs" "$mb"
  echo "$(step_seconds "$logs") $wall $(tail -1 "$work/rss-$tag")"
}

tui() {   # prints "step-seconds peak-kB"
  local mb=$1 tag=$2 logs="$work/logs-$2" session="flood-$2" pid seconds peak
  rm -rf "$work/home/tensorflow"
  tmux -L tfw-bench new-session -d -s "$session" -x 80 -y 24 \
    "env PATH=$bench_path HOME=$work/home TERM=xterm-256color TFW_FLOOD=\"$(flood_command "$mb" | sed 's/"/\\"/g')\" $bin --log-dir $logs; sleep 600"
  pid=""
  for _ in $(seq 1 100); do pid=$(pgrep -f "^$bin --log-dir $logs" | head -1 || true); [ -n "$pid" ] && break; sleep 0.1; done
  for _ in $(seq 1 50); do tmux -L tfw-bench capture-pane -p -t "$session" | grep -q 'Press Enter' && break; sleep 0.2; done
  # Welcome, device, method, package, Python (the wrapper comes first on PATH), venv, plan.
  for _ in 1 2 3 4 5 6 7; do tmux -L tfw-bench send-keys -t "$session" Enter; sleep 0.5; done
  seconds=$(step_seconds "$logs")
  peak=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
  tmux -L tfw-bench kill-session -t "$session"
  check_transcript "$logs" "$mb"
  echo "$seconds $peak"
}

echo "$(machine_line)"
echo "tfwizard: $bin ($(git -C "$top" rev-parse --short HEAD))"
if $memory_table; then
  printf '%-8s %-22s %-22s\n' "output" "headless peak RSS" "wizard (tmux) peak RSS"
  for mb in 1 10 100 1000; do
    read -r _ _ head_kb < <(headless "$mb" "m$mb")
    read -r _ tui_kb < <(tui "$mb" "t$mb")
    printf '%-8s %-22s %-22s\n' "$mb MB" "$((head_kb / 1024)) MB" "$((tui_kb / 1024)) MB"
  done
  exit 0
fi

echo "flood: $size MB in 100-byte lines; $rounds rounds, order alternating"
headless_ratios=(); tui_ratios=()
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    b1=$(baseline "$size"); read -r hs hw hk < <(headless "$size" "h$round")
    b2=$(baseline "$size"); read -r ts tk < <(tui "$size" "t$round")
  else
    read -r ts tk < <(tui "$size" "t$round"); b2=$(baseline "$size")
    read -r hs hw hk < <(headless "$size" "h$round"); b1=$(baseline "$size")
  fi
  headless_ratios+=("$(ratio "$hs" "$b1")"); tui_ratios+=("$(ratio "$ts" "$b2")")
  printf 'round %d: script %.2f s | headless step %.2f s (whole run %.2f s, peak %d MB) ratio %s | script %.2f s | wizard step %.2f s (peak %d MB) ratio %s\n' \
    "$round" "$b1" "$hs" "$hw" $((hk / 1024)) "${headless_ratios[-1]}" "$b2" "$ts" $((tk / 1024)) "${tui_ratios[-1]}"
done
echo "headless/script: $(min_median "${headless_ratios[@]}") (target: at most 1.3)"
echo "wizard/script:   $(min_median "${tui_ratios[@]}") (target: at most 1.5)"
