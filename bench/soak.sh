#!/usr/bin/env bash
# Bounded soak of the reference server (issue 7, item 6): waves of connections join a conversation, send a
# message, receive their group's broadcasts and leave, against a server in its own JVM with a fixed G1 heap and a
# file database, on 127.0.0.1. After every wave: jcmd PID GC.run, then the used heap from jcmd PID GC.heap_info.
# The run fails if the mean of the last quarter of samples is more than 10% + 2 MiB above the first quarter's.
#
#   bench/soak.sh                      SECONDS_=300 USERS=500 HEAP=256m
#
# Prints the 'soak:' line and copies the samples to reports/soak-<time>/soak-samples.csv, with the machine.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SECONDS_="${SECONDS_:-300}"; USERS="${USERS:-500}"; HEAP="${HEAP:-256m}"
out="$ROOT/reports/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
machine_header "$out" "SECONDS_=$SECONDS_ USERS=$USERS HEAP=$HEAP"
cd "$ROOT"
mvn -B -q -Dstyle.color=never -pl reliability-tests -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.seconds="$SECONDS_" -Dsoak.users="$USERS" -Dsoak.heap="$HEAP" || status=$?
grep -h '^soak:' reliability-tests/target/surefire-reports/*SoakTest-output.txt | tee "$out/soak.txt"
cp reliability-tests/target/soak-samples.csv "$out/" 2>/dev/null || true
echo "results in $out"
exit "${status:-0}"
