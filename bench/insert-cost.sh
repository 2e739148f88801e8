#!/usr/bin/env bash
# What storing one message costs the reference server's in-memory H2 database, through the server's own insert
# (one auto-committed transaction per message) and with several messages per transaction (group commit), each way
# in alternating rounds on a fresh database: reference-server's test class
# dev.chatharness.server.message.InsertCostBench. Prints a markdown table (median and every round, µs per message).
# CLIENT_IDS=true gives each message a random clientMessageId, as a client that retries safely sends it;
# `load fanout` sends none (false). BATCHES="" measures the server's insert alone.
#
#   MESSAGES=50000 ROUNDS=5 CLIENT_IDS=true BATCHES="16 64" bench/insert-cost.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
MESSAGES="${MESSAGES:-50000}"
ROUNDS="${ROUNDS:-5}"
BATCHES="${BATCHES-16 64}"
CLIENT_IDS="${CLIENT_IDS:-true}"
ensure_cli
classes="$ROOT/reference-server/target/test-classes"
if [ ! -f "$classes/dev/chatharness/server/message/InsertCostBench.class" ]; then
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -pl reference-server -am test-compile) >&2
fi
# shellcheck disable=SC2086 # BATCHES is a list of numbers
java -Xms1g -Xmx1g -XX:+UseG1GC -cp "$JAR:$classes" dev.chatharness.server.message.InsertCostBench \
  "$MESSAGES" "$ROUNDS" "$CLIENT_IDS" $BATCHES
