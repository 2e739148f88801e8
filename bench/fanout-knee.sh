#!/usr/bin/env bash
# Finds the fan-out knee of three servers in one run: the reference server, the Node target (interop/node-server,
# socket.io 4.7.2) as the baseline, and the ceiling server (load-tests' dev.chatharness.load.ceiling: the same
# Socket.IO layer and Javalin with nothing behind it, what this machine allows a JVM server on that layer).
# FanOut (ROOMS x MEMBERS, every member sends) at rising rates, each step REPEAT times, against each server
# in turn on this machine. Knee = the highest rate whose every run has p99 <= 50 ms and nothing lost.
# Records server CPU and load-generator CPU during each measured send phase, and writes a results table with the
# knee ratios reference/node and reference/ceiling and the CPU per delivery at each step.
# Then a connection storm against STORM_SERVERS (each a fresh process): `load connections` of STORM_SOCKETS at
# STORM_RATE a second, STORM_REPEAT times after STORM_WARMUP_RUNS discarded storms of the same size, with connect
# p50/p99 and the CPU per connect of the server and the generator (STORM_REPEAT=0 skips it). In each run the same
# storm is also made by each of STORM_CLIENTS (bench/storm-client.mjs): "official", the official socket.io-client
# (rows "SERVER+plain-client"), and "thin", a bare WebSocket client doing only what a connect cannot skip (rows
# "SERVER+thin-client"): the baselines of the generator's own connect path and of what the server and this machine
# allow at all (STORM_CLIENTS="" skips them). Odd runs start with the generator, even runs end with it, so that no
# client always meets the server right after its warm-up.
# Each run first sends WARMUP at the full rate, counted nowhere (the generator is a fresh JVM every run: without
# it, its JIT compiler competes with both processes in the measured seconds), and leaves out Gatling's per-delivery
# report row (the HdrHistogram summary is what the table reads; the row only costs generator CPU).
#
#   bench/fanout-knee.sh [RESULTS_DIR]
#   RATES="400 800 1600 2400 3200" REPEAT=2 ROOMS=40 MEMBERS=25 DURATION=15s WARMUP=10s \
#     SERVERS="reference node ceiling" SERVER_WARMUP_RUNS=3 STORM_SERVERS="reference node ceiling" STORM_SOCKETS=2000 STORM_RATE=1000 \
#     STORM_MEMBERS=50 STORM_REPEAT=2 STORM_WARMUP_RUNS=2 GEN_JAVA_OPTS="" SERVER_CPUS="" GENERATOR_CPUS="" bench/fanout-knee.sh
#   SERVER_CPUS=0 GENERATOR_CPUS=1 ...   each server on core 0, the fan-out generator on core 1 (bench/lib.sh on_cpus)
#
# Output: RESULTS_DIR/knee.md (the tables), RESULTS_DIR/steps.csv, RESULTS_DIR/storm.csv, one report folder per run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

RATES="${RATES:-400 800 1600 2400 3200}"
REPEAT="${REPEAT:-2}"
ROOMS="${ROOMS:-40}"
MEMBERS="${MEMBERS:-25}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
SERVERS="${SERVERS:-reference node ceiling}"
STORM_SERVERS="${STORM_SERVERS:-reference node ceiling}"
STORM_SOCKETS="${STORM_SOCKETS:-2000}"
STORM_RATE="${STORM_RATE:-1000}"
STORM_REPEAT="${STORM_REPEAT:-2}"
STORM_WARMUP_RUNS="${STORM_WARMUP_RUNS:-2}"
STORM_CLIENTS="${STORM_CLIENTS-official thin}"
P99_LIMIT_MS="${P99_LIMIT_MS:-50}"
results="${1:-$ROOT/reports/fanout-knee-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="knee-$(date +%s)-$RANDOM"

ensure_cli
ulimit -n 65536 2>/dev/null || true
trap stop_server EXIT

machine_txt "$results" \
  "load: $ROOMS rooms x $MEMBERS members, every member sends, $DURATION per step after a $WARMUP warm-up, rates $RATES, $REPEAT runs each" \
  "server warm-up: ${SERVER_WARMUP_RUNS:-3} discarded runs of 15 s at 800 msg/s on each fresh server" \
  "storm: $STORM_SOCKETS sockets (rooms of ${STORM_MEMBERS:-50}) at $STORM_RATE connections/s, $STORM_REPEAT runs per server after $STORM_WARMUP_RUNS discarded" \
  "generator JVM flags: fan-out -Xms1g -Xmx2g ${GEN_FANOUT_JAVA_OPTS--XX:+UseParallelGC} ${GEN_JAVA_OPTS:-}; storm -Xms1g -Xmx2g ${GEN_STORM_JAVA_OPTS--XX:TieredStopAtLevel=1} ${GEN_JAVA_OPTS:-}" \
  "storm clients beside the generator in each run: ${STORM_CLIENTS:-none} (odd runs start with the generator, even runs end with it)" \
  "cores: servers on ${SERVER_CPUS:-any}, fan-out generator on ${GENERATOR_CPUS:-any}"
python3 "$BENCH_DIR/step_row.py" --header >"$results/steps.csv"

for server in $SERVERS; do
  log="$results/$server-server.log"
  start_server "$server" "$secret" "$log"
  echo "== $server on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
  # Warm-up, discarded: a JIT-compiled JVM and a warmed V8 are what a deployment runs.
  warm_server "$results/$server-warmup"
  for rate in $RATES; do
    for run in $(seq 1 "$REPEAT"); do
      dir="$results/$server-$rate-$run"
      run_fanout "$rate" "$DURATION" "$WARMUP" "$dir"
      python3 "$BENCH_DIR/step_row.py" "$server" "$rate" "$run" "$dir" "$CLK_TCK" >>"$results/steps.csv"
      tail -1 "$results/steps.csv"
    done
  done
  stop_server
done

python3 "$BENCH_DIR/storm_row.py" --header >"$results/storm.csv"

# storm_turn SERVER RUN CLIENT: one storm against the running SERVER made by CLIENT ("generator", `load connections`,
# or one of STORM_CLIENTS), and its row of storm.csv.
storm_turn() {
  local server="$1" run="$2" client="$3" dir="$results/$1-storm-$2" row="$1" label
  if [ "$client" = generator ]; then
    run_storm "$STORM_SOCKETS" "$STORM_RATE" 5s "$dir"
  else
    label="$([ "$client" = official ] && echo plain || echo "$client")-client"
    dir="$dir-$label" row="$server+$label"
    run_plain_storm "$STORM_SOCKETS" "$STORM_RATE" 5s "$dir" "$client"
  fi
  python3 "$BENCH_DIR/storm_row.py" "$row" "$STORM_SOCKETS" "$STORM_RATE" "$run" "$dir" "$CLK_TCK" >>"$results/storm.csv"
  tail -1 "$results/storm.csv"
}

if [ "$STORM_REPEAT" -gt 0 ]; then
  for server in $STORM_SERVERS; do
    start_server "$server" "$secret" "$results/$server-storm-server.log"
    echo "== storm: $server on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
    for i in $(seq 1 "$STORM_WARMUP_RUNS"); do   # discarded: JIT and pools, as before the fan-out
      run_storm "$STORM_SOCKETS" "$STORM_RATE" 3s "$results/$server-storm-warmup-$i"
    done
    for run in $(seq 1 "$STORM_REPEAT"); do
      order="generator $STORM_CLIENTS"
      if [ $((run % 2)) -eq 0 ]; then   # the other way round: the first storm of a run is not always the generator's
        order="$(echo "$order" | tr ' ' '\n' | tac | tr '\n' ' ')"
      fi
      for client in $order; do
        storm_turn "$server" "$run" "$client"
      done
    done
    stop_server
  done
fi

python3 "$BENCH_DIR/knee_table.py" "$results/steps.csv" "$P99_LIMIT_MS" "$results/machine.txt" "$results/storm.csv" \
  | tee "$results/knee.md"
