#!/usr/bin/env bash
# Merges edge-dnn recordings into one database: every run of every input gets a new run_id (after the highest
# already in the output), and every table with a run_id column follows it.
#
#   tools/merge-databases.sh OUT.db IN.db [IN.db ...]
#
# OUT.db is created from the first input when it does not exist; inputs must be edge-dnn databases of the same
# schema version. Uses the sqlite3 command-line shell (Debian: sqlite3).
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: merge-databases.sh OUT.db IN.db [IN.db ...]" >&2; exit 2; }
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
for in in "$@"; do
  v=$(check "$in")
  [ -z "$version" ] || [ "$v" = "$version" ] ||
    { echo "merge-databases.sh: $in: schema version $v, but $version is being merged into $out" >&2; exit 1; }
  version=$v
  if [ ! -f "$out" ] && [ "$first" = 1 ]; then
    sqlite3 "$in" ".backup '$out'"
    first=0
    continue
  fi
  first=0
  offset=$(sqlite3 "$out" 'SELECT IFNULL(MAX(run_id), 0) FROM runs')
  sql="ATTACH '$in' AS src; BEGIN;"
  for table in $(sqlite3 "$in" "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'run_id') ORDER BY m.name = 'runs' DESC, m.name"); do
    # A table the merged database lacks (a probe's table that came after its runs were written,
    # such as decisions or bandwidth) is created as the input has it.
    if [ "$(sqlite3 "$out" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '$table'")" = 0 ]; then
      sql+=" $(sqlite3 "$in" "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '$table'");"
    fi
    columns=$(sqlite3 "$in" "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info('$table') ORDER BY cid)")
    select=$(sqlite3 "$in" "SELECT group_concat(CASE name WHEN 'run_id' THEN 'run_id + $offset' ELSE name END, ', ') FROM (SELECT name FROM pragma_table_info('$table') ORDER BY cid)")
    sql+=" INSERT INTO main.$table ($columns) SELECT $select FROM src.$table;"
  done
  sql+=" COMMIT;"
  sqlite3 "$out" "$sql"
done
echo "merged $# database(s) into $out: $(sqlite3 "$out" 'SELECT COUNT(*) FROM runs') runs"
