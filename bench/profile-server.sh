#!/usr/bin/env bash
# Where a server's CPU goes under `load fanout`: one run at RATE against SERVER (reference or ceiling) with a
# profile (JFR, or async-profiler) of the load run, the CPU of each of its threads over that phase (from /proc/PID/task,
# grouped by thread name without digits), and the hottest frames of the recording.
#
#   SERVER=reference RATE=1600 ROOMS=40 MEMBERS=25 DURATION=15s WARMUP=10s bench/profile-server.sh [RESULTS_DIR]
#   SERVER_JAVA_OPTS="-XX:+UseParallelGC" ...   extra flags for the server's JVM (JAVA_TOOL_OPTIONS)
#   PROFILER=async ...   async-profiler (itimer, 1 ms) instead of JFR, attached for the load run only
#
# Output: RESULTS_DIR/threads.md (CPU per thread group, µs per delivery), the run's report folder, and
# with JFR (the default): RESULTS_DIR/hot.txt (top frames, top allocations), RESULTS_DIR/server.jfr;
# with PROFILER=async: RESULTS_DIR/cpu.collapsed (flame-graph input) and RESULTS_DIR/shares.md (bench/stack_shares.py:
# the share of the CPU samples per kind of work). JFR samples Java frames only and misses the kernel's time in
# socket writes; async-profiler sees it. Its Maven Central build (tools.profiler:async-profiler) is fetched into the
# local Maven repository on first use; nothing of it is kept in this repository.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
SERVER="${SERVER:-reference}"
RATE="${RATE:-1600}"
ROOMS="${ROOMS:-40}"
MEMBERS="${MEMBERS:-25}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
PROFILER="${PROFILER:-jfr}"
ASYNC_PROFILER_VERSION=3.0
results="${1:-$ROOT/reports/profile-$SERVER-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="prof-$(date +%s)-$RANDOM"
ensure_cli
ulimit -n 65536 2>/dev/null || true
trap stop_server EXIT

# async_profiler_lib: the path of async-profiler's Linux x64 agent, fetched from Maven Central and unpacked once.
async_profiler_lib() {
  local jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar"
  local dir="$ROOT/target/async-profiler-$ASYNC_PROFILER_VERSION"
  [ -f "$jar" ] || mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" >&2
  [ -f "$dir/linux-x64/libasyncProfiler.so" ] || (mkdir -p "$dir" && cd "$dir" && jar xf "$jar" linux-x64/libasyncProfiler.so)
  echo "$dir/linux-x64/libasyncProfiler.so"
}

# profiler_ctl COMMAND: sends an async-profiler command to the server's JVM (jcmd passes one quoted option string)
profiler_ctl() {
  jcmd "$SERVER_PID" JVMTI.agent_load "$agent" "\"$1\"" >/dev/null
}

case "$PROFILER" in
  jfr) ;;
  async) agent="$(async_profiler_lib)" ;;
  *) echo "PROFILER must be jfr or async, got $PROFILER" >&2; exit 2 ;;
esac

JAVA_TOOL_OPTIONS="${SERVER_JAVA_OPTS:-}" start_server "$SERVER" "$secret" "$results/server.log"
warm_server "$results/warmup"   # discarded, as in fanout-knee.sh
# the recording covers the load's setup, its warm-up and its measured phase, not the server's warm-up run
if [ "$PROFILER" = async ]; then
  profiler_ctl "start,event=itimer,interval=1ms,threads"
else
  jcmd "$SERVER_PID" JFR.start name=profile settings=profile >/dev/null
fi
# every second, 'epoch_ms name ticks' for each thread (digits dropped from names so that pools group together)
(
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    now="$(date +%s%3N)"
    awk -v now="$now" '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2);
      split(substr($0, RSTART + RLENGTH + 1), f, " "); gsub(/[0-9]+/, "N", name); gsub(/ /, "_", name);
      print now, name, f[12] + f[13] }' /proc/"$SERVER_PID"/task/*/stat 2>/dev/null
    sleep 1
  done
) >"$results/thread-samples.txt" &
sampler=$!
run_fanout "$RATE" "$DURATION" "$WARMUP" "$results/run"
if [ "$PROFILER" = async ]; then
  profiler_ctl "stop,collapsed,file=$results/cpu.collapsed"
else
  jcmd "$SERVER_PID" JFR.dump name=profile filename="$results/server.jfr" >/dev/null
fi
kill "$sampler" 2>/dev/null || true
python3 "$BENCH_DIR/step_row.py" "$SERVER" "$RATE" 1 "$results/run" "$CLK_TCK" | tee "$results/step.csv"
python3 - "$results" "$CLK_TCK" <<'PY' | tee "$results/threads.md"
import json, sys
from collections import defaultdict
from datetime import datetime
d, hz = sys.argv[1], float(sys.argv[2])
s = json.load(open(f"{d}/run/fanout-summary.json"))
start = datetime.fromisoformat(s["sendPhaseStartedAt"].replace("Z", "+00:00")).timestamp() * 1000
end = start + s["sendPhaseSeconds"] * 1000
by_time = defaultdict(lambda: defaultdict(float))
for line in open(f"{d}/thread-samples.txt"):
    parts = line.split()
    if len(parts) == 3:
        by_time[int(parts[0])][parts[1]] += float(parts[2])
inside = sorted(t for t in by_time if start <= t <= end)
if len(inside) < 2:
    # the sampler's seconds and the send phase did not overlap (the server stopped answering, or the run
    # measured nothing): say so rather than fail on an empty window
    print(f"no per-thread CPU: {len(inside)} thread sample(s) inside the send phase")
    sys.exit(0)
t0, t1 = inside[0], inside[-1]
a, b = by_time[t0], by_time[t1]
wall = (t1 - t0) / 1000
deliveries = s["deliveriesPerSecond"] * wall
rows = sorted(((b[k] - a.get(k, 0)) / hz, k) for k in b)
print(f"window {wall:.1f} s, {deliveries:.0f} deliveries")
print("| thread group | CPU s | cores | µs per delivery |")
print("|---|---|---|---|")
total = 0
for cpu, name in reversed(rows):
    total += cpu
    if cpu > 0.005 * wall:
        print(f"| {name} | {cpu:.2f} | {cpu / wall:.2f} | {cpu * 1e6 / deliveries:.1f} |")
print(f"| all | {total:.2f} | {total / wall:.2f} | {total * 1e6 / deliveries:.1f} |")
PY
if [ "$PROFILER" = async ]; then
  python3 "$BENCH_DIR/stack_shares.py" "$results/cpu.collapsed" | tee "$results/shares.md"
  exit 0
fi
{
  echo "== hottest frames (top of stack, execution samples)"
  jfr print --events jdk.ExecutionSample "$results/server.jfr" | grep -A1 'stackTrace = \[' | grep -v -e stackTrace -e '^--' \
    | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -40
  echo "== allocation by class (sampled weight, MB)"
  jfr print --events jdk.ObjectAllocationSample "$results/server.jfr" | awk '/objectClass/ {c=$3} /weight/ {w=$3; u=$4;
    if (u=="kB") w/=1024; if (u=="bytes") w/=1048576; if (u=="GB") w*=1024; tot[c]+=w} END {for (k in tot) printf "%10.1f %s\n", tot[k], k}' \
    | sort -rn | head -25
} >"$results/hot.txt"
head -30 "$results/hot.txt"
