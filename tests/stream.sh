#!/bin/sh
# The rule fixtures again, with every sound hive unloaded and streamed
# as a scan of a big one is (SPOOLFIX_TEST_UNLOAD_ALL, spoolfix(1)): the
# fixtures are small, so tests/rules.sh alone holds their keys whole,
# and a scan must report the same whichever way it holds them.
SPOOLFIX_TEST_UNLOAD_ALL=1
export SPOOLFIX_TEST_UNLOAD_ALL
exec sh "$(dirname "$0")/rules.sh"
