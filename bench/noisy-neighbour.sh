#!/usr/bin/env bash
# Noisy neighbour: one tenant floods far past its rate limit while another tenant chats; the quiet tenant's ack
# p50/p99 before and during the flood, against the reference server and a Node socket.io server of the contract,
# ROUNDS times each, in one run (alternating which goes first). The load generator is the same Java program for
# both (reliability-tests' support/NoisyNeighbour: raw Socket.IO over java.net.http, its own JVM); each server
# runs alone while it is measured.
#
#   bench/noisy-neighbour.sh [RESULTS_DIR]
#   ROUNDS=3 FLOOD_SOCKETS=200 FLOOD_USERS=20 FLOOD_RATE=50 QUIET_SENDERS=4 QUIET_RATE=5 WARMUP=40 PHASE=10 \
#     bench/noisy-neighbour.sh
#
# The Node server is interop/node-server (socket.io 4.7.2, the whole contract, the same token bucket), started by
# bench/lib.sh's start_node; NODE_SERVE_ARGS adds flags to it (e.g. --socketio latest).
#
# Output: RESULTS_DIR/noisy.md (the table), RESULTS_DIR/noisy.txt (one 'noisy:' line per run), logs per run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-3}"
results="${1:-$ROOT/reports/noisy-neighbour-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="noisy-$(date +%s)-$RANDOM"
driver_props=(
  "-Dnoisy.floodSockets=${FLOOD_SOCKETS:-200}" "-Dnoisy.floodUsers=${FLOOD_USERS:-20}"
  "-Dnoisy.floodRate=${FLOOD_RATE:-50}" "-Dnoisy.quietSenders=${QUIET_SENDERS:-4}"
  "-Dnoisy.quietRate=${QUIET_RATE:-5}" "-Dnoisy.warmupSeconds=${WARMUP:-40}" "-Dnoisy.phaseSeconds=${PHASE:-10}"
)

ensure_cli
(cd "$ROOT" && mvn -B -q -Dstyle.color=never -pl reliability-tests -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt) >"$results/build.log" 2>&1 \
  || { cat "$results/build.log"; exit 2; }
driver_cp="$ROOT/reliability-tests/target/test-classes:$(cat "$ROOT/reliability-tests/target/test-classpath.txt")"
ulimit -n 65536 2>/dev/null || true
trap stop_server EXIT

machine_header "$results" "ROUNDS=$ROUNDS ${driver_props[*]} Node: interop/node-server ${NODE_SERVE_ARGS:-}; node $(node --version);
load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME ROUND: starts that server, runs the driver against it while sampling the server's CPU, stops it.
measure() {
  local name="$1" round="$2" dir="$results/$1-$2"
  mkdir -p "$dir"
  if [ "$name" = reference ]; then
    # GC and safepoint pauses of the reference server, to tell its own stalls from the machine's.
    JAVA_TOOL_OPTIONS="-Xlog:gc,safepoint:file=$dir/gc.log:time" start_reference "$secret" "$dir/server.log"
  else
    start_node "$secret" "$dir/server.log"
  fi
  echo "load average before $name round $round: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/machine.txt"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do echo "$(date +%s%3N) $(cpu_ticks "$SERVER_PID")"; sleep 0.2; done ) \
    >"$dir/cpu-samples.txt" &
  local sampler=$!
  java -Xms512m -Xmx512m "${driver_props[@]}" -cp "$driver_cp" dev.chatharness.reliability.support.NoisyNeighbour \
    "http://127.0.0.1:$SERVER_PORT" "$secret" "$name round $round" >"$dir/driver.log" 2>&1 || true
  stop_server
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  local line
  line="$(grep '^noisy:' "$dir/driver.log" || true)"
  if [ -z "$line" ]; then echo "no result, see $dir/driver.log"; tail -20 "$dir/driver.log"; return; fi
  local pauses="-"
  if [ -f "$dir/gc.log" ]; then pauses="$(python3 "$BENCH_DIR/window_pauses.py" "$dir/gc.log" "$line")"; fi
  echo "$line | server cores $(python3 "$BENCH_DIR/window_cpu.py" "$dir/cpu-samples.txt" "$line" "$CLK_TCK") | JVM stops during $pauses" \
    | tee -a "$results/noisy.txt"
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="reference node"; else order="node reference"; fi
  for name in $order; do measure "$name" "$round"; done
done

# The table: one row per run, then the during-flood p99 of the reference over Node's, per round.
python3 - "$results/noisy.txt" >"$results/noisy.md" <<'EOF'
import re, sys
rows = {}
print("| server | round | before p50 / p99 (ms) | during flood p50 / p99 / max (ms) | quiet sent / ok / lost | flood events: ok / rate_limited / other | server CPU cores before / during | JVM stops during the flood |")
print("|---|---|---|---|---|---|---|---|")
pat = re.compile(r"noisy: (\S+) round (\d+) \| before p50 ([\d.]+) p99 ([\d.]+) max [\d.]+ ms \((\d+) sent, (\d+) ok, (\d+) failed, (\d+) unanswered\)"
                 r" \| during p50 ([\d.]+) p99 ([\d.]+) max ([\d.]+) ms \((\d+) sent, (\d+) ok, (\d+) failed, (\d+) unanswered\)"
                 r".*\| flood (\d+) sent: (\d+) ok, (\d+) rate_limited, (\d+) other, (\d+) unanswered \| quiet acked (\d+) stored (\d+) missed broadcasts (\d+)"
                 r".*\| server cores before ([\d.]+) during ([\d.]+) \| JVM stops during (.*)$")
for line in open(sys.argv[1]):
    m = pat.search(line)
    if not m:
        continue
    g = m.groups()
    name, rnd = g[0], int(g[1])
    sent = int(g[4]) + int(g[11]); ok = int(g[5]) + int(g[12])
    lost = sent - ok + int(g[22]) + abs(int(g[20]) - int(g[21]))
    rows[(name, rnd)] = float(g[9])
    print(f"| {name} | {rnd} | {g[2]} / {g[3]} | {g[8]} / {g[9]} / {g[10]} | {sent} / {ok} / {lost} | {g[16]} / {g[17]} / {g[18]} | {g[23]} / {g[24]} | {g[25]} |")
print()
for rnd in sorted({r for _, r in rows}):
    if ("reference", rnd) in rows and ("node", rnd) in rows:
        print(f"round {rnd}: reference p99 during flood / node p99 during flood = {rows[('reference', rnd)] / max(0.001, rows[('node', rnd)]):.2f}")
EOF
cat "$results/noisy.md"
echo "results in $results"
