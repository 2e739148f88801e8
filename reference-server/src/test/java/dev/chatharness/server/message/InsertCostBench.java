package dev.chatharness.server.message;

import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.server.storage.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What one stored message costs the in-memory database, and whether committing several per transaction (group
 * commit) would make it cheaper: the question issue 14 asks of the insert on the broadcast path. Run by
 * {@code bench/insert-cost.sh}; a benchmark, not a test (it asserts nothing and times on a noisy machine).
 *
 * <p>Each round opens a fresh in-memory database with the server's own schema ({@link Database#open}) and stores
 * the same number of messages in 40 conversations, either through {@link MessageRepository#insert} (the server's
 * path: one pooled connection, one auto-committed transaction per message) or its same INSERT
 * ({@link MessageRepository#insert(java.sql.Connection, Message)}) with {@code batch} rows per transaction. Rounds of each way alternate so that the machine's noise falls on both alike.
 */
public final class InsertCostBench {
    private static final int CONVERSATIONS = 40;
    private static final String BODY = "x".repeat(120);

    private InsertCostBench() {
    }

    /**
     * Arguments: messages per round, rounds per way, {@code true} when each message carries a
     * {@code clientMessageId} (the load generator sends none), rows per transaction of the batched ways (e.g. 16 64).
     */
    public static void main(String[] args) {
        int messages = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean clientIds = Boolean.parseBoolean(args[2]);
        int[] batches = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
        int ways = 1 + batches.length;
        double[][] micros = new double[ways][rounds];
        for (int warm = 0; warm < 2; warm++) { // JIT warm-up of every way, not counted
            for (int w = 0; w < ways; w++) {
                round(messages, w == 0 ? 1 : batches[w - 1], w == 0, clientIds);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < ways; w++) {
                micros[w][r] = round(messages, w == 0 ? 1 : batches[w - 1], w == 0, clientIds);
            }
        }
        System.out.println("| way | µs per message, median | each round |");
        System.out.println("|---|---|---|");
        for (int w = 0; w < ways; w++) {
            String name = w == 0 ? "the server's insert (1 per transaction)" : batches[w - 1] + " per transaction";
            double[] sorted = micros[w].clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %.1f | %s |%n", name, sorted[rounds / 2], Arrays.toString(
                    Arrays.stream(micros[w]).map(v -> Math.round(v * 10) / 10.0).toArray()));
        }
    }

    /** Stores {@code messages} in a fresh database; µs per message. */
    private static double round(int messages, int batch, boolean serverPath, boolean clientIds) {
        ServerConfig config = ServerConfig.builder().jwtSecret("insert-cost-bench").build();
        try (Database db = Database.open(config)) {
            List<Message> rows = messages(messages, clientIds);
            long start = System.nanoTime();
            if (serverPath) {
                MessageRepository repository = new MessageRepository(db);
                rows.forEach(repository::insert);
            } else {
                for (int from = 0; from < rows.size(); from += batch) {
                    List<Message> group = rows.subList(from, Math.min(rows.size(), from + batch));
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
    private static List<Message> messages(int count, boolean clientIds) {
        String[] conversations = new String[CONVERSATIONS];
        Arrays.setAll(conversations, i -> UUID.randomUUID().toString());
        long[] seqs = new long[CONVERSATIONS];
        List<Message> rows = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            int room = i % CONVERSATIONS;
            rows.add(new Message(UUID.randomUUID().toString(), conversations[room], ++seqs[room], "user-" + (i % 25),
                    BODY, clientIds ? UUID.randomUUID().toString() : null, now, null));
        }
        return rows;
    }
}
