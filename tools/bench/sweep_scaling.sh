#!/usr/bin/env bash
# Sweep scaling (issue 10): the wall time of one sweep with --jobs 1 and 2 threads and with 1 and 2 MPI ranks
# (mpirun, one run at a time per rank), side by side in one run and interleaved, so that load from other
# processes hits every configuration alike; medians of --repeats. Efficiency = T(1) / (2 T(2)). Also checks
# that every configuration wrote the same runs.csv and comparison.csv as --jobs 1.
# Uses build/release/freightsim and OpenMPI's mpirun.
#
# Usage: tools/bench/sweep_scaling.sh [--sweep FILE] [--replications N] [--repeats K]
set -euo pipefail
cd "$(dirname "$0")/../.."
sweep=scenarios/sweeps/brest_cranes.yaml replications=2 repeats=3
while [ $# -gt 0 ]; do
  case $1 in
    --sweep) sweep=$2; shift 2 ;;
    --replications) replications=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    *) echo "tools/bench/sweep_scaling.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
bin=build/release/freightsim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# As root OpenMPI needs its consent; in containers cross-memory attach may be refused.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none

configs=("jobs1" "jobs2" "ranks1" "ranks2")
command_of() {  # the sweep command of a configuration, writing to $work/$1
  local args=("$sweep" --quiet --replications "$replications" --out "$work/$1")
  case $1 in
    jobs1) echo "$bin sweep ${args[*]} --jobs 1" ;;
    jobs2) echo "$bin sweep ${args[*]} --jobs 2" ;;
    ranks1) echo "mpirun -np 1 $bin sweep ${args[*]} --jobs 1" ;;
    ranks2) echo "mpirun -np 2 --oversubscribe $bin sweep ${args[*]} --jobs 1" ;;
  esac
}
declare -A times
for ((k = 0; k < repeats; k++)); do
  for c in "${configs[@]}"; do
    start=$(date +%s.%N)
    $(command_of "$c")
    end=$(date +%s.%N)
    times[$c]+="$(echo "$end - $start" | bc) "
    for f in runs.csv comparison.csv; do
      cmp -s "$work/jobs1/$f" "$work/$c/$f" || { echo "sweep_scaling: $c wrote a different $f" >&2; exit 1; }
    done
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "sweep: $sweep, $replications replications per variant, median of $repeats (load average: $(cut -d' ' -f1 /proc/loadavg))"
printf '%-8s %10s %11s\n' config "wall (s)" efficiency
for pair in "jobs1 jobs2" "ranks1 ranks2"; do
  read -r one two <<<"$pair"
  t1=$(echo "${times[$one]}" | median) t2=$(echo "${times[$two]}" | median)
  printf '%-8s %10.2f %11s\n' "$one" "$t1" "-"
  printf '%-8s %10.2f %10.0f%%\n' "$two" "$t2" "$(echo "100 * $t1 / (2 * $t2)" | bc -l)"
done
echo "every configuration wrote the same runs.csv and comparison.csv"
