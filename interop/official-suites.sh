#!/usr/bin/env bash
# Runs the official protocol test suites (socketio/socket.io-protocol and socketio/engine.io-protocol, folder
# test-suite: mocha under Node) against `chat-harness serve --protocol-echo`, RUNS times each, and prints the pass
# count of every run and a summary. Exits 0 only if every case of every run passed.
#
# It fetches nothing: it takes local checkouts of the two suites whose test-suite/ has its node_modules installed
# (docs/design.md, "The protocol-echo server, the official suites and the edge cases", says how to get them;
# results in docs/socketio-conformance.md).
#
# Usage: interop/official-suites.sh SOCKET_IO_PROTOCOL_DIR ENGINE_IO_PROTOCOL_DIR [RUNS]     (RUNS: 20 by default)
#        SERVER=node interop/official-suites.sh ...   the same against the real socket.io 4.7.2, the baseline
#                                                    (interop/protocol-edges/node-echo-server.mjs; npm ci there once)
#
# The suites hard-code http://localhost:3000, so the server listens on 127.0.0.1:3000 for the duration; the script
# refuses to start if something already answers there.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

if [ $# -lt 2 ]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
sio_dir="$(cd "$1" && pwd)"
eio_dir="$(cd "$2" && pwd)"
runs="${3:-20}"

for dir in "$sio_dir" "$eio_dir"; do
  if [ ! -f "$dir/test-suite/test-suite.js" ]; then
    echo "no test-suite/test-suite.js in $dir: expected a checkout of socketio/socket.io-protocol or" \
      "socketio/engine.io-protocol" >&2
    exit 2
  fi
  if [ ! -x "$dir/test-suite/node_modules/.bin/mocha" ]; then
    echo "the suite in $dir has no node_modules: run (cd $dir/test-suite && npm ci) once" >&2
    exit 2
  fi
done

if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:3000/"; then
  echo "something already listens on port 3000, which the suites need: stop it first" >&2
  exit 2
fi

log="$(mktemp)"
if [ "${SERVER:-chat-harness}" = node ]; then
  [ -d "$root/interop/protocol-edges/node_modules/socket.io" ] || {
    echo "run (cd $root/interop/protocol-edges && npm ci) once" >&2; exit 2; }
  node "$root/interop/protocol-edges/node-echo-server.mjs" 3000 >"$log" 2>&1 &
else
  "$root/chat-harness" --version >/dev/null # builds the CLI jar when a source changed
  java -jar "$root/cli/target/chat-harness.jar" serve --protocol-echo --port 3000 >"$log" 2>&1 &
fi
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do
  grep -q "listening on" "$log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$log" || { echo "server did not start:" >&2; cat "$log" >&2; exit 1; }

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== server: $(head -1 "$log")"

# run_suite NAME DIR: runs the suite RUNS times; prints one line per run; sets CLEAN (runs with no failure).
run_suite() {
  local name="$1" dir="$2" i report
  CLEAN=0
  for i in $(seq 1 "$runs"); do
    report="$(cd "$dir/test-suite" && node_modules/.bin/mocha --reporter json test-suite.js 2>/dev/null || true)"
    local line
    line="$(printf '%s' "$report" | node -e '
      let text = ""; process.stdin.on("data", (d) => (text += d)).on("end", () => {
        try {
          const r = JSON.parse(text);
          const failed = r.failures.map((f) => f.fullTitle).join("; ");
          console.log(`${r.stats.passes} ${r.stats.tests}${failed ? " failed: " + failed : ""}`);
        } catch (e) { console.log("0 0 no report from mocha"); }
      });')"
    local passes="${line%% *}" rest="${line#* }"
    local tests="${rest%% *}"
    printf '%s run %2d: %s/%s passed%s\n' "$name" "$i" "$passes" "$tests" "${rest#"$tests"}"
    if [ "$passes" = "$tests" ] && [ "$tests" != 0 ]; then CLEAN=$((CLEAN + 1)); fi
  done
}

run_suite socket.io-protocol "$sio_dir"
sio_clean=$CLEAN
run_suite engine.io-protocol "$eio_dir"
eio_clean=$CLEAN

echo "== runs with every case passing: socket.io-protocol $sio_clean/$runs, engine.io-protocol $eio_clean/$runs"
[ "$sio_clean" = "$runs" ] && [ "$eio_clean" = "$runs" ]
