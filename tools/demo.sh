#!/bin/sh
# Builds the sample machine from fixtures/ into demo/machine, laid out like
# a mounted Windows volume, and scans it.  Run by "make demo".
set -eu
cd "$(dirname "$0")/.."
root=demo/machine
rm -rf demo
mkdir -p "$root/Windows/System32/config" "$root/Users/alice" "$root/Users/bob"

build() {	# build OUT BASE [FAULTS]
	out=$1; shift
	cat "$@" | fixtures/mkhive -o "$out" -
}
build "$root/Windows/System32/config/SYSTEM" fixtures/base/system.hreg \
    fixtures/sample/system-faults.hreg
build "$root/Windows/System32/config/SOFTWARE" fixtures/base/software.hreg \
    fixtures/sample/software-faults.hreg
build "$root/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
    fixtures/sample/ntuser-alice-faults.hreg
build "$root/Users/bob/NTUSER.DAT" fixtures/base/ntuser.hreg

echo "== spoolfix scan --root $root"
echo
status=0
./spoolfix scan --root "$root" || status=$?
echo
case $status in
0) echo "demo: spoolfix found nothing (exit 0)";;
1) echo "demo: spoolfix found the seeded faults (exit 1, as expected)."
   echo "demo: try  ./spoolfix scan --root $root --format json";;
*) echo "demo: spoolfix failed (exit $status)"; exit "$status";;
esac
