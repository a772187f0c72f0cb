#!/bin/sh
# Makes sure the Debian packages spoolfix needs are installed.  As root it
# installs what is missing with apt-get; otherwise it prints the exact
# command to run and fails.  "make demo", "make check" and .ci/run use it.
#
#   sh tools/deps.sh          build and test packages
#   sh tools/deps.sh --build  only what building needs
set -eu

build="gcc make pkg-config binutils libc6-dev libregf-dev libbfio-dev"
test="clang libclang-rt-dev mandoc xz-utils jq python3 time util-linux libregf-utils libhivex-bin libwin-hivex-perl reglookup ansible-core gcc-mingw-w64-x86-64 wine wine64"
want=$build
[ "${1:-}" = "--build" ] || want="$build $test"

missing=
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $st in
	*" installed") ;;
	*) missing="$missing $p";;
	esac
done
[ -z "$missing" ] && exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: this is not a Debian system; install the equivalents of:$missing" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root (for example with sudo):" >&2
	echo "    apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || apt-get update
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
