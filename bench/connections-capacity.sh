#!/usr/bin/env bash
# How many connections one reference server holds in a 1 GiB heap: ConnectionStorm at rising counts
# (authenticated Socket.IO connections over WebSocket, held while the heap is measured), one fresh server.
#
#   bench/connections-capacity.sh [RESULTS_DIR]      COUNTS="5000 10000 19000" RATE=1000 HOLD=60s
#
# HOLD must outlast the connect ramp's queueing: with 20 s, the last of 19,000 sockets connected so late that the
# heap was read after the first ones had begun to close.
#
# Bounds of this machine: 20,000 open files per process (hard limit), so one server and one generator cannot
# pass ~19,900 sockets (the server's per-address cap, 20,000 by default, is lifted here). Beyond that, the heap
# per connection measured here is what extrapolates.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
COUNTS="${COUNTS:-5000 10000 19000}"
RATE="${RATE:-1000}"
HOLD="${HOLD:-60s}"
results="${1:-$ROOT/reports/connections-capacity-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="cap-$(date +%s)-$RANDOM"

ensure_cli
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
trap stop_server EXIT
# The default cap of 20,000 sockets per client address would end the measurement before the heap does.
REF_SERVE_ARGS="--max-sockets-per-address 1000000" start_reference "$secret" "$results/reference-server.log" 1g
echo "reference server on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID), heap 1 GiB, open files $(ulimit -n)"
heap_used_mib() {  # heap in use after a full GC, MiB
  jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
  jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); printf "%.0f", v / 1024 } }'
}
echo "| connections asked | connected | failed | connect p50 ms | connect p99 ms | heap used after GC (MiB) | server RSS (MiB) |" | tee "$results/capacity.md"
echo "|---|---|---|---|---|---|---|" | tee -a "$results/capacity.md"
baseline="$(heap_used_mib)"
for n in $COUNTS; do
  dir="$results/conn-$n"
  mkdir -p "$dir"
  java -Xmx2g -jar "$JAR" load connections --target "http://127.0.0.1:$SERVER_PORT" --jwt-secret "$secret" \
    --rooms $((n / 50)) --members 50 --rate "$RATE" --duration "$HOLD" --report-dir "$dir" >"$dir/load.log" 2>&1 &
  gen=$!
  # Measure while the connections are held: once the progress line shows them all (or it stops growing).
  last=-1; same=0
  for _ in $(seq 1 300); do
    kill -0 "$gen" 2>/dev/null || break
    now="$(grep -Eo 'connected [0-9]+/' "$dir/load.log" | tail -1 | grep -Eo '[0-9]+' || echo 0)"
    [ "$now" -ge "$n" ] && break
    if [ "$now" = "$last" ] && [ "$now" -gt 0 ]; then same=$((same + 1)); else same=0; fi
    [ "$same" -ge 5 ] && break   # a few sockets that never connect must not use up the hold
    last="$now"
    sleep 1
  done
  heap="$(heap_used_mib)"
  rss="$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")"
  wait "$gen" || true
  python3 - "$dir/fanout-summary.json" "$n" "$heap" "$rss" <<'PY' | tee -a "$results/capacity.md"
import json, sys
s = json.load(open(sys.argv[1])); c = s["connections"]; l = c["connectLatencyMs"]
print(f"| {sys.argv[2]} | {c['connected']} | {c['failed']} | {l['p50']} | {l['p99']} | {sys.argv[3]} | {sys.argv[4]} |")
PY
done
echo "heap used after GC with no connection: $baseline MiB" | tee -a "$results/capacity.md"
