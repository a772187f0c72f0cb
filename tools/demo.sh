#!/bin/sh
# Builds the sample machine from fixtures/ into demo/machine, laid out like
# a mounted Windows volume, scans it, repairs it (backups and the undo
# file go to demo/backup) and scans it again.  Run by "make demo".
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
0) echo "demo: spoolfix found nothing (exit 0)"; exit 1;;
1) echo "demo: spoolfix found the seeded faults (exit 1, as expected).";;
*) echo "demo: spoolfix failed (exit $status)"; exit "$status";;
esac

echo
echo "== spoolfix repair --yes --backup-dir demo/backup --root $root"
echo
status=0
./spoolfix repair --yes --backup-dir demo/backup --root "$root" || status=$?
echo
case $status in
0|1) ;;
*) echo "demo: spoolfix repair failed (exit $status)"; exit "$status";;
esac
echo "== spoolfix scan --root $root (after the repair)"
./spoolfix scan --root "$root" | tail -n 1 || :
echo
echo "demo: the faults with a safe fix are repaired; what is left needs a"
echo "demo: person (no automatic fix) or naming its rule (optional fixes):"
echo "demo:   ./spoolfix scan --root $root"
echo "demo:   ./spoolfix repair --dry-run --rule SEC-001,LOC-002 --root $root"
echo "demo: to take the repair back:"
echo "demo:   ./spoolfix undo demo/backup/undo.reg $root/Windows/System32/config/SYSTEM"
