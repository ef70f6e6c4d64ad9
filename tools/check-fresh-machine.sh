#!/usr/bin/env bash
# The fresh-machine check of the README's quick start: a new Debian bookworm root (debootstrap), a
# researcher's package installed first (python3-scipy, which pulls in Debian's default Boost), a clone
# of this repository's committed HEAD, then `./edge-dnn run`, `./edge-dnn test` and
# `./edge-dnn check-in-tree` as root inside it, each timed. Nothing of the host's build or caches is
# used; it needs root, debootstrap and the network to Debian's archive.
#
#   tools/check-fresh-machine.sh ROOT [--keep] [--skip-in-tree]
#
# ROOT is created (it must not exist) and removed afterwards unless --keep is given. The times and
# the last lines of each command go to ROOT.log (beside ROOT), which is kept.
set -euo pipefail

die() {
  echo "check-fresh-machine: $*" >&2
  exit 1
}

[ $# -ge 1 ] || die "usage: tools/check-fresh-machine.sh ROOT [--keep] [--skip-in-tree]"
root=$(realpath -m "$1")
shift
keep=0
in_tree=1
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --skip-in-tree) in_tree=0 ;;
    *) die "unknown option '$arg' (expected --keep or --skip-in-tree)" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot)"
[ ! -e "$root" ] || die "'$root' exists: give a new folder"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"

repo=$(cd "$(dirname "$0")/.." && pwd)
log="$root.log"
: >"$log"
note() {
  echo "$*" | tee -a "$log"
}

mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || true
  done
  if [ "$keep" = 0 ]; then
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

timed() {
  local what=$1
  shift
  local start=$SECONDS
  local status=0
  "$@" >>"$log.out" 2>&1 || status=$?
  note "$what: status $status, $((SECONDS - start)) s"
  tail -n 15 "$log.out" >>"$log"
  return "$status"
}

: >"$log.out"
timed "debootstrap bookworm" debootstrap bookworm "$root" http://deb.debian.org/debian
for fs in proc sys dev dev/pts; do
  mount --bind "/$fs" "$root/$fs"
  mounted+=("$root/$fs")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb \
    /bin/bash -c "$1"
}
timed "apt-get install python3-scipy git (a researcher's machine)" \
  in_root "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-scipy git"
boost_before=$(in_root "dpkg-query -W -f='\${Package} \${Version}\n' 'libboost*-dev' python3-scipy 2>/dev/null | sort")
note "before: $(echo "$boost_before" | tr '\n' ';')"

git clone -q "$repo" "$root/root/edge-dnn"
note "edge-dnn at $(git -C "$root/root/edge-dnn" log -1 --format='%h %s')"

timed "./edge-dnn run" in_root "cd /root/edge-dnn && ./edge-dnn run"
timed "./edge-dnn test" in_root "cd /root/edge-dnn && ./edge-dnn test"
if [ "$in_tree" = 1 ]; then
  timed "./edge-dnn check-in-tree" in_root "cd /root/edge-dnn && ./edge-dnn check-in-tree"
fi

after=$(in_root "dpkg-query -W -f='\${Package} \${Version}\n' 'libboost*-dev' python3-scipy 2>/dev/null | sort")
missing=$(comm -23 <(echo "$boost_before") <(echo "$after"))
[ -z "$missing" ] || die "packages present before are gone: $missing"
note "python3-scipy and the Boost packages present before are all still installed"
note "passed"
