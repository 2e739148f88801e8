#!/usr/bin/env bash
# JMH micro-benchmark of the Socket.IO layer: encode and broadcast one event to a room of 1,000 sockets over
# in-memory transports, against two baselines measured in the same run (see docs/performance.md, "socketio").
# Usage: bench/socketio-broadcast.sh [extra JMH options, e.g. -wi 1 -i 2]
# -prof gc adds bytes allocated per operation: unlike times, that figure does not move with the machine's load.
# Takes about 2 minutes (1 fork, 3 benchmarks x (3 warm-up + 5 measured) x 2 s, plus the build).
set -euo pipefail
cd "$(dirname "$0")/.."

out=socketio/target/jmh
mkdir -p "$out"

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /' || true
java -version 2>&1 | head -1
echo "load average (1, 5, 15 min): $(cut -d" " -f1-3 /proc/loadavg)  <- other work on the box skews every figure"

echo "== build (socketio main and test classes, no tests run)"
mvn -B -q -Dstyle.color=never -pl socketio -am test-compile -DskipTests
mvn -B -q -Dstyle.color=never -pl socketio dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/classpath.txt" >/dev/null

echo "== run"
java -cp "socketio/target/test-classes:socketio/target/classes:$(cat "$out/classpath.txt")" \
    org.openjdk.jmh.Main 'dev.chatharness.socketio.bench.BroadcastBenchmark' \
    -prof gc -rf json -rff "$out/broadcast.json" "$@"
echo "JSON results: $out/broadcast.json"
