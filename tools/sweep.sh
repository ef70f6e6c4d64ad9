#!/usr/bin/env bash
# Runs a parameter grid x replications of edge-dnn-scenario as independent processes with GNU parallel, one
# SQLite database per run, then merges them into one. An interrupted sweep resumes without redoing finished runs.
#
#   tools/sweep.sh --grid=FILE [--replications=N] [--jobs=N] [--sshloginfile=FILE] [--out=DIR]
#                  [--program=PATH]
#
#   --grid          one run configuration per line: edge-dnn-scenario options such as
#                   "--algorithm=ours --uplink=10" (no spaces inside a value; '#' starts a comment)
#   --replications  runs of each line, with --RngRun=1..N (default 3)
#   --jobs          parallel jobs per host (default: the number of cores)
#   --sshloginfile  GNU parallel's list of hosts; they need the program and DIR at the same paths (a shared file
#                   system)
#   --out           output folder (default results/sweep): runs/L<line>-R<run>.db, a log per run, and the merge,
#                   sweep.db
#   --program       the program to run (default build/bin/edge-dnn-scenario)
#
# Each run writes runs/L<line>-R<run>.db.part and renames it when the program succeeded, so a run that exists
# is finished: rerunning the same sweep skips it. tools/sweep.slurm runs the same grid as a Slurm job array.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

# One run: sweep.sh --run-one OUT PROGRAM LINE REPLICATION ARGS
if [ "${1:-}" = "--run-one" ]; then
  out=$2 program=$3 line=$4 replication=$5
  read -r -a args <<<"${6:-}"
  db="$out/runs/L$line-R$replication.db"
  if [ -f "$db" ]; then
    echo "L$line-R$replication: finished before, skipped"
    exit 0
  fi
  rm -f "$db.part" "$db.part-wal" "$db.part-shm"
  if "$program" --db="$db.part" --RngRun="$replication" --scenario="sweep-L$line" "${args[@]}" \
    >"$out/runs/L$line-R$replication.log" 2>&1; then
    mv "$db.part" "$db"
    echo "L$line-R$replication: done"
  else
    echo "L$line-R$replication: FAILED (see $out/runs/L$line-R$replication.log)" >&2
    exit 1
  fi
  exit 0
fi

grid="" replications=3 jobs=$(nproc) sshloginfile="" out="results/sweep"
program="$root/build/bin/edge-dnn-scenario"
for arg in "$@"; do
  case "$arg" in
    --grid=*) grid=${arg#*=} ;;
    --replications=*) replications=${arg#*=} ;;
    --jobs=*) jobs=${arg#*=} ;;
    --sshloginfile=*) sshloginfile=${arg#*=} ;;
    --out=*) out=${arg#*=} ;;
    --program=*) program=${arg#*=} ;;
    *) echo "sweep.sh: unknown option '$arg' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$grid" ] || { echo "sweep.sh: --grid=FILE is required" >&2; exit 2; }
[ -f "$grid" ] || { echo "sweep.sh: --grid=$grid: no such file" >&2; exit 2; }
[[ "$replications" =~ ^[1-9][0-9]*$ ]] || { echo "sweep.sh: --replications=$replications: expected a positive integer" >&2; exit 2; }
[ -x "$program" ] || { echo "sweep.sh: --program=$program: not an executable (build first: ./edge-dnn build)" >&2; exit 2; }
command -v parallel >/dev/null 2>&1 || { echo "sweep.sh: GNU parallel is missing (Debian: parallel)" >&2; exit 2; }

mkdir -p "$out/runs"
out=$(cd "$out" && pwd)
jobs_file="$out/jobs.tsv"
: >"$jobs_file"
line=0
while IFS= read -r config || [ -n "$config" ]; do
  config=${config%%#*}
  config=$(echo "$config" | xargs)
  [ -n "$config" ] || continue
  line=$((line + 1))
  for r in $(seq 1 "$replications"); do
    printf '%s\t%s\t%s\n' "$line" "$r" "$config" >>"$jobs_file"
  done
done <"$grid"
[ "$line" -gt 0 ] || { echo "sweep.sh: --grid=$grid has no run configuration" >&2; exit 2; }

total=$(wc -l <"$jobs_file")
echo "sweep: $line configurations x $replications replications = $total runs into $out"
remote=()
[ -n "$sshloginfile" ] && remote=(--sshloginfile "$sshloginfile" --workdir "$PWD")
status=0
parallel --colsep '\t' --jobs "$jobs" "${remote[@]}" --halt never \
  "$here/sweep.sh" --run-one "$out" "$program" {1} {2} {3} :::: "$jobs_file" || status=$?

finished=$(find "$out/runs" -name 'L*-R*.db' | wc -l)
echo "sweep: $finished of $total runs finished"
rm -f "$out/sweep.db" "$out/sweep.db-wal" "$out/sweep.db-shm"
if [ "$finished" -gt 0 ]; then
  "$here/merge-databases.sh" "$out/sweep.db" $(find "$out/runs" -name 'L*-R*.db' | sort -V)
fi
if [ "$status" -ne 0 ] || [ "$finished" -ne "$total" ]; then
  echo "sweep: some runs failed; rerun the same command to retry them (finished runs are kept)" >&2
  exit 1
fi
