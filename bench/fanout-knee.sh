#!/usr/bin/env bash
# Finds the fan-out knee of the reference server and of the Node target (interop/node-server, socket.io 4.7.2) in one run:
# FanOut (ROOMS x MEMBERS, every member sends) at rising rates, each step REPEAT times, against each server
# in turn on this machine. Knee = the highest rate whose every run has p99 <= 50 ms and nothing lost.
# Records server CPU and load-generator CPU during each measured send phase, and writes a results table.
# Each run first sends WARMUP at the full rate, counted nowhere (the generator is a fresh JVM every run: without
# it, its JIT compiler competes with both processes in the measured seconds), and leaves out Gatling's per-delivery
# report row (the HdrHistogram summary is what the table reads; the row only costs generator CPU).
#
#   bench/fanout-knee.sh [RESULTS_DIR]
#   RATES="400 800 1600 2400 3200" REPEAT=2 ROOMS=40 MEMBERS=25 DURATION=15s WARMUP=10s SERVERS="reference node" \
#     bench/fanout-knee.sh
#
# Output: RESULTS_DIR/knee.md (the table), RESULTS_DIR/steps.csv, one report folder per run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

RATES="${RATES:-400 800 1600 2400 3200}"
REPEAT="${REPEAT:-2}"
ROOMS="${ROOMS:-40}"
MEMBERS="${MEMBERS:-25}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
SERVERS="${SERVERS:-reference node}"
P99_LIMIT_MS="${P99_LIMIT_MS:-50}"
results="${1:-$ROOT/reports/fanout-knee-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="knee-$(date +%s)-$RANDOM"

ensure_cli
ulimit -n 65536 2>/dev/null || true
trap stop_server EXIT

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "node: $(node --version)"
  echo "load: $ROOMS rooms x $MEMBERS members, every member sends, $DURATION per step after a $WARMUP warm-up, rates $RATES, $REPEAT runs each"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$results/machine.txt"
echo "server,rate,run,p50_ms,p99_ms,p999_ms,max_ms,lost,deliveries_per_s,server_cpu_cores,generator_cpu_cores,server_us_per_delivery,generator_us_per_delivery,load1_at_start,dir" >"$results/steps.csv"

# run_load NAME RATE DURATION WARMUP DIR: one FanOut run against SERVER_PORT, sampling both processes' CPU.
run_load() {
  local name="$1" rate="$2" duration="$3" warmup="$4" dir="$5"
  mkdir -p "$dir"
  cut -d' ' -f1 /proc/loadavg >"$dir/loadavg.txt"   # other work on the machine, for the record
  java -Xms1g -Xmx2g -jar "$JAR" load fanout --target "http://127.0.0.1:$SERVER_PORT" --jwt-secret "$secret" \
    --rooms "$ROOMS" --members "$MEMBERS" --rate "$rate" --duration "$duration" \
    --warmup "$warmup" --no-gatling-row --report-dir "$dir" >"$dir/load.log" 2>&1 &
  local gen=$!
  while kill -0 "$gen" 2>/dev/null; do
    echo "$(date +%s%3N) $(cpu_ticks "$SERVER_PID") $(cpu_ticks "$gen")"
    sleep 0.5
  done >"$dir/cpu-samples.txt"
  wait "$gen" || true
}

for server in $SERVERS; do
  log="$results/$server-server.log"
  case "$server" in
    reference) start_reference "$secret" "$log" 1g ;;
    node) start_node "$secret" "$log" ;;
    *) echo "unknown server $server" >&2; exit 2 ;;
  esac
  echo "== $server on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
  # Warm-up, discarded: a JIT-compiled JVM and a warmed V8 are what a deployment runs.
  run_load "$server" 400 10s 0s "$results/$server-warmup"
  for rate in $RATES; do
    for run in $(seq 1 "$REPEAT"); do
      dir="$results/$server-$rate-$run"
      run_load "$server" "$rate" "$DURATION" "$WARMUP" "$dir"
      python3 "$BENCH_DIR/step_row.py" "$server" "$rate" "$run" "$dir" "$CLK_TCK" >>"$results/steps.csv"
      tail -1 "$results/steps.csv"
    done
  done
  stop_server
done

python3 "$BENCH_DIR/knee_table.py" "$results/steps.csv" "$P99_LIMIT_MS" "$results/machine.txt" | tee "$results/knee.md"
