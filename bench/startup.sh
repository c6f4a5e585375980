#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of short runs that load the built-in resources: the
# string tables, the compatibility matrix, the error catalog and its context rules. Each count is the
# whole process, start to exit; run this on two commits to compare how much loading them costs.
#   doctor --list: English and Chinese tables, the error catalog, the context rules (no probe, no log);
#   plan:          the tables and the matrix, a plan for a recorded Ubuntu 22.04 (nothing probed or run);
#   version:       argument parsing alone, the floor under both.
# Needs valgrind (apt-get install valgrind). Usage: bench/startup.sh [TFWIZARD_BINARY]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
cd "$top"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF the Swift toolchain writes; the symbol table is enough for names.
bin="$work/tfwizard"
strip --strip-debug -o "$bin" "${1:-$(release_binary)}"
mkdir -p "$work/home"
fixtures=Tests/TFWizardCoreTests/Fixtures

total() {
  rm -f "$work/cg.out"
  HOME="$work/home" LANG=C.UTF-8 valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>&1 || true
  callgrind_annotate "$work/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
}

echo "$(machine_line)"
echo "tfwizard: $("$bin" --version 2>/dev/null | head -1), debug info stripped; valgrind $(valgrind --version | sed 's/valgrind-//')"
printf '%-44s %16s\n' "run" "instructions"
printf '%-44s %16s\n' "tfwizard --version" "$(total "$bin" --version)"
printf '%-44s %16s\n' "tfwizard doctor --list --lang zh" "$(total "$bin" doctor --list --lang zh)"
printf '%-44s %16s\n' "tfwizard plan (recorded ubuntu-22.04, zh)" \
  "$(total "$bin" plan --answers "$fixtures/answers/minimal.yaml" --machine "$fixtures/machines/ubuntu-22.04" --lang zh)"
