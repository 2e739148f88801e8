#!/usr/bin/env bash
# Cross-checks the Gatling FanOut measurement with an independent tool: Artillery 2.0.21 (the last release for
# Node 20) and its socket.io engine drive the same fan-out (ROOMS x MEMBERS, every member sends, RATE msg/s in
# total) against one reference server, right after the Gatling run, and the two medians are compared.
#
#   bench/artillery-crosscheck.sh [RESULTS_DIR]      ROOMS=20 MEMBERS=10 RATE=100 SECONDS_=20
#
# Artillery's model is closed per user (send, then think for one period), Gatling's is open (intended send
# times); at a rate far below the knee the two should agree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROOMS="${ROOMS:-20}"; MEMBERS="${MEMBERS:-10}"; RATE="${RATE:-100}"; SECONDS_="${SECONDS_:-20}"
results="${1:-$ROOT/reports/artillery-crosscheck-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"
secret="xcheck-$(date +%s)-$RANDOM"
art="$BENCH_DIR/artillery"

ensure_cli
if [ ! -x "$art/node_modules/.bin/artillery" ]; then
  (cd "$art" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
fi
trap stop_server EXIT
start_reference "$secret" "$results/reference-server.log" 1g
target="http://127.0.0.1:$SERVER_PORT"
echo "reference server on $target"

# Gatling first (after a discarded warm-up, as in the knee run).
java -jar "$JAR" load fanout --target "$target" --jwt-secret "$secret" --rooms "$ROOMS" --members "$MEMBERS" \
  --rate "$RATE" --duration 10s --report-dir "$results/gatling-warmup" >/dev/null 2>&1 || true
java -jar "$JAR" load fanout --target "$target" --jwt-secret "$secret" --rooms "$ROOMS" --members "$MEMBERS" \
  --rate "$RATE" --duration "${SECONDS_}s" --report-dir "$results/gatling" >"$results/gatling.log" 2>&1 || true

# Then Artillery: one user per member, all arriving in 2 s, each sending every PERIOD seconds.
node "$art/setup.js" "$target" "$secret" "$ROOMS" "$MEMBERS" "$results/members.csv"
users=$((ROOMS * MEMBERS))
period="$(awk -v u="$users" -v r="$RATE" 'BEGIN { printf "%.3f", u / r }')"
count="$(awk -v s="$SECONDS_" -v p="$period" 'BEGIN { printf "%d", s / p }')"
cat >"$results/fanout.yml" <<YAML
config:
  target: "$target"
  payload:
    path: "$results/members.csv"
    fields: ["token", "conversationId", "member"]
    order: sequence
    skipHeader: true
  processor: "$art/fanout.js"
  phases:
    - duration: 2
      arrivalCount: $users
scenarios:
  - engine: socketio
    # per-scenario socketio options are templated per user (config-level ones are not): the token comes
    # from the payload row of this user
    socketio:
      transports: ["websocket"]
      auth:
        token: "{{ token }}"
    flow:
      - function: listen
      - emit:
          channel: join-conversation
          data:
            conversationId: "{{ conversationId }}"
          acknowledge: {}
      - think: 3
      - loop:
          - function: stamp
          - emit:
              channel: message
              data:
                conversationId: "{{ conversationId }}"
                body: "{{ body }}"
          - think: $period
        count: $count
      - think: 3
YAML
(cd "$art" && ARTILLERY_DISABLE_TELEMETRY=true ./node_modules/.bin/artillery run --output "$results/artillery.json" \
  "$results/fanout.yml") >"$results/artillery.log" 2>&1

python3 - "$results" <<'PY'
import json, sys
d = sys.argv[1]
g = json.load(open(f"{d}/gatling/fanout-summary.json"))
a = json.load(open(f"{d}/artillery.json"))["aggregate"]
al = a["summaries"]["fanout.latency"]
c = a["counters"]
gl = g["latencyMs"]
print(f"| tool | deliveries | p50 ms | p95/p90 ms | p99 ms | max ms |")
print(f"|---|---|---|---|---|---|")
print(f"| Gatling FanOut | {g['deliveries']['received']} | {gl['p50']} | p90 {gl['p90']} | {gl['p99']} | {gl['max']} |")
print(f"| Artillery 2.0.21 | {c.get('fanout.deliveries', 0)} | {al['median']} | p95 {al['p95']} | {al['p99']} | {al['max']} |")
diff = al["median"] - gl["p50"]
print(f"\nmedians differ by {diff:+.1f} ms (Artillery minus Gatling)")
PY
