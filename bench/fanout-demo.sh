#!/usr/bin/env bash
# The issue's demonstration: a 15-second FanOut with 20 rooms of 10 members at 50 messages/s against a local
# reference server. Loses nothing (--max-lost 0) and prints p50, p90, p99, p99.9, max and deliveries/s.
#
#   bench/fanout-demo.sh [REPORT_DIR]        (default reports/fanout-demo)
#
# Point the same load command at any other target that follows the contract:
#   ./chat-harness load fanout --target http://HOST:PORT --jwt-secret S --rooms 20 --members 10 --rate 50 --duration 15s
set -euo pipefail
. "$(dirname "$0")/lib.sh"
report="${1:-$ROOT/reports/fanout-demo}"
secret="demo-$(date +%s)-$RANDOM"
log="$(mktemp -t reference-server.XXXXXX.log)"

ensure_cli
trap stop_server EXIT
start_reference "$secret" "$log"
echo "reference server on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID, log $log)"
java -jar "$JAR" load fanout --target "http://127.0.0.1:$SERVER_PORT" --jwt-secret "$secret" \
  --rooms 20 --members 10 --rate 50 --duration 15s --max-lost 0 --report-dir "$report"
