#!/usr/bin/env bash
# What a change to the reference server does under fan-out load: two (or more) builds of the CLI each serve a
# fresh reference server, all warmed alike, and then take turns (A B A B ...) under one generator ($JAR), so that a
# burst of other work on the machine falls on both. Each turn records p99, the server's and the generator's CPU per
# delivery over the measured phase (from /proc, as fanout-knee.sh does) and the server JVM's stop-the-world pauses
# in the send phase (from its -Xlog:gc,safepoint log). The servers not taking their turn sit idle.
#
#   BUILDS="before=/tmp/old.jar after=cli/target/chat-harness.jar" bench/server-ab.sh [RESULTS_DIR]
#   RATE=1600 REPEAT=4 ROOMS=40 MEMBERS=25 DURATION=15s WARMUP=10s REF_JAVA_OPTS=... SERVER_WARMUP_RUNS=3
#
# A build entry may carry JVM flags after a second '=' (they replace REF_JAVA_OPTS for that server):
# "g1=JAR" "serial=JAR=-XX:+UseSerialGC" compares collectors on one build.
# Output: RESULTS_DIR/ab.md (every turn and the medians per build), RESULTS_DIR/steps.csv.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BUILDS="${BUILDS:?BUILDS=\"name=JAR[=JVM flags] ...\" is required}"
RATE="${RATE:-1600}"
REPEAT="${REPEAT:-4}"
ROOMS="${ROOMS:-40}"
MEMBERS="${MEMBERS:-25}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
results="${1:-$ROOT/reports/server-ab-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="server-ab-$(date +%s)-$RANDOM"

ensure_cli
ulimit -n 65536 2>/dev/null || true
declare -A pids ports
stop_all() {
  local name
  for name in "${!pids[@]}"; do
    SERVER_PID="${pids[$name]}"
    stop_server
  done
}
trap stop_all EXIT
machine_txt "$results" \
  "load: $ROOMS rooms x $MEMBERS members, $RATE msg/s, $DURATION after a $WARMUP warm-up, $REPEAT turns each; generator $JAR" \
  "builds: $BUILDS"

names=()
for entry in $BUILDS; do
  name="${entry%%=*}"; rest="${entry#*=}"; jar="${rest%%=*}"; flags="${REF_JAVA_OPTS:--XX:+UseG1GC}"
  [ "$rest" != "$jar" ] && flags="${rest#*=}"
  [ -f "$jar" ] || { echo "no jar at $jar (build $name)" >&2; exit 2; }
  REFERENCE_JAR="$jar" REF_JAVA_OPTS="$flags -Xlog:gc,safepoint:file=$results/$name-gc.log:time" \
    start_reference "$secret" "$results/$name-server.log"
  pids[$name]="$SERVER_PID"; ports[$name]="$SERVER_PORT"; names+=("$name")
  echo "== $name: $jar $flags on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
done
for name in "${names[@]}"; do
  SERVER_PID="${pids[$name]}"; SERVER_PORT="${ports[$name]}"
  warm_server "$results/$name-warmup"
done

python3 "$BENCH_DIR/step_row.py" --header | sed 's/$/,server_stops/' >"$results/steps.csv"
for run in $(seq 1 "$REPEAT"); do
  for name in "${names[@]}"; do
    SERVER_PID="${pids[$name]}"; SERVER_PORT="${ports[$name]}"
    dir="$results/$name-$run"
    run_fanout "$RATE" "$DURATION" "$WARMUP" "$dir"
    stops="$(python3 "$BENCH_DIR/window_pauses.py" "$results/$name-gc.log" --send-phase "$dir" 2>/dev/null || echo "-")"
    echo "$(python3 "$BENCH_DIR/step_row.py" "$name" "$RATE" "$run" "$dir" "$CLK_TCK"),\"$stops\"" >>"$results/steps.csv"
    tail -1 "$results/steps.csv"
  done
done
stop_all
python3 "$BENCH_DIR/ab_summary.py" "$results/steps.csv" "$results/machine.txt" build | tee "$results/ab.md"
