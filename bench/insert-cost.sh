#!/usr/bin/env bash
# What storing one message costs the reference server's in-memory H2 database, through the server's own insert
# (one auto-committed transaction per message) and with several messages per transaction (group commit), with the
# server's time-ordered message ids and with random ones, each way in alternating rounds on a fresh database:
# reference-server's test class
# dev.chatharness.server.message.InsertCostBench. Prints a markdown table (median and every round, µs per message).
# CLIENT_IDS=true gives each message a random clientMessageId, as a client that retries safely sends it;
# `load fanout` sends none (false). BATCHES="" measures the server's insert alone. IDS="time-ordered random"
# compares the server's message ids (time-ordered UUIDs) with random UUIDs (the server's before).
#
#   MESSAGES=50000 ROUNDS=5 CLIENT_IDS=true BATCHES="16 64" bench/insert-cost.sh
#   MESSAGES=200000 ROUNDS=5 CLIENT_IDS=false BATCHES="" IDS="time-ordered random" bench/insert-cost.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"
MESSAGES="${MESSAGES:-50000}"
ROUNDS="${ROUNDS:-5}"
BATCHES="${BATCHES-16 64}"
CLIENT_IDS="${CLIENT_IDS:-true}"
IDS="${IDS:-time-ordered}"
ensure_cli
classes="$ROOT/reference-server/target/test-classes"
bench_class="$classes/dev/chatharness/server/message/InsertCostBench.class"
bench_source="$ROOT/reference-server/src/test/java/dev/chatharness/server/message/InsertCostBench.java"
if [ ! -f "$bench_class" ] || [ "$bench_source" -nt "$bench_class" ]; then
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -pl reference-server -am test-compile) >&2
fi
# shellcheck disable=SC2086 # BATCHES is a list of numbers
java -Xms1g -Xmx1g -XX:+UseG1GC -cp "$JAR:$classes" dev.chatharness.server.message.InsertCostBench \
  "$MESSAGES" "$ROUNDS" "$CLIENT_IDS" "${IDS// /,}" $BATCHES
