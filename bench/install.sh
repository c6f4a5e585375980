#!/usr/bin/env bash
# Wall time of `tfwizard install --answers` against the guide's commands run bare in a shell (venv,
# upgrade pip, install tensorflow, the same check program), side by side, with the cache stated and
# controlled: --cold gives each run an empty pip cache of its own (every wheel is downloaded: the
# ratio then holds the download's noise); --warm (the default) fills one cache with an untimed install
# first and gives it to both sides. Each run must succeed (exit 0 and the check program's OK line), or
# the bench stops. Order alternates each round; min and median of the ratios are printed.
# --uv: tfwizard installs with `installer: uv`, from an empty uv cache too when cold. uv's tool environment
# is no cache: with --cold it is made once, untimed, before the rounds (a machine's later installs, and the
# issue's own `uv venv` + `uv pip install` figure); --first is --cold where each tfwizard run also makes
# it (a home of its own: the first install on a machine). Warm: the warm-up made both. Each round also
# times uv by hand (`uv venv --seed`, `uv pip install tensorflow`, the check; uv already there, the cache as
# tfwizard's): what tfwizard adds to uv is tfwizard/uv, and uv/guide is the floor uv sets on this machine.
# Usage: bench/install.sh [--cold|--first|--warm] [--uv] [ROUNDS]     (default --warm, pip, 3 rounds)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
cd "$top"
cache=warm
case "${1:-}" in --cold) cache=cold; shift ;; --first) cache=first; shift ;; --warm) shift ;; esac
installer=pip
if [ "${1:-}" = "--uv" ]; then installer=uv; shift; fi
rounds=${1:-3}
bin=$(release_binary)
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only the cache chosen here: no find-links folder or user configuration of this machine.
unset PIP_FIND_LINKS PIP_NO_CACHE_DIR
export PIP_CONFIG_FILE=/dev/null

bare() {   # venv, cache folder, output file
  local venv=$1
  PIP_CACHE_DIR=$2 "$python" -m venv "$venv" &&
  PIP_CACHE_DIR=$2 "$venv/bin/python" -m pip install --upgrade pip &&
  PIP_CACHE_DIR=$2 "$venv/bin/python" -m pip install tensorflow &&
  "$venv/bin/python" -c "$(cat "$top/Resources/validation/check_tensorflow.py")"
}

uvbare() {   # uv by hand, with the uv of tfwizard's tool environment
  local venv=$1 uv=$work/home/.local/share/tfwizard/uv/bin/uv
  UV_CACHE_DIR=$2/uv "$uv" venv --seed --python "$python" "$venv" &&
  UV_CACHE_DIR=$2/uv "$uv" pip install --python "$venv/bin/python" tensorflow &&
  "$venv/bin/python" -c "$(cat "$top/Resources/validation/check_tensorflow.py")"
}

wizard() {
  local venv=$1
  printf 'device: cpu\nmethod: venv\ninstaller: %s\npython: "%s"\npackage: tensorflow\nversion: latest\nvenv: %s\n' \
    "$installer" "$python" "$venv" > "$work/answers.yaml"
  # uv's tool environment lives in the home: with --first the cache folder's own, so each run makes it.
  local home=$work/home
  if [ "$cache" = first ]; then home=$2/home; fi
  mkdir -p "$home"
  HOME=$home PIP_CACHE_DIR=$2 UV_CACHE_DIR=$2/uv "$bin" install --answers "$work/answers.yaml" --yes --log-dir "$work/logs"
}

# Times one side; the disk is flushed first so neither side pays for the other's writes (a 2 GB venv
# removed just before a run slows it down). Stops the bench when the side failed.
time_side() {
  local side=$1 venv=$2 cache_dir=$3 start seconds
  sync; sleep 1
  start=$(now)
  # tfwizard exits 0 only with a validated TensorFlow; the bare side must print the check's OK line.
  if ! "$side" "$venv" "$cache_dir" >"$work/$side.out" 2>&1 || ! grep -q TFWIZARD_OK "$work/$side.out"; then
    echo "the $side side failed; its output:" >&2; tail -20 "$work/$side.out" >&2; exit 1
  fi
  seconds=$(seconds_since "$start")
  rm -rf "$venv"
  echo "$seconds"
}

cache_for() {   # the cache folder a run uses
  if [ "$cache" = warm ]; then echo "$work/cache"; else mktemp -d "$work/cache-XXXX"; fi
}

echo "$(machine_line)"
echo "tfwizard: $bin ($(git rev-parse --short HEAD)); installer: $installer; python: $("$python" --version 2>&1); cache: $cache"
if [ "$cache" = warm ]; then
  echo "warm-up: one untimed install fills the cache both sides use..."
  time_side bare "$work/warm" "$work/cache" >/dev/null
  if [ "$installer" = uv ]; then time_side wizard "$work/warm" "$work/cache" >/dev/null; fi
elif [ "$installer" = uv ]; then
  echo "uv's tool environment (for uv by hand, and with --cold for tfwizard): one untimed install..."
  saved=$cache; cache=cold
  time_side wizard "$work/warm" "$(cache_for)" >/dev/null
  rm -rf "$work"/cache-*; cache=$saved
fi
ratios=(); floor=(); added=()
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    b=$(time_side bare "$work/bare-$round" "$(cache_for)"); w=$(time_side wizard "$work/wiz-$round" "$(cache_for)")
    [ "$installer" = uv ] && u=$(time_side uvbare "$work/uv-$round" "$(cache_for)")
  else
    [ "$installer" = uv ] && u=$(time_side uvbare "$work/uv-$round" "$(cache_for)")
    w=$(time_side wizard "$work/wiz-$round" "$(cache_for)"); b=$(time_side bare "$work/bare-$round" "$(cache_for)")
  fi
  [ "$cache" = warm ] || rm -rf "$work"/cache-*
  ratios+=("$(ratio "$w" "$b")")
  if [ "$installer" = uv ]; then
    floor+=("$(ratio "$u" "$b")"); added+=("$(ratio "$w" "$u")")
    printf 'round %d: guide (bare) %.1f s, tfwizard %.1f s, uv by hand %.1f s; tfwizard/guide %s, uv/guide %s, tfwizard/uv %s\n' \
      "$round" "$b" "$w" "$u" "${ratios[-1]}" "${floor[-1]}" "${added[-1]}"
  else
    printf 'round %d: guide (bare) %.1f s, tfwizard %.1f s, ratio %s\n' "$round" "$b" "$w" "${ratios[-1]}"
  fi
done
if [ "$installer" = uv ]; then limit="target 0.50"; else limit="limit 1.10"; fi
echo "tfwizard/guide: $(min_median "${ratios[@]}") ($limit)"
if [ "$installer" = uv ]; then
  echo "uv by hand/guide: $(min_median "${floor[@]}") (uv's own floor here)"
  echo "tfwizard/uv by hand: $(min_median "${added[@]}") (what tfwizard adds to uv)"
fi
