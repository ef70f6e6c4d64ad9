#!/usr/bin/env bash
# The scale benchmark: wall time, peak memory and per-frame cost of edge-dnn-scenario as the cameras grow, in one
# process and over MPI ranks, against the optimized ns-3 (./edge-dnn build --ns3=optimized), and for chosen sizes
# also against Debian's ns-3 (the distribution's build, build/), all in one run so that the ratios share the
# machine's state. Every task is admitted (20 cameras a gateway, 1 Gbit/s uplinks, 10 TMAC/s edges), and every
# camera starts inside the run (EdgeScenarioHelper::StartTime). --cloudNodes lists the cloud layouts to measure
# (edge-dnn-scenario --cloudNodes: one shared cloud node, or one per uplink; the frames are the same).
#
#   tools/scale-benchmark.sh [--cameras="100 300 1000 3000"] [--simTime=60] [--ranks=2] [--debian="100 300"]
#                            [--ranks-only="3000"] [--cloudNodes="per-uplink"] [--out=results/scale]
#                            [--optimized-build=build/optimized] [--debian-build=build] [--append]
#
# --ranks-only lists sizes (among --cameras) measured over the ranks only, without the one-process run (hours at
# 3,000 cameras for 60 s); their speedup is shown as "-". --append keeps the rows already in --out's scale.tsv and
# adds the new ones, so that a benchmark can be measured in parts (a long size alone, for instance); the table, the
# speedups and the plot then cover every row. --cameras="" with --append measures nothing and draws them again.
#
# Prints one row per (cameras, cloud layout, build, processes): wall seconds (the whole command, mpirun's start
# included), the largest rank's peak resident memory and the sum over ranks, frames recorded, wall milliseconds per
# frame, events per frame, the speedup of the row over the one-process optimized run of the same size and layout,
# and the event queue the program ran with (edge-dnn-scenario: HeapScheduler unless --SchedulerType). Writes scale.tsv and, with gnuplot, scale.png into --out. ./edge-dnn run-mpi builds what it needs; this
# script expects the builds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cameras="100 300 1000 3000"
sim_time=60
ranks=2
debian=""
ranks_only=""
layouts="per-uplink"
out=$root/results/scale
append=0
optimized=$root/build/optimized
debian_build=$root/build
per_gateway=20

die() { echo "scale-benchmark.sh: $*" >&2; exit 1; }
for arg in "$@"; do
  case $arg in
    --cameras=*) cameras=${arg#--cameras=} ;;
    --simTime=*) sim_time=${arg#--simTime=} ;;
    --ranks=*) ranks=${arg#--ranks=} ;;
    --debian=*) debian=${arg#--debian=} ;;
    --ranks-only=*) ranks_only=${arg#--ranks-only=} ;;
    --cloudNodes=*) layouts=${arg#--cloudNodes=} ;;
    --out=*) out=${arg#--out=} ;;
    --optimized-build=*) optimized=${arg#--optimized-build=} ;;
    --debian-build=*) debian_build=${arg#--debian-build=} ;;
    --append) append=1 ;;
    *) die "unknown option '$arg' (see the comment at the top of the script)" ;;
  esac
done
for n in $cameras $debian; do
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge "$per_gateway" ] && [ $((n % per_gateway)) -eq 0 ] ||
    die "--cameras/--debian: $n: expected multiples of $per_gateway (cameras per gateway), at least $per_gateway"
  [ $((n / per_gateway)) -le 256 ] || die "$n cameras need $((n / per_gateway)) gateways: at most 256 (5120 cameras)"
done
[ -n "$layouts" ] || die "--cloudNodes: expected shared, per-uplink or both"
for layout in $layouts; do
  [[ $layout == shared || $layout == per-uplink ]] || die "--cloudNodes: $layout: expected shared or per-uplink"
done
[[ $ranks =~ ^[0-9]+$ ]] && [ "$ranks" -ge 1 ] || die "--ranks=$ranks: expected a whole number >= 1"
for n in $ranks_only; do
  [[ " $cameras " == *" $n "* ]] || die "--ranks-only: $n: expected one of the sizes of --cameras ($cameras)"
  [ "$ranks" -gt 1 ] || die "--ranks-only: $n: needs --ranks above 1"
done
[[ $sim_time =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--simTime=$sim_time: expected seconds"
scenario_opt=$optimized/bin/edge-dnn-scenario
scenario_deb=$debian_build/bin/edge-dnn-scenario
[ -n "$cameras" ] || [ "$append" -eq 1 ] ||
  die "--cameras is empty: nothing to measure (with --append, the rows in --out are drawn again; without, they would be lost)"
[ -z "$cameras" ] || [ -x "$scenario_opt" ] || die "no $scenario_opt: build it with ./edge-dnn build --ns3=optimized"
[ -z "$debian" ] || [ -x "$scenario_deb" ] || die "no $scenario_deb: build it with ./edge-dnn build"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (Debian: sqlite3)"
mpi_args=()
if mpirun --version 2>/dev/null | grep -qi 'open mpi'; then
  [ "$(id -u)" -eq 0 ] && mpi_args+=(--allow-run-as-root)
  mpi_args+=(--oversubscribe)
fi
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tsv=$out/scale.tsv
header=$'cameras\tcloud\tbuild\tprocesses\twall_s\tpeak_mb_max\tpeak_mb_sum\tframes\tms_per_frame\tevents_per_frame\tadmitted\tevent_queue'
if [ "$append" -eq 1 ] && [ -s "$tsv" ]; then
  [ "$(head -n 1 "$tsv")" = "$header" ] ||
    die "--append: $tsv does not start with this script's header (an older or other file): give another --out"
else
  [ "$append" -eq 0 ] || echo "scale-benchmark: --append: no $tsv yet, starting it" >&2
  printf '%s\n' "$header" >"$tsv"
fi

# One measurement: run, then read the ranks' lines ("rank K of N: W s wall, E events, M MB peak, event queue T") and
# the frames.
measure() {
  local n=$1 layout=$2 build=$3 procs=$4 program=$5 db=$work/$1-$2-$3-$4.db servers=$(($1 / per_gateway))
  local args=(--servers="$servers" --tasks="$n" --uplink=1000 --capacity=10000 --simTime="$sim_time"
    --cloudNodes="$layout" --scenario=scale --db="$db")
  local start end log=$work/$n-$layout-$build-$procs.log
  start=$(date +%s.%N)
  if [ "$procs" -eq 1 ]; then
    "$program" "${args[@]}" >"$log" 2>&1 || { cat "$log" >&2; die "$n cameras, $layout, $build: edge-dnn-scenario failed"; }
  else
    mpirun "${mpi_args[@]}" -np "$procs" "$program" --distributed "${args[@]}" >"$log" 2>&1 ||
      { cat "$log" >&2; die "$n cameras, $layout, $build, $procs ranks: edge-dnn-scenario failed"; }
    local dbs=() k
    for ((k = 0; k < procs; k++)); do dbs+=("${db%.db}-rank$k.db"); done
    "$root/tools/merge-databases.sh" --one-run "$db" "${dbs[@]}" >/dev/null
  fi
  end=$(date +%s.%N)
  local frames admitted
  frames=$(sqlite3 "$db" 'SELECT COUNT(*) FROM frames')
  [ "$frames" -gt 0 ] || { cat "$log" >&2; die "$n cameras, $layout, $build, $procs processes: no frame recorded"; }
  admitted=$(grep -m1 -o '[0-9]* of [0-9]* tasks admitted' "$log" | cut -d' ' -f1)
  awk -v n="$n" -v l="$layout" -v b="$build" -v p="$procs" -v s="$start" -v e="$end" -v f="$frames" -v a="$admitted" '
    /^rank [0-9]+ of [0-9]+: / { events += $8; mb = $10; sum += mb; if (mb > max) max = mb; queue = $NF }
    END {
      wall = e - s
      sub(/^ns3::/, "", queue)
      printf "%d\t%s\t%s\t%d\t%.1f\t%d\t%d\t%d\t%.3f\t%.0f\t%s\t%s\n", n, l, b, p, wall, max, sum, f, 1000 * wall / f, events / f, a, queue
    }' "$log" >>"$tsv"
  rm -f "$db"
}

for n in $cameras; do
  for layout in $layouts; do
    if [[ " $ranks_only " != *" $n "* ]]; then
      echo "scale-benchmark: $n cameras, $layout cloud, optimized ns-3, 1 process" >&2
      measure "$n" "$layout" optimized 1 "$scenario_opt"
    fi
    if [ "$ranks" -gt 1 ]; then
      echo "scale-benchmark: $n cameras, $layout cloud, optimized ns-3, $ranks ranks" >&2
      measure "$n" "$layout" optimized "$ranks" "$scenario_opt"
    fi
    if [[ " $debian " == *" $n "* ]]; then
      echo "scale-benchmark: $n cameras, $layout cloud, Debian's ns-3, 1 process" >&2
      measure "$n" "$layout" debian 1 "$scenario_deb"
    fi
  done
done

# The table, with each row's speedup over the one-process optimized run of its size and cloud layout.
awk -F'\t' 'NR == 1 { next }
  { row[NR] = $0; if ($3 == "optimized" && $4 == 1) base[$1 "/" $2] = $5 }
  END {
    printf "%8s %-10s %-10s %5s %9s %9s %9s %9s %9s %12s %9s %8s  %s\n", "cameras", "cloud", "ns-3", "procs", "wall s",
      "peak MB", "MB total", "frames", "ms/frame", "events/frame", "admitted", "speedup", "event queue"
    for (i = 2; i <= NR; i++) {
      split(row[i], f, "\t")
      key = f[1] "/" f[2]
      speedup = key in base && f[5] > 0 ? sprintf("%7.2fx", base[key] / f[5]) : sprintf("%8s", "-")
      printf "%8d %-10s %-10s %5d %9.1f %9d %9d %9d %9.3f %12.0f %9s %s  %s\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7],
        f[8], f[9], f[10], f[11], speedup, f[12]
    }
  }' "$tsv"

if command -v gnuplot >/dev/null; then
  # One series per (cloud layout, build, processes), each in a file of its own.
  plot=()
  for layout in $layouts; do
    for series in "optimized 1 1 process" "optimized $ranks $ranks ranks" "debian 1 1 process"; do
      read -r build procs label <<<"$series"
      [ "$build" = optimized ] && [ "$procs" -eq 1 ] && [ "$label" != "1 process" ] && continue
      file=$work/plot-$layout-$build-$procs.tsv
      awk -F'\t' -v l="$layout" -v b="$build" -v p="$procs" '$2 == l && $3 == b && $4 == p' "$tsv" >"$file"
      [ -s "$file" ] || continue
      style="with linespoints"
      [ "$build" = debian ] && style="with points pt 7"
      name="optimized ns-3"
      [ "$build" = debian ] && name="Debian's ns-3"
      plot+=("\"$file\" using 1:5 $style title \"$layout cloud, $name, $label\"")
    done
  done
  if [ ${#plot[@]} -eq 0 ]; then
    echo "scale-benchmark: wrote $tsv (no rows: no plot)" >&2
    exit 0
  fi
  {
    printf 'set terminal pngcairo size 800,500\nset output "%s"\n' "$out/scale.png"
    printf 'set title "edge-dnn-scenario, %s s simulated: wall time against cameras"\n' "$sim_time"
    printf 'set xlabel "cameras"\nset ylabel "wall time (s)"\nset logscale xy\nset key left top\n'
    printf 'set datafile separator "\\t"\nplot '
    (IFS=,; printf '%s\n' "${plot[*]}")
  } >"$work/scale.gp"
  gnuplot "$work/scale.gp"
  echo "scale-benchmark: wrote $tsv and $out/scale.png" >&2
else
  echo "scale-benchmark: wrote $tsv (gnuplot missing: no plot)" >&2
fi
