#!/usr/bin/env bash
# The result store's cost (issue 10), on the shipped Kamenny Log lanes sweep (9 variants) at its 30-day horizon
# and at a 2-day one, where runs are so short that the store's share shows:
# - the sweep's wall time without and with --store, side by side in one run (interleaved, so that load from
#   other processes hits both alike; medians of --repeats), and their difference per run, which includes the
#   store's fixed cost (creating it: each variant's scenario resolved again, its metrics listed);
# - the commit per run measured inside the process, --jobs 1: the time between one run's end and the next
#   run's end, less the next run's own time (run.finished_at, run.seconds), median over the runs;
# - the store's size, and per run the pages of its run and value tables (sqlite3's dbstat): what one more
#   run adds.
# Uses build/release/freightsim, the sqlite3 command (Debian sqlite3), bc and python3.
#
# Usage: tools/bench/store_overhead.sh [--replications N] [--repeats K]
set -euo pipefail
cd "$(dirname "$0")/../.."
replications=4 repeats=5
while [ $# -gt 0 ]; do
  case $1 in
    --replications) replications=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
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

# Median over runs k > 0 of (finished_at[k] - finished_at[k-1]) - seconds[k], in ms.
commit_ms() {
  sqlite3 -separator ' ' "$1" 'SELECT finished_at, seconds FROM run ORDER BY finished_at' | python3 -c '
import sys, datetime, statistics
rows = [l.split() for l in sys.stdin]
t = [datetime.datetime.fromisoformat(r[0].rstrip("Z")).timestamp() for r in rows]
print(statistics.median((t[k] - t[k - 1] - float(rows[k][1])) * 1000 for k in range(1, len(t))))'
}

printf '%-20s %5s %10s %10s %12s %12s %10s %12s\n' sweep runs "without s" "with s" "diff ms/run" \
  "commit ms" "store KB" "runs KB/run"
for label in "lanes, 30 d horizon" "lanes, 2 d horizon"; do
  extra=()
  [ "$label" = "lanes, 2 d horizon" ] && extra=(--set horizon=2d --set warmup=0d)
  : >"$work/without"
  : >"$work/with"
  for ((k = 0; k < repeats; k++)); do
    rm -f "$work/s.db"*
    seconds "$bin" sweep "$sweep" --quiet --jobs 1 --replications "$replications" "${extra[@]}" \
      --out "$work/out" >>"$work/without"
    seconds "$bin" sweep "$sweep" --quiet --jobs 1 --replications "$replications" "${extra[@]}" \
      --out "$work/out" --store "$work/s.db" >>"$work/with"
  done
  runs=$(sqlite3 "$work/s.db" 'SELECT count(*) FROM run')
  without=$(median <"$work/without")
  with=$(median <"$work/with")
  size=$(stat -c %s "$work/s.db")  # the log is folded in when the sweep closes the store
  runs_bytes=$(sqlite3 "$work/s.db" \
    "SELECT sum(pgsize) FROM dbstat WHERE name IN ('run', 'value', 'sqlite_autoindex_run_1')")
  printf '%-20s %5d %10.3f %10.3f %12.2f %12.3f %10.1f %12.2f\n' "$label" "$runs" "$without" "$with" \
    "$(echo "($with - $without) * 1000 / $runs" | bc -l)" "$(commit_ms "$work/s.db")" \
    "$(echo "$size / 1024" | bc -l)" "$(echo "$runs_bytes / 1024 / $runs" | bc -l)"
done
