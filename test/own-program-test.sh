#!/usr/bin/env bash
# "Your own program" as a user does it: cmake --install into a temporary prefix, then examples/own-program built
# from a copy outside the tree with its CMakeLists.txt (find_package(EdgeDnn)) and with the pkg-config command line
# of README.md, both run and their output checked. The files and the command are the documented ones: README.md and
# doc/edge-dnn.rst must hold them verbatim. Also checks what is installed (public headers only, no path into the
# source or build tree) and the optional examples component.
# Usage: own-program-test.sh SOURCE_DIR BUILD_DIR CMAKE_COMMAND
set -euo pipefail
src=$1 build=$2 cmake=$3
# Under the build folder, at a fixed path: ccache (base_dir /work) then reuses the two compilations across runs.
work=$build/own-program-test
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }
passed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
# Run "$@" with its output in $work/$1.log, shown on failure.
logged() {
  local name=$1
  shift
  "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; fail "$name: '$*' exited non-zero"; }
}
# Debian's ccache masquerade folder, when there is one: the documented commands stay as they are.
[ -d /usr/lib/ccache ] && export PATH=/usr/lib/ccache:$PATH

# --- The documentation holds the files and the command verbatim.
readme=$(<"$src/README.md")
rst=$(<"$src/doc/edge-dnn.rst")
for f in CMakeLists.txt my-simulation.cc; do
  content=$(<"$src/examples/own-program/$f")
  indented=$(sed 's/^./  &/' "$src/examples/own-program/$f")
  [[ "$rst" == *"$indented"* ]] || fail "doc/edge-dnn.rst does not hold examples/own-program/$f verbatim (indented by 2)"
  if [ "$f" = CMakeLists.txt ]; then
    [[ "$readme" == *'```cmake'$'\n'"$content"$'\n''```'* ]] ||
      fail "README.md does not hold examples/own-program/$f verbatim in a cmake block"
  fi
done
mapfile -t lines < <(grep -E '^g\+\+ .*\$\(pkg-config --cflags --libs edge-dnn\)' "$src/README.md")
[ ${#lines[@]} = 1 ] || fail "README.md has ${#lines[@]} pkg-config command lines; expected 1"
pc_line=${lines[0]}
[[ "$rst" == *$'\n'"  $pc_line"$'\n'* ]] || fail "doc/edge-dnn.rst does not hold README's line: $pc_line"
ok "README.md and doc/edge-dnn.rst hold examples/own-program and the pkg-config line verbatim"

# --- Install.
logged install "$cmake" --install "$build" --prefix "$prefix"
inc=$prefix/include/ns3
[ -f "$inc/edge-dnn-module.h" ] || fail "no include/ns3/edge-dnn-module.h in $prefix"
mapfile -t wanted < <(sed -n 's|^#include "ns3/\(.*\)"$|\1|p' "$inc/edge-dnn-module.h" | sort)
mapfile -t have < <(cd "$inc" && ls | grep -vx edge-dnn-module.h | sort)
[ ${#wanted[@]} -gt 10 ] || fail "edge-dnn-module.h includes only ${#wanted[@]} headers"
[ "${wanted[*]}" = "${have[*]}" ] ||
  fail "installed headers differ from those edge-dnn-module.h includes: $(diff <(printf '%s\n' "${wanted[@]}") \
    <(printf '%s\n' "${have[@]}") | grep '^[<>]' | tr '\n' ' ')"
[ ! -e "$inc/edge-dnn-json-input.h" ] || fail "the internal header edge-dnn-json-input.h is installed"
if grep -rq 'nlohmann\|boost/json' "$inc"; then fail "an installed header includes a JSON library"; fi
lib=$(find "$prefix" -name 'libns3-edge-dnn.so' | head -n 1)
[ -n "$lib" ] || fail "no libns3-edge-dnn.so in $prefix"
libdir=$(dirname "$lib")
libdir_real=$(realpath "$libdir")
# The folder a program's libns3-edge-dnn comes from, as the loader resolves it (extra environment first: VAR=VALUE...).
loaded_from() {
  local path
  path=$(env "${@:1:$#-1}" ldd "${@: -1}" | sed -n 's/^[[:space:]]*libns3-edge-dnn\.so[^ ]* => \([^ ]*\) .*/\1/p')
  [ -n "$path" ] && dirname "$(realpath "$path")"
}
pcdir=$libdir/pkgconfig
[ -f "$pcdir/edge-dnn.pc" ] || fail "no edge-dnn.pc in $pcdir"
[ -f "$libdir/cmake/EdgeDnn/EdgeDnnConfig.cmake" ] && [ -f "$libdir/cmake/EdgeDnn/EdgeDnnConfigVersion.cmake" ] ||
  fail "no EdgeDnnConfig.cmake and EdgeDnnConfigVersion.cmake in $libdir/cmake/EdgeDnn"
# Paths into the tree, other than into the prefix (which lies in the build folder), in the text on stdin.
names_tree() { sed "s|$prefix||g" | grep -qF -e "$src/" -e "$build/" -e "$src:" -e "$build:"; }
# Text files only: the library's strings hold source paths of its log and assert messages, as ns-3's do.
while IFS= read -r -d '' f; do
  ! names_tree <"$f" || fail "${f#"$prefix"/} names the source or build tree"
done < <(find "$prefix" -type f \( -name '*.h' -o -name '*.cmake' -o -name '*.pc' \) -print0)
if readelf -d "$lib" | grep -E 'R(UN)?PATH' | names_tree; then
  fail "the installed library's run path points into the tree: $(readelf -d "$lib" | grep -E 'R(UN)?PATH')"
fi
grep -qx "prefix=$prefix" "$pcdir/edge-dnn.pc" || fail "edge-dnn.pc does not say prefix=$prefix"
[ -z "$(find "$prefix/bin" -type f 2>/dev/null)" ] || fail "examples installed without --component examples"
ok "installed: library, ${#have[@]} public headers and edge-dnn-module.h, CMake package, edge-dnn.pc"

# The program's output: resnet18's MACs (torchvision's figure) and frames, every one completed.
check_output() {
  local how=$1 out=$2 created completed
  grep -qx 'resnet18: 1814073344 MACs' "$out" || { cat "$out" >&2; fail "$how: no 'resnet18: 1814073344 MACs'"; }
  read -r created completed < <(sed -n 's/^frames: \([0-9]*\) created, \([0-9]*\) completed$/\1 \2/p' "$out")
  [ -n "${created:-}" ] || { cat "$out" >&2; fail "$how: no 'frames: N created, M completed' line"; }
  [ "$created" = 20 ] && [ "$completed" = 20 ] || fail "$how: $created frames created, $completed completed; expected 20, 20"
}

# --- find_package(EdgeDnn), from a copy of examples/own-program outside the tree.
mkdir -p "$work/cmake" "$work/pkg-config"
cp "$src/examples/own-program/CMakeLists.txt" "$src/examples/own-program/my-simulation.cc" "$work/cmake/"
logged cmake-configure "$cmake" -S "$work/cmake" -B "$work/cmake/build" -DCMAKE_PREFIX_PATH="$prefix"
found=$(sed -n 's/^EdgeDnn_DIR:PATH=//p' "$work/cmake/build/CMakeCache.txt")
[ "$found" = "$libdir/cmake/EdgeDnn" ] || fail "find_package(EdgeDnn) found '$found', not $libdir/cmake/EdgeDnn"
logged cmake-build "$cmake" --build "$work/cmake/build"
[ "$(loaded_from "$work/cmake/build/my-simulation")" = "$libdir_real" ] ||
  fail "my-simulation (CMake) does not load the installed library: $(ldd "$work/cmake/build/my-simulation" | grep edge-dnn)"
logged cmake-run "$work/cmake/build/my-simulation"
check_output "find_package(EdgeDnn)" "$work/cmake-run.log"
ok "find_package(EdgeDnn): built, loads the installed library, output checked"

# --- pkg-config, with README's command line, run with the installed library on the loader's path.
cp "$src/examples/own-program/my-simulation.cc" "$work/pkg-config/"
logged pkg-config-build env PKG_CONFIG_PATH="$pcdir" bash -c "cd '$work/pkg-config' && $pc_line"
[ "$(loaded_from LD_LIBRARY_PATH="$libdir" "$work/pkg-config/my-simulation")" = "$libdir_real" ] ||
  fail "my-simulation (pkg-config) does not load the installed library"
logged pkg-config-run env LD_LIBRARY_PATH="$libdir" "$work/pkg-config/my-simulation"
check_output "pkg-config" "$work/pkg-config-run.log"
ok "pkg-config: '$pc_line' built, output checked"

# --- The examples, on request, find the library beside them without LD_LIBRARY_PATH.
logged install-examples "$cmake" --install "$build" --prefix "$prefix" --component examples
[ -x "$prefix/bin/edge-dnn-model" ] || fail "no bin/edge-dnn-model after --component examples"
[ "$(loaded_from "$prefix/bin/edge-dnn-model")" = "$libdir_real" ] ||
  fail "the installed edge-dnn-model does not load the installed library: $(ldd "$prefix/bin/edge-dnn-model" | grep edge-dnn)"
logged example-run "$prefix/bin/edge-dnn-model" --list
grep -q resnet18 "$work/example-run.log" || fail "edge-dnn-model --list does not list resnet18"
ok "--component examples: bin/edge-dnn-model runs against the installed library"

echo "$passed checks passed"
