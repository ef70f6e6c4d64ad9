#!/usr/bin/env bash
# edge-dnn-scenario runs with ns-3's HeapScheduler unless --SchedulerType names another. The event queue must not
# change a result: every ns-3 scheduler orders events by time and then by insertion, so the same scenario and seed
# under ns-3's default MapScheduler must record the same frames (every column: the same journey times and final
# states), tasks and decisions. This fails where anything of ours depends on more than that order (e.g. iterating a
# container keyed by addresses, which a different queue's allocations move). An unknown queue type is refused.
# Usage: scheduler-type-test.sh EDGE_DNN_SCENARIO
set -euo pipefail
program=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# 4 gateways, 6 cameras each; uplinks and capacity large enough to admit every task.
args=(--servers=4 --tasks=24 --uplink=400 --capacity=2000 --simTime=3 --RngRun=5 --cloudNodes=per-uplink)
"$program" --db="$work/heap.db" "${args[@]}" >"$work/heap.out" 2>&1 || { cat "$work/heap.out" >&2; fail "default run failed"; }
"$program" --db="$work/map.db" "${args[@]}" --SchedulerType=ns3::MapScheduler >"$work/map.out" 2>&1 ||
  { cat "$work/map.out" >&2; fail "--SchedulerType=ns3::MapScheduler run failed"; }
grep -q "event queue ns3::HeapScheduler" "$work/heap.out" || fail "the default run did not use ns3::HeapScheduler: $(cat "$work/heap.out")"
grep -q "event queue ns3::MapScheduler" "$work/map.out" || fail "--SchedulerType=ns3::MapScheduler was not used: $(cat "$work/map.out")"
ok "the default event queue is ns3::HeapScheduler; --SchedulerType chooses ns3::MapScheduler"

q() { sqlite3 "$1" "$2"; }
frames=$(q "$work/heap.db" 'SELECT COUNT(*) FROM frames')
[ "$frames" -gt 100 ] || fail "expected more than 100 frames in 3 s of 24 cameras, got $frames"
# Every column but the run id, row by row.
for table in frames tasks decisions; do
  cols=$(q "$work/heap.db" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table') WHERE name != 'run_id'")
  a=$(q "$work/heap.db" "SELECT $cols FROM $table ORDER BY $cols")
  b=$(q "$work/map.db" "SELECT $cols FROM $table ORDER BY $cols")
  [ -n "$a" ] || fail "$table: no rows"
  [ "$a" = "$b" ] || fail "$table differs between the heap and the map queue: $(diff <(echo "$a") <(echo "$b") | head -n 6)"
done
ok "$frames frames, the tasks and the decisions identical under both event queues"

# A queue type that does not exist: ns-3's CommandLine names the value and stops, and no database is written.
if "$program" --db="$work/bad.db" "${args[@]}" --SchedulerType=ns3::NoSuchScheduler >"$work/bad.out" 2>&1; then
  fail "--SchedulerType=ns3::NoSuchScheduler was accepted"
fi
grep -q "NoSuchScheduler" "$work/bad.out" || fail "the message does not name the bad value: $(cat "$work/bad.out")"
[ ! -e "$work/bad.db" ] || fail "a database was written for a refused command line"
ok "an unknown --SchedulerType is refused with its name"
