#!/usr/bin/env bash
# What a change to the load generator does to its own cost: two (or more) builds of the CLI take turns as the
# generator of the same FanOut against one server, in one run, and each run records the generator's CPU per
# delivery over the measured phase (from /proc, as fanout-knee.sh does). Turns alternate (A B A B ...) so a burst
# of other work on the machine falls on both.
#
#   GENERATORS="before=/tmp/old.jar after=cli/target/chat-harness.jar" bench/generator-ab.sh [RESULTS_DIR]
#   SERVER=node|reference|ceiling RATE=1600 REPEAT=2 ROOMS=40 MEMBERS=25 DURATION=15s WARMUP=10s GEN_JAVA_OPTS=...
#   SCENARIO=storm STORM_SOCKETS=2000 STORM_RATE=1000 ...   the same with `load connections` (a fresh server for each
#                                                           turn: a storm leaves its sockets' users behind)
#
# A generator entry may carry JVM flags after a second '=': "g1=JAR" "par=JAR=-XX:+UseParallelGC".
# Fan-out turns also get lib.sh's GEN_FANOUT_JAVA_OPTS (the throughput collector by default), storm turns its
# GEN_STORM_JAVA_OPTS (C1 only by default): set them empty to compare JVM flags.
# Output: RESULTS_DIR/ab.md (every run and the median per generator), RESULTS_DIR/steps.csv or storm.csv.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

GENERATORS="${GENERATORS:?GENERATORS=\"name=JAR[=JVM flags] ...\" is required}"
SERVER="${SERVER:-node}"
RATE="${RATE:-1600}"
REPEAT="${REPEAT:-2}"
ROOMS="${ROOMS:-40}"
MEMBERS="${MEMBERS:-25}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
SCENARIO="${SCENARIO:-fanout}"
STORM_SOCKETS="${STORM_SOCKETS:-2000}"
STORM_RATE="${STORM_RATE:-1000}"
results="${1:-$ROOT/reports/generator-ab-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="ab-$(date +%s)-$RANDOM"

ensure_cli
ulimit -n 65536 2>/dev/null || true
trap stop_server EXIT
if [ "$SCENARIO" = storm ]; then
  load="server: $SERVER (a fresh one per turn, after a discarded storm of 500); load: $STORM_SOCKETS sockets at $STORM_RATE connections/s, $REPEAT turns each"
else
  load="server: $SERVER; load: $ROOMS rooms x $MEMBERS members, $RATE msg/s, $DURATION after a $WARMUP warm-up, $REPEAT turns each"
fi
machine_txt "$results" "$load" "generators: $GENERATORS"
python3 "$BENCH_DIR/step_row.py" --header >"$results/steps.csv"

if [ "$SCENARIO" = storm ]; then
  python3 "$BENCH_DIR/storm_row.py" --header >"$results/storm.csv"
  for run in $(seq 1 "$REPEAT"); do
    for entry in $GENERATORS; do
      name="${entry%%=*}"; rest="${entry#*=}"; jar="${rest%%=*}"; flags=""
      [ "$rest" != "$jar" ] && flags="${rest#*=}"
      start_server "$SERVER" "$secret" "$results/$name-$run-server.log"
      JAR="$jar" run_storm 500 500 3s "$results/$name-$run-server-warmup"   # the server's JIT, discarded
      JAR="$jar" GEN_JAVA_OPTS="${GEN_JAVA_OPTS:-} $flags" run_storm "$STORM_SOCKETS" "$STORM_RATE" 5s "$results/$name-$run"
      stop_server
      python3 "$BENCH_DIR/storm_row.py" "$name" "$STORM_SOCKETS" "$STORM_RATE" "$run" "$results/$name-$run" "$CLK_TCK" >>"$results/storm.csv"
      tail -1 "$results/storm.csv"
    done
  done
  python3 - "$results/storm.csv" "$results/machine.txt" <<'PY' | tee "$results/ab.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("```\n" + open(sys.argv[2]).read().strip() + "\n```\n")
print("| generator | run | connected | failed | connect p50 ms | connect p99 ms | generator µs/connect | server µs/connect | listen drops | SYN retransmits | load avg |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['server']} | {r['run']} | {r['connected']} | {r['failed']} | {r['connect_p50_ms']} | {r['connect_p99_ms']} "
          f"| {r['generator_us_per_connect']} | {r['server_us_per_connect']} | {r['listen_drops']} | {r['syn_retransmits']} "
          f"| {r['load1_at_start']} |")
print()
for name in dict.fromkeys(r["server"] for r in rows):
    p99 = [float(r["connect_p99_ms"]) for r in rows if r["server"] == name and r["connect_p99_ms"]]
    us = [float(r["generator_us_per_connect"]) for r in rows if r["server"] == name and r["generator_us_per_connect"]]
    if p99 and us:
        print(f"- {name}: connect p99 {statistics.median(p99):.0f} ms, generator {statistics.median(us):.0f} µs per connect (medians of {len(p99)})")
PY
  exit 0
fi
start_server "$SERVER" "$secret" "$results/$SERVER-server.log"
echo "== $SERVER on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
first_jar="$(echo "$GENERATORS" | awk '{print $1}' | cut -d= -f2)"
JAR="$first_jar" warm_server "$results/server-warmup"
for run in $(seq 1 "$REPEAT"); do
  for entry in $GENERATORS; do
    name="${entry%%=*}"; rest="${entry#*=}"; jar="${rest%%=*}"; flags=""
    [ "$rest" != "$jar" ] && flags="${rest#*=}"
    dir="$results/$name-$run"
    JAR="$jar" GEN_JAVA_OPTS="${GEN_JAVA_OPTS:-} $flags" run_fanout "$RATE" "$DURATION" "$WARMUP" "$dir"
    python3 "$BENCH_DIR/step_row.py" "$name" "$RATE" "$run" "$dir" "$CLK_TCK" >>"$results/steps.csv"
    tail -1 "$results/steps.csv"
  done
done
stop_server
python3 "$BENCH_DIR/ab_summary.py" "$results/steps.csv" "$results/machine.txt" generator | tee "$results/ab.md"
