#!/usr/bin/env bash
# tools/scale-benchmark.sh measured in parts: a size in one process, then a size over ranks with --append, then the
# table drawn again from the file alone. Each row must report what its run recorded (the frames in its database,
# the tasks it admitted, the event queue it named), the appended rows must keep the earlier ones, and the speedup of
# a rank row must be the one-process wall time of its size divided by its own, whichever call measured it. A file
# that is not the script's own is refused rather than extended. (The program given stands in for the optimized
# build: the script's measuring does not depend on which ns-3 the program was built against.)
# Usage: scale-benchmark-test.sh SOURCE_DIR EDGE_DNN_SCENARIO
set -euo pipefail
src=$1
program=$2
bin_dir=$(dirname "$program")
build=$(dirname "$bin_dir")
[ "$(basename "$bin_dir")" = bin ] || { echo "FAIL: $program is not in a build's bin/" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
bench() { "$src/tools/scale-benchmark.sh" --optimized-build="$build" --simTime=1 --out="$work/out" "$@"; }

# 20 cameras (one gateway), one process.
bench --cameras=20 --ranks=1 >"$work/first.txt" 2>"$work/first.err" || { cat "$work/first.err" >&2; fail "first call failed"; }
tsv=$work/out/scale.tsv
[ "$(wc -l <"$tsv")" -eq 2 ] || fail "expected a header and one row, got: $(cat "$tsv")"
IFS=$'\t' read -r cameras cloud label procs wall _ _ frames ms_per_frame events_per_frame admitted queue < <(sed -n 2p "$tsv")
[ "$cameras/$cloud/$label/$procs/$admitted/$queue" = "20/per-uplink/optimized/1/20/HeapScheduler" ] ||
  fail "row: $cameras/$cloud/$label/$procs/$admitted/$queue"
[ "$frames" -gt 20 ] || fail "20 cameras for 1 s recorded only $frames frames"
# The wall time is printed to 0.1 s, the milliseconds a frame from the unrounded time.
awk -v w="$wall" -v f="$frames" -v m="$ms_per_frame" 'BEGIN { e = 1000 * w / f - m; d = 50 / f + 0.001; exit !(e <= d && e >= -d) }' ||
  fail "ms/frame $ms_per_frame is not 1000 x $wall s / $frames frames"
[ "$events_per_frame" -gt 100 ] || fail "events per frame: $events_per_frame"
ok "one process: $frames frames, $wall s, $ms_per_frame ms a frame, $events_per_frame events a frame"

# Appending a second part: a stand-in rank row of the same size, written as the script writes rows, then a redraw
# that measures nothing. The first row stays, and the speedup is computed across the two parts.
printf '20\tper-uplink\toptimized\t2\t%s\t50\t100\t%s\t1.000\t%s\t20\tHeapScheduler\n' \
  "$(awk -v w="$wall" 'BEGIN { r = w / 2; if (r < 0.1) r = 0.1; printf "%.1f", r }')" "$frames" "$events_per_frame" >>"$tsv"
bench --append --cameras="" >"$work/redraw.txt" 2>"$work/redraw.err" || { cat "$work/redraw.err" >&2; fail "redraw failed"; }
[ "$(wc -l <"$tsv")" -eq 3 ] || fail "--append lost or added rows: $(cat "$tsv")"
expected=$(awk -v w="$wall" -v r="$(tail -n 1 "$tsv" | cut -f5)" 'BEGIN { printf "%.2fx", w / r }')
grep -Eq "^ +20 per-uplink optimized +2 .* $expected  HeapScheduler$" "$work/redraw.txt" ||
  fail "the appended rank row's speedup is not $expected: $(cat "$work/redraw.txt")"
grep -Eq "^ +20 per-uplink optimized +1 .* 1.00x  HeapScheduler$" "$work/redraw.txt" || fail "the first row is gone: $(cat "$work/redraw.txt")"
ok "--append kept the first part's row; the rank row's speedup across calls is $expected"

# A second measured part with --append: 40 cameras, one process, after the two rows.
bench --append --cameras=40 --ranks=1 >"$work/second.txt" 2>"$work/second.err" || { cat "$work/second.err" >&2; fail "second call failed"; }
[ "$(cut -f1,4 "$tsv" | tail -n +2 | tr '\t\n' ' ')" = "20 1 20 2 40 1 " ] || fail "rows after the second part: $(cat "$tsv")"
ok "a measured --append call added its row after the others"

# Not the script's file: refused, and left as it was.
printf 'cameras\twall\n100\t5\n' >"$work/other.tsv"
mkdir -p "$work/other"
cp "$work/other.tsv" "$work/other/scale.tsv"
if "$src/tools/scale-benchmark.sh" --optimized-build="$build" --append --cameras="" --out="$work/other" 2>"$work/other.err"; then
  fail "--append extended a file without the script's header"
fi
grep -q "does not start with this script's header" "$work/other.err" || fail "message: $(cat "$work/other.err")"
cmp -s "$work/other.tsv" "$work/other/scale.tsv" || fail "the refused file was changed"
ok "a file of another layout is refused and kept: $(cat "$work/other.err")"

# Nothing to measure without --append would empty the file: refused, the rows kept.
cp "$tsv" "$work/kept.tsv"
if bench --cameras="" 2>"$work/empty.err"; then fail "--cameras=\"\" without --append accepted"; fi
grep -q -- "--cameras is empty: nothing to measure" "$work/empty.err" || fail "message: $(cat "$work/empty.err")"
cmp -s "$work/kept.tsv" "$tsv" || fail "the refused call changed $tsv"
ok "$(cat "$work/empty.err")"

# Bad sizes are named.
if bench --cameras=30 2>"$work/bad.err"; then fail "--cameras=30 accepted"; fi
grep -q "30: expected multiples of 20" "$work/bad.err" || fail "message: $(cat "$work/bad.err")"
ok "$(cat "$work/bad.err")"
