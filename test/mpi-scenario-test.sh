#!/usr/bin/env bash
# A distributed run against one process: the same small scenario run once in one process and once over 2 MPI ranks
# (edge-dnn-scenario --distributed under mpirun, gateways partitioned over the ranks), the ranks' databases joined
# with tools/merge-databases.sh --one-run. The joined run must have the same frames as the single process: per task
# the same counts in each final state, every frame once, the same tasks and decisions, the same bytes on the
# uplinks; once with one shared cloud node (on rank 0: the other rank's uplinks cross the ranks) and once with a
# cloud node per uplink (each on its gateway's rank: the ranks share no link). Registered only where edge-dnn-scenario was built against an ns-3 with its mpi module
# (./edge-dnn build --ns3=optimized).
# Usage: mpi-scenario-test.sh SOURCE_DIR EDGE_DNN_SCENARIO MPIRUN
set -euo pipefail
src=$1 program=$2 mpirun=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# 4 gateways, 6 cameras each; uplinks and capacity large enough to admit every task.
args=(--servers=4 --tasks=24 --uplink=400 --capacity=2000 --simTime=3 --RngRun=3)
mpi_args=()
if "$mpirun" --version 2>/dev/null | grep -qi 'open mpi'; then
  [ "$(id -u)" -eq 0 ] && mpi_args+=(--allow-run-as-root)
  mpi_args+=(--oversubscribe)
fi

for layout in shared per-uplink; do
  "$program" --db="$work/$layout-one.db" "${args[@]}" --cloudNodes="$layout" >"$work/$layout-one.out"
  "$mpirun" "${mpi_args[@]}" -np 2 "$program" --distributed --db="$work/$layout-two.db" "${args[@]}" --cloudNodes="$layout" >"$work/$layout-two.out" 2>&1 ||
    { cat "$work/$layout-two.out" >&2; fail "$layout cloud: edge-dnn-scenario over 2 ranks failed"; }
  [ -f "$work/$layout-two-rank0.db" ] && [ -f "$work/$layout-two-rank1.db" ] || fail "$layout cloud: the ranks did not write two-rank0.db and two-rank1.db"
  grep -q "rank 1 of 2" "$work/$layout-two.out" || fail "$layout cloud: no rank reported itself as rank 1 of 2: $(cat "$work/$layout-two.out")"
  "$src/tools/merge-databases.sh" --one-run "$work/$layout-two.db" "$work/$layout-two-rank0.db" "$work/$layout-two-rank1.db" >/dev/null
  q() { sqlite3 "$1" "$2"; }

  [ "$(q "$work/$layout-two.db" 'SELECT COUNT(*) FROM runs')" = 1 ] || fail "$layout cloud: the joined database holds more than one run"
  [ "$(q "$work/$layout-two.db" 'SELECT finished FROM runs')" = 1 ] || fail "$layout cloud: the joined run is not finished"
  admitted=$(q "$work/$layout-one.db" "SELECT COUNT(*) FROM tasks WHERE admitted = 1")
  [ "$admitted" = 24 ] || fail "$layout cloud: the single process admitted $admitted of 24 tasks; the scenario must admit all"
  ok "$layout cloud: 24 of 24 tasks admitted; the ranks joined into one finished run"

  # Every frame once, in the same final state, task by task.
  per_task='SELECT task_id, status, COUNT(*) FROM frames GROUP BY task_id, status ORDER BY task_id, status'
  one=$(q "$work/$layout-one.db" "$per_task")
  two=$(q "$work/$layout-two.db" "$per_task")
  [ -n "$one" ] || fail "$layout cloud: the single process recorded no frames"
  [ "$one" = "$two" ] || fail "$layout cloud: frames per task and final state differ: one process
  $one
  2 ranks
  $two"
  [ "$(q "$work/$layout-two.db" 'SELECT COUNT(*) FROM (SELECT DISTINCT task_id, frame_seq FROM frames)')" = \
    "$(q "$work/$layout-two.db" 'SELECT COUNT(*) FROM frames')" ] || fail "$layout cloud: a frame is recorded twice in the joined run"
  frames=$(q "$work/$layout-one.db" 'SELECT COUNT(*) FROM frames')
  ok "$layout cloud: $frames frames: the same count per task and final state, each once"

  # Tasks and decisions: each recorded by one rank only.
  for table in tasks decisions; do
    a=$(q "$work/$layout-one.db" "SELECT COUNT(*) FROM $table")
    b=$(q "$work/$layout-two.db" "SELECT COUNT(*) FROM $table")
    [ "$a" = "$b" ] || fail "$layout cloud: $table: $a rows in one process, $b over 2 ranks"
  done
  ok "$layout cloud: tasks and decisions recorded once each"

  # Bytes on the uplinks: sent by the gateways' ranks, received by the cloud's; the rows add up.
  bytes='SELECT link, SUM(tx_bytes), SUM(rx_bytes) FROM link_traffic GROUP BY link ORDER BY link'
  [ "$(q "$work/$layout-one.db" "$bytes")" = "$(q "$work/$layout-two.db" "$bytes")" ] ||
    fail "$layout cloud: uplink bytes differ: $(q "$work/$layout-one.db" "$bytes") against $(q "$work/$layout-two.db" "$bytes")"
  ok "$layout cloud: uplink bytes sent and received are the same"

  # The latencies themselves: the distributed simulator executes the same events. (It orders simultaneous events
  # by when they were scheduled, and schedules a packet from another rank when its MPI message is read, at the end of
  # a window: where such a tie met a TCP decision a frame's times could shift. With one shared cloud no frame of
  # this scenario meets one; with a cloud node per uplink no link crosses the ranks.)
  times='SELECT task_id, frame_seq, created_s, edge_rx_s, edge_done_s, cloud_rx_s, cloud_done_s, result_rx_s FROM frames ORDER BY task_id, frame_seq'
  if [ "$(q "$work/$layout-one.db" "$times")" = "$(q "$work/$layout-two.db" "$times")" ]; then
    ok "$layout cloud: every frame's journey times are identical"
  else
    fail "$layout cloud: frames' journey times differ: $(diff <(q "$work/$layout-one.db" "$times") <(q "$work/$layout-two.db" "$times") | head -n 6)"
  fi
done

# A rank's database left from an earlier run is refused by --one-run (it holds two runs then).
"$program" --db="$work/shared-two-rank0.db" "${args[@]}" >/dev/null
out=$("$src/tools/merge-databases.sh" --one-run "$work/three.db" "$work/shared-two-rank0.db" "$work/shared-two-rank1.db" 2>&1) &&
  fail "a rank's database with two runs was joined"
[[ $out == *"holds 2 runs: expected the one run of a rank"* ]] || fail "unexpected message: $out"
ok "a rank's database with two runs is refused"
