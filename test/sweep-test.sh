#!/usr/bin/env bash
# tools/sweep.sh and tools/merge-databases.sh on a tiny grid: every run recorded once with a unique run id in the
# merge; an interrupted sweep resumed without redoing finished runs; bad input named.
# Usage: sweep-test.sh SOURCE_DIR EDGE_DNN_SCENARIO
set -euo pipefail
src=$1 program=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
passed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }

cat >"$work/grid.txt" <<'GRID'
# two configurations
--algorithm=ours --servers=2 --tasks=6 --simTime=2
--algorithm=paper-offline --servers=2 --tasks=6 --simTime=2   # a comment
GRID

# A full sweep: 2 lines x 2 replications.
"$src/tools/sweep.sh" --grid="$work/grid.txt" --replications=2 --jobs=2 --out="$work/a" --program="$program" \
  >"$work/a.log" 2>&1 || { cat "$work/a.log"; fail "sweep exited non-zero"; }
[ "$(find "$work/a/runs" -name '*.db' | wc -l)" = 4 ] || fail "expected 4 run databases"
runs=$(sqlite3 "$work/a/sweep.db" 'SELECT COUNT(*) FROM runs')
distinct=$(sqlite3 "$work/a/sweep.db" 'SELECT COUNT(DISTINCT run_id) FROM runs')
[ "$runs" = 4 ] && [ "$distinct" = 4 ] || fail "merge holds $runs runs, $distinct distinct ids; expected 4"
sum=0
for db in "$work"/a/runs/*.db; do
  sum=$((sum + $(sqlite3 "$db" 'SELECT COUNT(*) FROM frames')))
done
merged=$(sqlite3 "$work/a/sweep.db" 'SELECT COUNT(*) FROM frames')
[ "$sum" = "$merged" ] && [ "$sum" -gt 0 ] || fail "merged frames $merged, runs hold $sum"
orphans=$(sqlite3 "$work/a/sweep.db" 'SELECT COUNT(*) FROM frames WHERE run_id NOT IN (SELECT run_id FROM runs)')
[ "$orphans" = 0 ] || fail "$orphans frames point at no run"
[ "$(sqlite3 "$work/a/sweep.db" "SELECT COUNT(DISTINCT scenario || run_number) FROM runs")" = 4 ] ||
  fail "each run keeps its configuration and replication"
ok "4 runs merged with unique ids and all their frames"

# Interrupted: the sweep is killed once its first run has finished, then resumed. Its second configuration
# simulates longer, so the kill lands before the sweep ends.
sed 's/--simTime=2   #/--simTime=20 #/' "$work/grid.txt" >"$work/slow.txt"
grep -q -- '--simTime=20' "$work/slow.txt" || fail "could not make the slow grid"
setsid "$src/tools/sweep.sh" --grid="$work/slow.txt" --replications=2 --jobs=1 --out="$work/b" \
  --program="$program" >/dev/null 2>&1 &
sweep=$!
for _ in $(seq 600); do
  [ -f "$work/b/runs/L1-R1.db" ] && break
  sleep 0.1
done
kill -TERM -- -"$sweep" 2>/dev/null || true
wait "$sweep" 2>/dev/null || true
# GNU parallel and its job may outlive the script for a moment: a run finishing then would be counted
# neither as finished here nor as redone. Wait until nothing of the killed sweep is left.
for _ in $(seq 300); do
  kill -0 -- -"$sweep" 2>/dev/null || break
  sleep 0.1
done
kill -KILL -- -"$sweep" 2>/dev/null || true
finished=$(find "$work/b/runs" -name '*.db' | sort)
count=$(echo "$finished" | grep -c . || true)
[ "$count" -ge 1 ] && [ "$count" -lt 4 ] || fail "expected an interrupted sweep, found $count finished runs"
before=$(stat -c '%n %i %Y' $finished)
"$src/tools/sweep.sh" --grid="$work/slow.txt" --replications=2 --jobs=2 --out="$work/b" --program="$program" \
  >"$work/b.log" 2>&1 || { cat "$work/b.log"; fail "resumed sweep exited non-zero"; }
after=$(stat -c '%n %i %Y' $finished)
[ "$before" = "$after" ] || fail "finished runs were redone"
[ "$(grep -c 'finished before, skipped' "$work/b.log")" = "$count" ] || fail "the resumed sweep did not skip the $count finished runs"
[ -z "$(find "$work/b/runs" -name '*.part')" ] || fail "a partial database was left"
[ "$(sqlite3 "$work/b/sweep.db" 'SELECT COUNT(*) FROM runs')" = 4 ] || fail "the resumed sweep's merge lacks runs"
ok "a sweep killed after $count run(s) resumed without redoing them"

# The same seed and replication give the same frames whether run in one sweep or the other.
a=$(sqlite3 "$work/a/runs/L1-R2.db" 'SELECT task_id, frame_seq, status, created_s, result_rx_s FROM frames ORDER BY 1, 2' | md5sum)
b=$(sqlite3 "$work/b/runs/L1-R2.db" 'SELECT task_id, frame_seq, status, created_s, result_rx_s FROM frames ORDER BY 1, 2' | md5sum)
[ "$a" = "$b" ] || fail "the same run differs between sweeps"
ok "runs are reproducible across sweeps"

# Bad input.
out=$("$src/tools/sweep.sh" --grid="$work/none.txt" --program="$program" 2>&1) && fail "a missing grid was accepted"
[[ "$out" == *"--grid=$work/none.txt: no such file"* ]] || fail "missing grid message: $out"
out=$("$src/tools/sweep.sh" --grid="$work/grid.txt" --replications=0 --program="$program" 2>&1) && fail "0 replications accepted"
[[ "$out" == *"--replications=0: expected a positive integer"* ]] || fail "replications message: $out"
echo "not a database" >"$work/text.db"
out=$("$src/tools/merge-databases.sh" "$work/m.db" "$work/text.db" 2>&1) && fail "a text file was merged"
[[ "$out" == *"$work/text.db: not a SQLite database"* || "$out" == *"$work/text.db: not an edge-dnn database"* ]] ||
  fail "text file message: $out"
ok "bad input is named"

# --one-run joins the ranks of one distributed run. Two "ranks" cut out of one recorded run (as a rank records
# only its own tasks, and an uplink's transmissions on one rank and receptions on the other) join back into a run
# with the whole run's frames, tasks, decisions and bytes.
whole=$work/a/runs/L1-R1.db
cp "$whole" "$work/r0.db"
cp "$whole" "$work/r1.db"
sqlite3 "$work/r0.db" "DELETE FROM frames WHERE task_id % 2 = 1; DELETE FROM tasks WHERE task_id % 2 = 1;
  DELETE FROM decisions WHERE task_id % 2 = 1; UPDATE link_traffic SET rx_bytes = 0;"
sqlite3 "$work/r1.db" "DELETE FROM frames WHERE task_id % 2 = 0; DELETE FROM tasks WHERE task_id % 2 = 0;
  DELETE FROM decisions WHERE task_id % 2 = 0; UPDATE link_traffic SET tx_bytes = 0, drops = 0;
  DELETE FROM server_load; UPDATE runs SET wall_time_s = wall_time_s + 100;"
"$src/tools/merge-databases.sh" --one-run "$work/joined.db" "$work/r0.db" "$work/r1.db" >/dev/null
[ "$(sqlite3 "$work/joined.db" 'SELECT COUNT(*) FROM runs')" = 1 ] || fail "--one-run made more than one run"
for query in 'SELECT task_id, frame_seq, status, created_s, result_rx_s FROM frames ORDER BY 1, 2' \
  'SELECT task_id, admitted, split_index FROM tasks ORDER BY 1' 'SELECT task_id, seq, reason FROM decisions ORDER BY 1, 2' \
  'SELECT link, SUM(tx_bytes), SUM(rx_bytes) FROM link_traffic GROUP BY link ORDER BY 1'; do
  [ "$(sqlite3 "$whole" "$query")" = "$(sqlite3 "$work/joined.db" "$query")" ] ||
    fail "--one-run: the joined run differs from the whole one in: $query"
done
wall=$(sqlite3 "$work/r1.db" 'SELECT wall_time_s FROM runs')
[ "$(sqlite3 "$work/joined.db" 'SELECT wall_time_s FROM runs')" = "$wall" ] ||
  fail "--one-run: the joined run's wall time is not its longest rank's ($wall)"
ok "--one-run joins two ranks' databases into the whole run"
sqlite3 "$work/r1.db" 'UPDATE runs SET seed = seed + 1'
out=$("$src/tools/merge-databases.sh" --one-run "$work/j2.db" "$work/r0.db" "$work/r1.db" 2>&1) &&
  fail "--one-run joined runs of different seeds"
[[ "$out" == *"--one-run: $work/r1.db is a run of seed, run, scenario, algorithm"*"expected the ranks of one run"* ]] ||
  fail "--one-run seed message: $out"
[ ! -e "$work/j2.db" ] || fail "--one-run wrote a database it refused"
out=$("$src/tools/merge-databases.sh" --one-run "$work/j3.db" "$work/a/sweep.db" 2>&1) && fail "--one-run took 4 runs"
[[ "$out" == *"--one-run: $work/a/sweep.db holds 4 runs: expected the one run of a rank"* ]] ||
  fail "--one-run runs message: $out"
ok "--one-run refuses runs that are not the ranks of one run"

echo "$passed passed, 0 failed"
