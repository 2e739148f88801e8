#!/usr/bin/env bash
# Helpers shared by the bench scripts: start a server, wait for its port, read a process's CPU time.
# Every server binds 127.0.0.1 and a free port; every process started here is stopped by its own PID.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# CHAT_HARNESS_JAR pins a jar for a long benchmark (a rebuild in the middle would change what is measured).
JAR="${CHAT_HARNESS_JAR:-$ROOT/cli/target/chat-harness.jar}"
CLK_TCK="$(getconf CLK_TCK)"

# Builds the CLI jar through the launcher's own staleness check (a no-op when it is up to date).
ensure_cli() {
  if [ -z "${CHAT_HARNESS_JAR:-}" ]; then
    "$ROOT/chat-harness" --version >/dev/null
  fi
  [ -f "$JAR" ] || { echo "no CLI jar at $JAR" >&2; exit 2; }
}

# on_cpus CPUS: the command prefix that runs a command on the CPUs CPUS (a taskset list such as "0" or "0-1"),
# nothing when CPUS is empty; used unquoted, as `$(on_cpus "$X") java ... &`, so that $! stays the PID of the
# program itself (taskset execs it), which the CPU samples read and stop_server stops. SERVER_CPUS and
# GENERATOR_CPUS, both empty by default, give the servers and the fan-out generator cores of their own, so that
# neither preempts the other (a JVM so started sizes its thread pools, GC and compiler threads for those cores).
on_cpus() {
  if [ -n "$1" ]; then
    echo "taskset -c $1"
  fi
}

# wait_for_port LOGFILE PATTERN: prints the port once LOGFILE has a line matching PATTERN ending in the port.
wait_for_port() {
  local log="$1" pattern="$2" i
  for i in $(seq 1 600); do
    local port
    port="$(grep -Eo "$pattern[0-9]+" "$log" 2>/dev/null | head -1 | grep -Eo '[0-9]+$')"
    if [ -n "$port" ]; then echo "$port"; return 0; fi
    sleep 0.1
  done
  echo "no port in $log after 60 s:" >&2
  cat "$log" >&2
  return 1
}

# start_reference SECRET LOG [HEAP]: starts the reference server (fixed heap, G1); sets SERVER_PID, SERVER_PORT.
# REF_SERVE_ARGS adds flags to `serve` (e.g. --max-sockets-per-address N); REFERENCE_JAR serves another build
# (an older commit's jar, say) while the load generator stays $JAR, to compare two servers under one generator;
# REF_JAVA_OPTS replaces the collector flag (default -XX:+UseG1GC), e.g. "-XX:+UseZGC".
start_reference() {
  local secret="$1" log="$2" heap="${3:-1g}"
  $(on_cpus "${SERVER_CPUS:-}") java -Xms"$heap" -Xmx"$heap" ${REF_JAVA_OPTS:--XX:+UseG1GC} -jar "${REFERENCE_JAR:-$JAR}" serve --port 0 --jwt-secret "$secret" \
    --rate-message "${REF_RATE_MESSAGE:-20:10}" ${REF_SERVE_ARGS:-} >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PORT="$(wait_for_port "$log" 'listening on http://[0-9.]+:')"
}

# start_node SECRET LOG: starts the Node target of interop/node-server (socket.io 4.7.2, the whole contract, in
# memory); sets SERVER_PID, SERVER_PORT. It listens with the reference server's accept queue (1,024, not Node's
# 511), so that a storm measures the servers' work rather than their listen defaults. NODE_RATE_MESSAGE sets its
# message bucket; NODE_SERVE_ARGS adds flags (e.g. --socketio latest for socket.io 4.8.x).
start_node() {
  local secret="$1" log="$2"
  node "$ROOT/interop/node-server/ensure-installed.mjs" >/dev/null
  CHAT_HARNESS_JWT_SECRET="$secret" $(on_cpus "${SERVER_CPUS:-}") node "$ROOT/interop/node-server/server.js" --port 0 --host 127.0.0.1 \
    --backlog 1024 --rate-message "${NODE_RATE_MESSAGE:-20:10}" ${NODE_SERVE_ARGS:-} >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PORT="$(wait_for_port "$log" 'listening on http://[0-9.]+:')"
}

# start_ceiling SECRET LOG [HEAP]: starts the ceiling server (load-tests' test class dev.chatharness.load.ceiling:
# the same Socket.IO layer and Javalin as the reference server, nothing behind it) with the reference server's JVM
# flags (REF_JAVA_OPTS included); sets SERVER_PID, SERVER_PORT. Compiles load-tests' test classes when they are missing.
start_ceiling() {
  local secret="$1" log="$2" heap="${3:-1g}"
  local classes="$ROOT/load-tests/target/test-classes"
  if [ ! -f "$classes/dev/chatharness/load/ceiling/CeilingServer.class" ]; then
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -pl load-tests -am test-compile) >&2
  fi
  # shellcheck disable=SC2086 # REF_JAVA_OPTS is a list of flags
  $(on_cpus "${SERVER_CPUS:-}") java -Xms"$heap" -Xmx"$heap" ${REF_JAVA_OPTS:--XX:+UseG1GC} -cp "$JAR:$classes" dev.chatharness.load.ceiling.CeilingServer \
    --port 0 --jwt-secret "$secret" >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PORT="$(wait_for_port "$log" 'listening on http://[0-9.]+:')"
}

# start_server NAME SECRET LOG: reference, node or ceiling.
start_server() {
  case "$1" in
    reference) start_reference "$2" "$3" 1g ;;
    node) start_node "$2" "$3" ;;
    ceiling) start_ceiling "$2" "$3" 1g ;;
    *) echo "unknown server $1 (reference, node or ceiling)" >&2; exit 2 ;;
  esac
}

# warm_server DIR: the discarded fan-outs that bring a fresh server to its steady state before anything is measured,
# SERVER_WARMUP_RUNS (default 3) runs of 15 s at 800 msg/s into DIR-1, DIR-2, ... Measured (docs/performance.md): after
# the single 10 s run at 400 msg/s used before, the reference server's C2 compiler still took 0.2-0.4 cores through
# the first measured step, which cost 35 µs of CPU per delivery against 21-23 µs in the three steps after it.
warm_server() {
  local dir="$1" i
  for i in $(seq 1 "${SERVER_WARMUP_RUNS:-3}"); do
    run_fanout 800 15s 0s "$dir-$i"
  done
}

# run_fanout RATE DURATION WARMUP DIR: one `load fanout` of ROOMS x MEMBERS against SERVER_PORT with the run's
# secret, the generator being $JAR with GEN_JAVA_OPTS; samples both processes' CPU every 0.5 s into
# DIR/cpu-samples.txt (step_row.py keeps the measured phase) and the load average into DIR/loadavg.txt.
# The generator's JVM gets GEN_FANOUT_JAVA_OPTS (default: the throughput collector, as the chat-harness launcher
# starts `load fanout`) before GEN_JAVA_OPTS: set it empty to compare collectors.
run_fanout() {
  local rate="$1" duration="$2" warmup="$3" dir="$4"
  mkdir -p "$dir"
  cut -d' ' -f1 /proc/loadavg >"$dir/loadavg.txt"   # other work on the machine, for the record
  # shellcheck disable=SC2086 # GEN_JAVA_OPTS is a list of flags
  $(on_cpus "${GENERATOR_CPUS:-}") java -Xms1g -Xmx2g ${GEN_FANOUT_JAVA_OPTS--XX:+UseParallelGC} ${GEN_JAVA_OPTS:-} -jar "$JAR" load fanout --target "http://127.0.0.1:$SERVER_PORT" \
    --jwt-secret "$secret" --rooms "$ROOMS" --members "$MEMBERS" --rate "$rate" --duration "$duration" \
    --warmup "$warmup" --no-gatling-row --report-dir "$dir" >"$dir/load.log" 2>&1 &
  local gen=$!
  while kill -0 "$gen" 2>/dev/null; do
    echo "$(date +%s%3N) $(cpu_ticks "$SERVER_PID") $(cpu_ticks "$gen")"
    sleep 0.5
  done >"$dir/cpu-samples.txt"
  wait "$gen" || true
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    # a graceful close gets 15 s, then the server is killed
    for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# cpu_ticks PID: user+system CPU ticks of a process and its reaped children so far.
cpu_ticks() {
  awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# tcp_drops: 'ListenOverflows TCPSynRetrans' of this machine (/proc/net/netstat, since boot): connects a listening
# socket's full accept queue dropped, and the clients' handshake retransmissions (1 s, then 3 s, ... each).
tcp_drops() {
  awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) col[$i] = i; n = 1 } else print $col["ListenOverflows"], $col["TCPSynRetrans"] }' \
    /proc/net/netstat
}

ticks_to_seconds() {
  awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }'
}

# machine_txt DIR LINE...: writes DIR/machine.txt, the header of a benchmark's results: when, the machine, its
# kernel, Java and Node, then the script's own settings (one argument a line) and the load average as it starts.
machine_txt() {
  local dir="$1"
  shift
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "node: $(node --version 2>/dev/null || echo 'not installed')"
    printf '%s\n' "$@"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$dir/machine.txt"
}

# machine_header DIR SETTINGS: machine_txt with one line of settings, also shown on the terminal.
machine_header() {
  machine_txt "$1" "$2"
  cat "$1/machine.txt"
}

# run_storm SOCKETS RATE HOLD DIR: one `load connections` (SOCKETS in rooms of STORM_MEMBERS, default 50: each
# user has its room's other members as contacts, told 'user-online' when it connects; RATE new connections a
# second, held HOLD) against SERVER_PORT, sampling every 0.25 s both processes' CPU and the established TCP
# connections to the server's port into DIR/storm-samples.txt (storm_row.py finds the storm's window in them).
# The generator's JVM gets GEN_STORM_JAVA_OPTS (default: C1 only, as the chat-harness launcher starts `load
# connections`) before GEN_JAVA_OPTS.
# sample_storm GEN DIR: until the storm's generator GEN exits, every 0.25 s 'epoch_ms server_ticks
# generator_ticks established_connections' into DIR/storm-samples.txt (storm_row.py reads it).
sample_storm() {
  local gen="$1" dir="$2"
  tcp_drops >"$dir/tcp-drops-before.txt"
  while kill -0 "$gen" 2>/dev/null; do
    echo "$(date +%s%3N) $(cpu_ticks "$SERVER_PID") $(cpu_ticks "$gen") $(ss -Htn state established "( dport = :$SERVER_PORT )" 2>/dev/null | wc -l)"
    sleep 0.25
  done >"$dir/storm-samples.txt"
  wait "$gen" || true
  tcp_drops >"$dir/tcp-drops-after.txt"
}

run_storm() {
  local sockets="$1" rate="$2" hold="$3" dir="$4"
  mkdir -p "$dir"
  cut -d' ' -f1 /proc/loadavg >"$dir/loadavg.txt"
  # shellcheck disable=SC2086 # GEN_JAVA_OPTS is a list of flags
  java -Xms1g -Xmx2g ${GEN_STORM_JAVA_OPTS--XX:TieredStopAtLevel=1} ${GEN_JAVA_OPTS:-} -jar "$JAR" load connections --target "http://127.0.0.1:$SERVER_PORT" \
    --jwt-secret "$secret" --rooms $((sockets / ${STORM_MEMBERS:-50})) --members "${STORM_MEMBERS:-50}" --rate "$rate" --duration "$hold" \
    --report-dir "$dir" >"$dir/load.log" 2>&1 &
  sample_storm $! "$dir"
}

# run_plain_storm SOCKETS RATE HOLD DIR [CLIENT]: the same storm made by bench/storm-client.mjs, CLIENT "official"
# (socket.io-client, the default) or "thin" (bare ws, only the unavoidable protocol): the baselines of the
# generator's connect path; same samples, same summary shape.
run_plain_storm() {
  local sockets="$1" rate="$2" hold="$3" dir="$4" client="${5:-official}"
  mkdir -p "$dir"
  cut -d' ' -f1 /proc/loadavg >"$dir/loadavg.txt"
  node "$ROOT/interop/node/ensure-installed.mjs" >/dev/null
  node "$BENCH_DIR/storm-client.mjs" "http://127.0.0.1:$SERVER_PORT" "$secret" $((sockets / ${STORM_MEMBERS:-50})) "${STORM_MEMBERS:-50}" "$rate" \
    "${hold%s}" "$dir" "$client" >"$dir/load.log" 2>&1 &
  sample_storm $! "$dir"
}
