#!/usr/bin/env bash
# Runs the whole conformance suite once against each deliberate defect of this server (FAULT=name) and writes
# FAULTS.md-style table of which checks caught it. Every server binds 127.0.0.1 on a free port and is stopped
# by its own PID. About 35 s per fault on an idle 2-core machine.
#
#   interop/node-server/fault-sweep.sh [OUT_DIR]
#   FAULTS="bucket-off-by-one limit-not-capped" SOCKETIO=latest TAGS=ratelimit,delivery interop/node-server/fault-sweep.sh
#
# Output: OUT_DIR/table.md (the table), and per fault NAME.log (the suite's output), NAME.status, NAME-report/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/reports/fault-sweep-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
socketio="${SOCKETIO:-pinned}"
secret="sweep-$(date +%s)-$RANDOM"
issuer="fault-sweep-issuer" audience="fault-sweep-audience" origin="http://app.fault-sweep.invalid"

"$root/chat-harness" --version >/dev/null
node "$here/ensure-installed.mjs" >/dev/null
faults="${FAULTS:-$(node "$here/server.js" --list-faults | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>JSON.parse(s).forEach(f=>console.log(f.name)))')}"

server_pid=""
stop() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap stop EXIT

for fault in $faults; do
  FAULT="$fault" CHAT_HARNESS_JWT_SECRET="$secret" node "$here/server.js" --port 0 --host 127.0.0.1 \
    --socketio "$socketio" --jwt-issuer "$issuer" --jwt-audience "$audience" --allowed-origins "$origin" \
    >"$out/$fault.out" 2>"$out/$fault.err" &
  server_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port="$(grep -Eo 'listening on http://127.0.0.1:[0-9]+' "$out/$fault.out" 2>/dev/null | grep -Eo '[0-9]+$' || true)"
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$fault: the server printed no port" >&2; cat "$out/$fault.err" >&2; exit 1; }
  rc=0
  CHAT_JWT_ISSUER="$issuer" CHAT_JWT_AUDIENCE="$audience" CHAT_ALLOWED_ORIGIN="$origin" CHAT_HARNESS_JWT_SECRET="$secret" \
    "$root/chat-harness" conformance --target "http://127.0.0.1:$port" ${TAGS:+--tags "$TAGS"} \
    --report-dir "$out/$fault-report" >"$out/$fault.log" 2>&1 || rc=$?
  alive=alive
  kill -0 "$server_pid" 2>/dev/null || alive=dead
  stop
  echo "rc=$rc server=$alive" >"$out/$fault.status"
  echo "$fault: exit $rc, server $alive, $(grep -c '^FAIL' "$out/$fault.log" || true) failing checks"
done

node "$here/fault-table.mjs" "$out" >"$out/table.md"
echo "table: $out/table.md"
