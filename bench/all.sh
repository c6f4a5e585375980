#!/usr/bin/env bash
# Runs every bench, one after the other (never two at once: they would time each other), and prints
# what BENCHMARKS.md records. The install bench downloads TensorFlow: --no-install leaves it out.
# Usage: bench/all.sh [--no-install] [ROUNDS]     (default 3 rounds each)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
cd "$top"
install=true
if [ "${1:-}" = "--no-install" ]; then install=false; shift; fi
rounds=${1:-3}
bin=$(release_binary)
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
echo "$(machine_line)"
echo; echo "== flood: a 200 MB step (bench/flood.sh 200 $rounds)"; bench/flood.sh 200 "$rounds"
echo; echo "== peak memory by output size (bench/flood.sh --memory)"; bench/flood.sh --memory
echo; echo "== key latency during a flood (bench/keys.py)"; python3 bench/keys.py "$bin" 60
echo; echo "== first frame (bench/first-frame.py)"; python3 bench/first-frame.py "$bin" "$((rounds * 4))"
echo; echo "== doctor against grep (bench/doctor.sh 100 $((rounds + 2)))"; bench/doctor.sh 100 "$((rounds + 2))"
echo; echo "== instruction counts (bench/callgrind.sh)"; bench/callgrind.sh
if $install; then
  echo; echo "== install, warm pip cache (bench/install.sh --warm $rounds)"; bench/install.sh --warm "$rounds"
  echo; echo "== install, cold pip cache (bench/install.sh --cold $rounds)"; bench/install.sh --cold "$rounds"
  echo; echo "== install with uv, cold caches (bench/install.sh --cold --uv $rounds)"; bench/install.sh --cold --uv "$rounds"
  echo; echo "== install with uv, warm caches (bench/install.sh --warm --uv $rounds)"; bench/install.sh --warm --uv "$rounds"
fi
