#!/bin/sh
# The README's quick start: installs what is missing (as root; otherwise
# prints the exact apt-get command), then runs make.  Works on a fresh
# Debian machine that does not even have make yet.
#
#   sh tools/bootstrap.sh demo     build and scan the bundled sample
#   sh tools/bootstrap.sh check    run the whole test suite
#
# "make check" builds with WERROR=1 (warnings are errors) unless told
# otherwise; "make demo" does not, so a newer compiler's new warnings do
# not stop someone trying spoolfix out.
set -eu
cd "$(dirname "$0")/.."
case ${1:-} in
demo) sh tools/deps.sh --build;;
*) sh tools/deps.sh;;
esac
exec make "$@"
