#!/usr/bin/env bash
# Merges edge-dnn recordings into one database: every run of every input gets a new run_id (after the highest
# already in the output), and every table with a run_id column follows it.
#
#   tools/merge-databases.sh [--one-run] OUT.db IN.db [IN.db ...]
#
# OUT.db is created from the first input when it does not exist; inputs must be edge-dnn databases of the same
# schema version. Uses the sqlite3 command-line shell (Debian: sqlite3).
#
# --one-run joins the ranks of one distributed run (edge-dnn-scenario --distributed writes run-rank0.db,
# run-rank1.db, ...): each input must hold exactly one run, all of the same seed, run number, scenario and
# algorithm; they become one run of OUT.db, the first input's, whose rows every other input's rows join. Each rank
# recorded only its own nodes, so frames, tasks and servers appear once; a link between ranks has rows from both
# (transmissions from one, receptions from the other) that add up. The run is finished only if every rank
# finished; its wall time is the longest rank's.
set -euo pipefail

one_run=0
if [ "${1:-}" = "--one-run" ]; then
  one_run=1
  shift
fi
[ $# -ge 2 ] || { echo "usage: merge-databases.sh [--one-run] OUT.db IN.db [IN.db ...]" >&2; exit 2; }
command -v sqlite3 >/dev/null 2>&1 || { echo "merge-databases.sh: sqlite3 is missing (Debian: sqlite3)" >&2; exit 2; }
out=$1
shift

app_id=$(( (0x45 << 24) | (0x44 << 16) | (0x4E << 8) | 0x4E )) # "EDNN"
check() {
  local db=$1
  [ -f "$db" ] || { echo "merge-databases.sh: $db: no such file" >&2; exit 1; }
  local id version
  id=$(sqlite3 "$db" 'PRAGMA application_id' 2>/dev/null) ||
    { echo "merge-databases.sh: $db: not a SQLite database" >&2; exit 1; }
  [ "$id" = "$app_id" ] || { echo "merge-databases.sh: $db: not an edge-dnn database (application_id $id)" >&2; exit 1; }
  version=$(sqlite3 "$db" 'PRAGMA user_version')
  echo "$version"
}

first=1
version=""
[ -f "$out" ] && version=$(check "$out")
if [ "$one_run" = 1 ]; then
  key=""
  for in in "$@"; do
    check "$in" >/dev/null
    n=$(sqlite3 "$in" 'SELECT COUNT(*) FROM runs')
    [ "$n" = 1 ] ||
      { echo "merge-databases.sh: --one-run: $in holds $n runs: expected the one run of a rank" >&2; exit 1; }
    k=$(sqlite3 "$in" "SELECT seed || ' ' || run_number || ' ' || scenario || ' ' || algorithm FROM runs")
    [ -z "$key" ] || [ "$k" = "$key" ] ||
      { echo "merge-databases.sh: --one-run: $in is a run of seed, run, scenario, algorithm '$k', but '$key' is being joined: expected the ranks of one run" >&2; exit 1; }
    key=$k
  done
fi
target=""
for in in "$@"; do
  v=$(check "$in")
  [ -z "$version" ] || [ "$v" = "$version" ] ||
    { echo "merge-databases.sh: $in: schema version $v, but $version is being merged into $out" >&2; exit 1; }
  version=$v
  if [ ! -f "$out" ] && [ "$first" = 1 ]; then
    sqlite3 "$in" ".backup '$out'"
    first=0
    target=$(sqlite3 "$out" 'SELECT MAX(run_id) FROM runs')
    continue
  fi
  offset=$(sqlite3 "$out" 'SELECT IFNULL(MAX(run_id), 0) FROM runs')
  # The run_id an input's rows get: a new one after the highest, or with --one-run after the first input the
  # first input's run.
  if [ "$one_run" = 1 ] && [ "$first" = 0 ]; then
    run_expr=$target
  else
    run_expr="run_id + $offset"
  fi
  sql="ATTACH '$in' AS src; BEGIN;"
  for table in $(sqlite3 "$in" "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'run_id') ORDER BY m.name = 'runs' DESC, m.name"); do
    if [ "$one_run" = 1 ] && [ "$first" = 0 ] && [ "$table" = runs ]; then
      # The joined run ends as its last rank: finished only if every rank finished.
      sql+=" UPDATE main.runs SET finished = MIN(finished, (SELECT finished FROM src.runs)),"
      sql+=" finished_at = MAX(IFNULL(finished_at, ''), IFNULL((SELECT finished_at FROM src.runs), '')),"
      sql+=" wall_time_s = MAX(IFNULL(wall_time_s, 0), IFNULL((SELECT wall_time_s FROM src.runs), 0)),"
      sql+=" ended_by = CASE WHEN ended_by IS NULL OR ended_by <> 'finished' THEN ended_by ELSE (SELECT ended_by FROM src.runs) END"
      sql+=" WHERE run_id = $target;"
      continue
    fi
    # A table the merged database lacks (a probe's table that came after its runs were written,
    # such as decisions or bandwidth) is created as the input has it.
    if [ "$(sqlite3 "$out" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '$table'")" = 0 ]; then
      sql+=" $(sqlite3 "$in" "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '$table'");"
    fi
    columns=$(sqlite3 "$in" "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info('$table') ORDER BY cid)")
    select=$(sqlite3 "$in" "SELECT group_concat(CASE name WHEN 'run_id' THEN '$run_expr' ELSE name END, ', ') FROM (SELECT name FROM pragma_table_info('$table') ORDER BY cid)")
    sql+=" INSERT INTO main.$table ($columns) SELECT $select FROM src.$table;"
  done
  sql+=" COMMIT;"
  sqlite3 "$out" "$sql"
  if [ "$first" = 1 ]; then
    target=$(( offset + $(sqlite3 "$in" 'SELECT MAX(run_id) FROM runs') ))
  fi
  first=0
done
echo "merged $# database(s) into $out: $(sqlite3 "$out" 'SELECT COUNT(*) FROM runs') runs"
