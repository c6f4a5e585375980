# Shared by the bench scripts: timing, the release build, and min/median of a list of numbers.

now() { date +%s.%N; }

# seconds_since START: wall seconds from START (a `now` value) to now.
seconds_since() { echo "$(now) - $1" | bc -l; }

# ratio A B: A / B to three places.
ratio() { echo "scale=3; $1 / $2" | bc -l; }

# min_median N...: "min X, median Y" of the numbers given.
min_median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "min %.3f, median %.3f", v[1], m }'
}

# The machine, for the table: CPU model, cores, memory, load when the bench started.
machine_line() {
  local cpu cores memory
  cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
  cores=$(nproc)
  memory=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
  echo "machine: $cpu, $cores cores, $memory; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Builds the release binary once and prints its path.
release_binary() {
  swift build -c release --product tfwizard >/dev/null
  echo "$(swift build -c release --show-bin-path)/tfwizard"
}

# flood_python DIR: writes DIR/python3, a Python whose `-m venv` runs $TFW_FLOOD instead (the plan's
# first step then prints the flood and creates no venv, so the next step fails and the run ends);
# anything else goes to /usr/bin/python3. With DIR first on PATH, the wizard and its probe pick it.
flood_python() {
  mkdir -p "$1"
  cat > "$1/python3" <<'SH'
#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then exec /bin/sh -c "$TFW_FLOOD"; fi
exec /usr/bin/python3 "$@"
SH
  chmod +x "$1/python3"
}
