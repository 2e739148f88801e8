#!/usr/bin/env bash
# Floods against the reference server (issue 7, item 4), longer than the build runs them: per-user and
# per-address connection caps, an event flood past the rate limit by FLOODERS users of one tenant plus one user
# churning connections past its cap, while five users of another tenant send 4 messages a second each on a fixed
# schedule. Their ack latency (HdrHistogram, from the intended send time) is measured for SECONDS_ without the
# flood, then SECONDS_ with it, in the same run.
#
#   bench/flood.sh                     SECONDS_=30 FLOODERS=20
#
# Prints the 'flood:' line (baseline and flood p50/p99/max, p99 ratio, what the flood got) into reports/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SECONDS_="${SECONDS_:-30}"; FLOODERS="${FLOODERS:-20}"
out="$ROOT/reports/flood-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
machine_header "$out" "SECONDS_=$SECONDS_ FLOODERS=$FLOODERS"
cd "$ROOT"
mvn -B -q -Dstyle.color=never -pl reliability-tests -am verify -Dtest=FloodTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dflood.seconds="$SECONDS_" -Dflood.flooders="$FLOODERS" || status=$?
grep -h '^flood:' reliability-tests/target/surefire-reports/*FloodTest-output.txt | tee "$out/flood.txt"
echo "results in $out"
exit "${status:-0}"
