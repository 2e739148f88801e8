package dev.chatharness.server.message;

import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.storage.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one stored message costs the in-memory database, the question issue 14 asks of the insert on the broadcast
 * path: with the server's time-ordered message ids or random ones, and one message per transaction (the server's
 * way) or several (group commit). Run by {@code bench/insert-cost.sh}; a benchmark, not a test (it asserts nothing
 * and times on a noisy machine).
 *
 * <p>Each round opens a fresh in-memory database with the server's own schema ({@link Database#open}) and stores
 * the same number of messages in 40 conversations, either through {@link MessageRepository#insert} (the server's
 * path: one pooled connection, one auto-committed transaction per message) or its same INSERT
 * ({@link MessageRepository#insert(java.sql.Connection, Message)}) with {@code batch} rows per transaction. Rounds
 * of each way alternate so that the machine's noise falls on all alike.
 */
public final class InsertCostBench {
    private static final int CONVERSATIONS = 40;
    private static final String BODY = "x".repeat(120);

    /** One way of storing: where the ids come from, and how many messages share a transaction. */
    private record Way(String ids, int batch) {
        Supplier<String> idSource() {
            return switch (ids) {
                case "time-ordered" -> MessageIds::next;
                case "random" -> () -> UUID.randomUUID().toString();
                default -> throw new IllegalArgumentException("ids: time-ordered or random, not " + ids);
            };
        }

        String label() {
            return ids + " ids, " + (batch == 1 ? "the server's insert (1 per transaction)" : batch + " per transaction");
        }
    }

    private InsertCostBench() {
    }

    /**
     * Arguments: messages per round, rounds per way, {@code true} when each message carries a
     * {@code clientMessageId} (the load generator sends none), the id kinds to compare separated by commas
     * ({@code time-ordered}: the server's, {@link MessageIds}; {@code random}: version 4 UUIDs, the server's before),
     * then the rows per transaction of the batched ways (e.g. 16 64), if any.
     */
    public static void main(String[] args) {
        int messages = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean clientIds = Boolean.parseBoolean(args[2]);
        List<Way> ways = new ArrayList<>();
        for (String ids : args[3].split(",")) {
            ways.add(new Way(ids, 1));
            Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).forEach(b -> ways.add(new Way(ids, b)));
        }
        ways.forEach(Way::idSource); // an unknown id kind fails before the first round, not after the warm-up
        double[][] micros = new double[ways.size()][rounds];
        for (int warm = 0; warm < 2; warm++) { // JIT warm-up of every way, not counted
            ways.forEach(way -> round(messages, way, clientIds));
        }
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < ways.size(); w++) {
                micros[w][r] = round(messages, ways.get(w), clientIds);
            }
        }
        System.out.println("| way | µs per message, median | each round |");
        System.out.println("|---|---|---|");
        for (int w = 0; w < ways.size(); w++) {
            double[] sorted = micros[w].clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %.1f | %s |%n", ways.get(w).label(), sorted[rounds / 2], Arrays.toString(
                    Arrays.stream(micros[w]).map(v -> Math.round(v * 10) / 10.0).toArray()));
        }
    }

    /** Stores {@code messages} in a fresh database; µs per message. */
    private static double round(int messages, Way way, boolean clientIds) {
        ServerConfig config = ServerConfig.builder().jwtSecret("insert-cost-bench").build();
        try (Database db = Database.open(config)) {
            List<Message> rows = messages(messages, clientIds, way.idSource());
            long start = System.nanoTime();
            if (way.batch() == 1) {
                MessageRepository repository = new MessageRepository(db);
                rows.forEach(repository::insert);
            } else {
                for (int from = 0; from < rows.size(); from += way.batch()) {
                    List<Message> group = rows.subList(from, Math.min(rows.size(), from + way.batch()));
                    db.transaction(conn -> {
                        for (Message m : group) {
                            MessageRepository.insert(conn, m);
                        }
                        return null;
                    });
                }
            }
            return (System.nanoTime() - start) / 1e3 / messages;
        }
    }

    /**
     * Messages spread over the conversations as a fan-out run sends them: round robin, seq growing per room; with
     * {@code clientIds}, each with a random {@code clientMessageId}, as a client that retries safely sends it.
     */
    private static List<Message> messages(int count, boolean clientIds, Supplier<String> ids) {
        String[] conversations = new String[CONVERSATIONS];
        Arrays.setAll(conversations, i -> UUID.randomUUID().toString());
        long[] seqs = new long[CONVERSATIONS];
        List<Message> rows = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            int room = i % CONVERSATIONS;
            rows.add(new Message(ids.get(), conversations[room], ++seqs[room], "user-" + (i % 25),
                    BODY, clientIds ? UUID.randomUUID().toString() : null, now, null));
        }
        return rows;
    }
}
