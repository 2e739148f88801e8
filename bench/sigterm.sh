#!/usr/bin/env bash
# SIGTERM during a continuous REST write load, ROUNDS times in a row (50 by default): each round starts the
# reference server as its own JVM over a fresh H2 file, has 8 writers POST messages without clientMessageId, sends
# SIGTERM at a random moment, restarts on the file and checks that every stored message was answered 201 and every
# 201 is stored. It is reliability-tests' SigtermRestTest with more rounds (the build runs 2).
#
#   bench/sigterm.sh                 ROUNDS=50
#
# Prints one 'sigterm round N:' line per round and the summary into reports/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-50}"
out="$ROOT/reports/sigterm-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
machine_header "$out" "ROUNDS=$ROUNDS"
cd "$ROOT"
status=0
mvn -B -q -Dstyle.color=never -pl reliability-tests -am verify -Dtest=SigtermRestTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsigterm.rounds="$ROUNDS" || status=$?
grep -h '^sigterm' reliability-tests/target/surefire-reports/*SigtermRestTest-output.txt | tee "$out/sigterm.txt"
echo "results in $out"
exit "$status"
