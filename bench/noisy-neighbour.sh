#!/usr/bin/env bash
# Noisy neighbour: one tenant floods far past its rate limit while another tenant chats; the quiet tenant's ack
# p50/p99 before and during the flood, against the reference server and a Node socket.io server of the contract,
# ROUNDS times each, in one run (alternating which goes first). The load generator is the same Java program for
# both (reliability-tests' support/NoisyNeighbour: raw Socket.IO over java.net.http, its own JVM); each server
# runs alone while it is measured.
#
#   bench/noisy-neighbour.sh [RESULTS_DIR]
#   ROUNDS=3 FLOOD_SOCKETS=200 FLOOD_USERS=20 FLOOD_RATE=50 QUIET_SENDERS=4 QUIET_RATE=5 WARMUP=60 PHASE=20 \
#     bench/noisy-neighbour.sh
#
# Why 60 s of warm-up and 20 s phases: after 40 s the reference server's C2 compiler threads still took a quarter of
# a core during the flood (per-thread CPU from /proc), so the flood measured a JVM still warming up; and 10 s phases
# give 200 quiet acks, whose p99 is the second-worst sample, one scheduling hiccup. 20 s gives 400.
#
# SERVERS (default "reference node") lists what each round measures, in that order (odd rounds) or reversed (even
# rounds); an entry NAME=FLAGS is the reference server under other JVM flags, commas for spaces, e.g.
#   SERVERS="reference node zgc=-XX:+UseZGC g1-10ms=-XX:+UseG1GC,-XX:MaxGCPauseMillis=10" bench/noisy-neighbour.sh
#
# The Node server is interop/node-server (socket.io 4.7.2, the whole contract, the same token bucket), started by
# bench/lib.sh's start_node; NODE_SERVE_ARGS adds flags to it (e.g. --socketio latest).
#
# Output: RESULTS_DIR/noisy.md (the table), RESULTS_DIR/noisy.txt (one 'noisy:' line per run), logs per run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-3}"
read -r -a servers <<<"${SERVERS:-reference node}"
results="${1:-$ROOT/reports/noisy-neighbour-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="noisy-$(date +%s)-$RANDOM"
driver_props=(
  "-Dnoisy.floodSockets=${FLOOD_SOCKETS:-200}" "-Dnoisy.floodUsers=${FLOOD_USERS:-20}"
  "-Dnoisy.floodRate=${FLOOD_RATE:-50}" "-Dnoisy.quietSenders=${QUIET_SENDERS:-4}"
  "-Dnoisy.quietRate=${QUIET_RATE:-5}" "-Dnoisy.warmupSeconds=${WARMUP:-60}" "-Dnoisy.phaseSeconds=${PHASE:-20}"
)

ensure_cli
(cd "$ROOT" && mvn -B -q -Dstyle.color=never -pl reliability-tests -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt) >"$results/build.log" 2>&1 \
  || { cat "$results/build.log"; exit 2; }
driver_cp="$ROOT/reliability-tests/target/test-classes:$(cat "$ROOT/reliability-tests/target/test-classpath.txt")"
ulimit -n 65536 2>/dev/null || true
trap stop_server EXIT

machine_header "$results" "ROUNDS=$ROUNDS ${driver_props[*]} Node: interop/node-server ${NODE_SERVE_ARGS:-}"

# measure ENTRY ROUND: starts that server, runs the driver against it while sampling the server's CPU, stops it.
measure() {
  local name="${1%%=*}" round="$2" dir="$results/${1%%=*}-$2"
  mkdir -p "$dir"
  if [ "$name" = node ]; then
    start_node "$secret" "$dir/server.log"
  else
    local flags=""
    if [ "$1" != "$name" ]; then flags="${1#*=}"; flags="${flags//,/ }"; fi
    # GC and safepoint pauses of the reference server, to tell its own stalls from the machine's.
    JAVA_TOOL_OPTIONS="-Xlog:gc,safepoint:file=$dir/gc.log:time" REF_JAVA_OPTS="${flags:--XX:+UseG1GC}" \
      start_reference "$secret" "$dir/server.log"
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
  order=("${servers[@]}")
  if [ $((round % 2)) -eq 0 ]; then order=(); for ((i=${#servers[@]}-1; i>=0; i--)); do order+=("${servers[$i]}"); done; fi
  for entry in "${order[@]}"; do measure "$entry" "$round"; done
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
for name in sorted({n for n, _ in rows if n != "node"}):
    ratios = []
    for rnd in sorted({r for _, r in rows}):
        if (name, rnd) in rows and ("node", rnd) in rows:
            ratios.append(rows[(name, rnd)] / max(0.001, rows[("node", rnd)]))
            print(f"round {rnd}: {name} p99 during flood / node p99 during flood = {ratios[-1]:.2f}")
    if ratios:
        print(f"{name}: median ratio {sorted(ratios)[len(ratios) // 2]:.2f} over {len(ratios)} rounds")
EOF
cat "$results/noisy.md"
echo "results in $results"
