package dev.chatharness.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.reliability.support.Rest;
import dev.chatharness.reliability.support.ServerProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM during a continuous REST write load: every message the restarted server holds was answered 201 before
 * the first server went away. REST writers post without {@code clientMessageId} (the case where a client that
 * never heard back would store a message twice by retrying); the signal comes at a random moment in the load.
 *
 * <p>Rounds: {@code -Dsigterm.rounds=N} (2 in the build; {@code bench/sigterm.sh} runs 50). Each round is a fresh
 * server JVM over a fresh H2 file: SIGTERM, wait for the exit, restart on the file, read every history.
 */
@Timeout(1800)
class SigtermRestTest {
    private static final String SECRET = "sigterm-rest-secret";
    private static final int WRITERS = 8;

    /** One round's outcome. */
    record Round(int answered201, int stored, int refused, int unanswered, List<String> storedNotAnswered,
                 List<String> answeredNotStored, List<String> oddAnswers, int exitCode) {
    }

    @Test
    @DisplayName("SIGTERM during REST writes: every stored message was answered 201, every 201 is stored")
    void every_stored_message_was_answered(@TempDir Path dir) {
        int rounds = Integer.getInteger("sigterm.rounds", 2);
        List<Round> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Round round = round(dir.resolve("round-" + r));
            results.add(round);
            System.out.printf("sigterm round %d: %d answered 201, %d stored, %d refused while stopping, %d unanswered,"
                            + " stored but not answered %d, answered but not stored %d, exit %d%n", r,
                    round.answered201(), round.stored(), round.refused(), round.unanswered(),
                    round.storedNotAnswered().size(), round.answeredNotStored().size(), round.exitCode());
            assertThat(round.storedNotAnswered()).as("round " + r + ": stored without its 201 reaching the client")
                    .isEmpty();
            assertThat(round.answeredNotStored()).as("round " + r + ": answered 201 but not stored").isEmpty();
            assertThat(round.oddAnswers()).as("round " + r + ": answers other than 201 and 503").isEmpty();
            assertThat(round.exitCode()).as("round " + r + ": exit code after SIGTERM").isEqualTo(143);
        }
        int inFlight = results.stream().mapToInt(x -> x.refused() + x.unanswered()).sum();
        System.out.printf("sigterm: %d rounds in a row, every stored message answered; %d writes answered 201 in all,"
                + " %d refused or cut off by the shutdown%n", rounds,
                results.stream().mapToInt(Round::answered201).sum(), inFlight);
    }

    private Round round(Path dir) {
        Path db = dir.resolve("chat");
        dir.toFile().mkdirs();
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> tokens = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        List<String> odd = java.util.Collections.synchronizedList(new ArrayList<>());
        int exit;
        try (ServerProcess server = ServerProcess.start(db, SECRET, CrashDurabilityTest.UNLIMITED)) {
            Rest rest = new Rest(server.baseUrl());
            for (int w = 0; w < WRITERS; w++) {
                String token = new TokenMinter(SECRET).token(tenant, "writer" + w, Duration.ofHours(1));
                tokens.add(token);
                conversations.add(rest.createConversation(token, List.of()));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger posted = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int me = w;
                Thread t = new Thread(() -> write(new Rest(server.baseUrl()), tokens.get(me), conversations.get(me),
                        "w" + me, stop, posted, answered, refused, unanswered, odd), "rest-writer-" + w);
                t.setDaemon(true);
                t.start();
                writers.add(t);
            }
            // A random moment in a steady load: at least 100 writes in, then 0 to 300 ms more.
            await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() >= 100);
            sleepRandomly(300);
            exit = server.terminate(Duration.ofSeconds(60));
            stop.set(true);
            for (Thread t : writers) {
                join(t);
            }
        }
        Set<String> stored = new HashSet<>();
        try (ServerProcess again = ServerProcess.start(db, SECRET, CrashDurabilityTest.UNLIMITED)) {
            Rest rest = new Rest(again.baseUrl());
            for (int w = 0; w < WRITERS; w++) {
                for (JsonNode m : rest.history(tokens.get(w), conversations.get(w))) {
                    stored.add(m.get("body").asText());
                }
            }
        }
        List<String> storedNotAnswered = stored.stream().filter(b -> !answered.contains(b)).sorted().toList();
        List<String> answeredNotStored = answered.stream().filter(b -> !stored.contains(b)).sorted().toList();
        return new Round(answered.size(), stored.size(), refused.get(), unanswered.get(), storedNotAnswered,
                answeredNotStored, List.copyOf(odd), exit);
    }

    /** Posts until stopped or the server is gone; a 201 records the body as answered. */
    private static void write(Rest rest, String token, String conversation, String name, AtomicBoolean stop,
                              AtomicInteger posted, Set<String> answered, AtomicInteger refused,
                              AtomicInteger unanswered, List<String> odd) {
        for (int n = 0; !stop.get(); n++) {
            String body = name + " #" + n;
            Rest.Answer a;
            try {
                a = rest.call("POST", "/api/v2/conversations/" + conversation + "/messages", token,
                        Map.of("body", body));
            } catch (RuntimeException e) {
                unanswered.incrementAndGet(); // connection refused or closed: the server is gone or going
                return;
            }
            posted.incrementAndGet();
            if (a.status() == 201) {
                answered.add(body);
            } else if (a.status() == 503) {
                refused.incrementAndGet(); // shutting down: nothing was done
                return;
            } else {
                odd.add(body + " answered " + a.status() + " " + a.rawBody());
                return;
            }
        }
    }

    private static void sleepRandomly(int maxMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis + 1)); // where in the load the signal falls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
