#!/usr/bin/env bash
# Runs edges.mjs against the real socket.io 4.7.2 / engine.io 6.5.x server (node-echo-server.mjs) and against
# `chat-harness serve --protocol-echo`, one after the other, and prints every case whose answers differ.
# Needs `npm ci` in this folder once (it installs socket.io, engine.io and ws, pinned in package-lock.json).
#
# Usage: interop/protocol-edges/compare.sh [case-name-substring]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ -d "$here/node_modules/socket.io" ] || { echo "run (cd $here && npm ci) once" >&2; exit 2; }
out="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"' EXIT

"$root/chat-harness" --version >/dev/null # builds the CLI jar when a source changed
node "$here/node-echo-server.mjs" 0 >"$out/node.log" 2>&1 &
pids+=($!)
java -jar "$root/cli/target/chat-harness.jar" serve --protocol-echo --port 0 >"$out/java.log" 2>&1 &
pids+=($!)

port_of() { # LOG: the port once the server printed it
  for _ in $(seq 1 300); do
    local port
    port="$(grep -Eo 'port [0-9]+|:[0-9]+$' "$1" 2>/dev/null | head -1 | grep -Eo '[0-9]+' || true)"
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.1
  done
  cat "$1" >&2
  return 1
}
node_port="$(port_of "$out/node.log")"
java_port="$(port_of "$out/java.log")"

node "$here/edges.mjs" "http://127.0.0.1:$node_port" "${1:-}" >"$out/node.txt"
node "$here/edges.mjs" "http://127.0.0.1:$java_port" "${1:-}" >"$out/java.txt"

cases="$(grep -c '^[^ ]' "$out/node.txt")"
# One line per case: the name, then its answers, so that diff names the case.
flatten() { awk '/^[^ ]/ { if (line) print line; line = $0; next } { line = line " ||" $0 } END { print line }' "$1"; }
if diff <(flatten "$out/node.txt") <(flatten "$out/java.txt") >"$out/diff.txt"; then
  echo "all $cases cases answered alike"
else
  echo "cases answered differently (< socket.io 4.7.2, > chat-harness), of $cases:"
  sed -n 's/^< /  socket.io:    /p; s/^> /  chat-harness: /p' "$out/diff.txt"
  exit 1
fi
