#!/usr/bin/env bash
# The result store's cost (issue 10): a sweep's wall time without and with --store, side by side in one run
# (interleaved, so that load from other processes hits both alike; medians), the overhead of a commit per run
# ((with - without) / runs) and the store's size per run. Two sweeps: the shipped Kamenny Log lanes sweep
# (9 variants, runs of a realistic length) and the same at a 2-day horizon, where runs are so short that the
# commit's share shows. Uses build/release/freightsim and the sqlite3 command (Debian sqlite3) and bc.
#
# Usage: tools/bench/store_overhead.sh [--replications N] [--repeats K] [--jobs J]
set -euo pipefail
cd "$(dirname "$0")/../.."
replications=4 repeats=3 jobs=1
while [ $# -gt 0 ]; do
  case $1 in
    --replications) replications=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "tools/bench/store_overhead.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
bin=build/release/freightsim
sweep=scenarios/sweeps/kamenny_log_lanes.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() {  # wall seconds of the command
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-22s %5s %10s %10s %14s %10s %14s\n' sweep runs "without s" "with s" "commit ms/run" "store KB" "runs KB/run"
for label in "lanes (30 d horizon)" "lanes (2 d horizon)"; do
  extra=()
  [ "$label" = "lanes (2 d horizon)" ] && extra=(--set horizon=2d --set warmup=0d)
  : >"$work/without" ; : >"$work/with"
  for ((k = 0; k < repeats; k++)); do
    rm -f "$work/s.db"*
    seconds "$bin" sweep "$sweep" --quiet --jobs "$jobs" --replications "$replications" "${extra[@]}" \
      --out "$work/out" >>"$work/without"
    seconds "$bin" sweep "$sweep" --quiet --jobs "$jobs" --replications "$replications" "${extra[@]}" \
      --out "$work/out" --store "$work/s.db" >>"$work/with"
  done
  runs=$(sqlite3 "$work/s.db" 'SELECT count(*) FROM run')
  without=$(median <"$work/without")
  with=$(median <"$work/with")
  # The size once the log is folded in (the sweep's last connection checkpoints it on close).
  size=$(stat -c %s "$work/s.db")
  # The run and value tables alone (dbstat): what each further run adds; the rest is the scenarios and metrics.
  runs_bytes=$(sqlite3 "$work/s.db" "SELECT sum(pgsize) FROM dbstat WHERE name IN ('run', 'value', 'sqlite_autoindex_run_1')")
  printf '%-22s %5d %10.3f %10.3f %14.2f %10.1f %14.2f\n' "$label" "$runs" "$without" "$with" \
    "$(echo "($with - $without) * 1000 / $runs" | bc -l)" "$(echo "$size / 1024" | bc -l)" \
    "$(echo "$runs_bytes / 1024 / $runs" | bc -l)"
done
