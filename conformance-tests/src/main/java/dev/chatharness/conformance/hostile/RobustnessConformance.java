package dev.chatharness.conformance.hostile;

import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.RateLimitSpec;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetCrashedError;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.conformance.harness.TargetHealth;
import dev.chatharness.conformance.harness.TargetStoppedException;
import dev.chatharness.conformance.harness.Tenant;
import dev.chatharness.conformance.harness.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile-input corpus against the target, one dynamic test per corpus file: while users A and B of one
 * tenant keep chatting over the official client, their fellow participant C sends every malformed input. The
 * target must never answer 500 (or ack {@code internal}) to a client mistake, never leak a stack trace or class
 * name, never leave a connection hanging, answer every well-formed event with an ack and keep that connection,
 * and keep A and B connected and served throughout.
 */
@DisplayName("Robustness: the hostile-input corpus")
@Tag(ConformanceTags.ROBUSTNESS)
@ExtendWith(TargetExtension.class)
public class RobustnessConformance {
    /** A full message round trip between the healthy users every this many cases, at most (see the pacing below). */
    private static final int MESSAGE_PROBE_EVERY = 10;

    @TestFactory
    @Clause(id = "4.4", check = NEGATIVE)
    @Clause(id = "4.5", check = NEGATIVE)
    @Clause(id = "4.6", check = NEGATIVE)
    @DisplayName("§4.5 Malformed inputs (the hostile corpus) are refused cleanly while a healthy client keeps chatting")
    Stream<DynamicTest> hostile_inputs_are_refused_cleanly(Target target) {
        Tenant tenant = target.tenants().a();
        User a = tenant.user(0);
        User b = tenant.user(1);
        User attacker = tenant.user(2);
        String conversationId = target.api().createConversation(a, "hostile " + UUID.randomUUID(), b, attacker)
                .path("id").asText();
        ChatSocket healthyA = target.connect(a);
        ChatSocket healthyB = target.connect(b);
        healthyA.ok("join-conversation", Json.object("conversationId", conversationId));
        healthyB.ok("join-conversation", Json.object("conversationId", conversationId));
        HealthyPair healthy = new HealthyPair(healthyA, healthyB, conversationId,
                probeInterval(target.profile().messageRate()));
        HostileRunner runner = new HostileRunner(target.http(), attacker.token(), target.profile().eventTimeout());
        Map<String, List<HostileCase>> corpus = HostileCorpus.load(conversationId);
        TargetHealth health = target.health();
        return corpus.entrySet().stream().map(file -> DynamicTest.dynamicTest(
                file.getKey() + " (" + file.getValue().size() + " cases)", () -> {
                    List<String> failures = new ArrayList<>();
                    for (HostileCase c : file.getValue()) {
                        health.crash().ifPresent(crash -> {
                            throw new TargetStoppedException(crash);
                        });
                        health.sending(c.trigger(), c.preview(), c.mitigation());
                        int before = failures.size();
                        try {
                            runner.run(c).forEach(problem -> failures.add(c.id() + ": " + problem));
                        } catch (AssertionError | RuntimeException e) {
                            failures.add(c.id() + ": " + e.getMessage()); // e.g. no Engine.IO open: dead, or broken?
                        }
                        healthy.check(c, failures);
                        if (failures.size() > before) {
                            // Did this case kill the target (or, if it never got to send, the one before)? Then that
                            // is the finding, and the rest cannot run.
                            health.checkAfterFailure(c.trigger(), runner.lastCaseReachedTheTarget()).ifPresent(crash -> {
                                throw new TargetCrashedError(crash, new AssertionError(failures.get(before)));
                            });
                        }
                        health.survived();
                    }
                    healthy.roundTrip("end of " + file.getKey(), failures);
                    assertThat(failures).as(failures.size() + " problems with " + file.getKey()).isEmpty();
                }));
    }

    /**
     * The healthy user's probes must stay inside its own message rate limit, whatever the speed of the cases: on a
     * fast target the corpus ran 500 cases in a few seconds, and a probe every 10 cases outran the refill (20
     * tokens, 10/s) and was refused as rate_limited, a failure of this test rather than of the target. Probing at
     * half the declared refill rate at most keeps the bucket full.
     */
    static Duration probeInterval(RateLimitSpec limit) {
        return Duration.ofMillis((long) Math.ceil(2000 / limit.refillPerSecond()));
    }

    /** The two users who keep chatting; {@link #check} after every case. */
    private static final class HealthyPair {
        private final ChatSocket a;
        private final ChatSocket b;
        private final String conversationId;
        private final long probeIntervalNanos;
        private int casesSinceProbe;
        private long lastProbeNanos = System.nanoTime();

        HealthyPair(ChatSocket a, ChatSocket b, String conversationId, Duration probeInterval) {
            this.a = a;
            this.b = b;
            this.conversationId = conversationId;
            this.probeIntervalNanos = probeInterval.toNanos();
        }

        void check(HostileCase c, List<String> failures) {
            casesSinceProbe++;
            if (!a.connected() || !b.connected()) {
                failures.add(c.id() + ": the healthy client was disconnected");
                return;
            }
            try {
                a.ok("join-conversation", Json.object("conversationId", conversationId));
            } catch (AssertionError e) {
                failures.add(c.id() + ": the healthy client got no answer: " + e.getMessage());
                return;
            }
            if (casesSinceProbe >= MESSAGE_PROBE_EVERY && System.nanoTime() - lastProbeNanos >= probeIntervalNanos) {
                roundTrip(c.id(), failures);
            }
        }

        void roundTrip(String after, List<String> failures) {
            casesSinceProbe = 0;
            lastProbeNanos = System.nanoTime();
            String body = "still here " + UUID.randomUUID();
            try {
                JsonNode ack = a.ack("message", Json.object("conversationId", conversationId, "body", body));
                if (!ack.path("ok").asBoolean(false)) {
                    failures.add(after + ": the healthy client's message was refused: " + Json.brief(ack));
                    return;
                }
                b.await("message", m -> body.equals(m.path("body").asText()), "the healthy broadcast after " + after);
            } catch (AssertionError e) {
                failures.add(after + ": the healthy client's message or its broadcast failed: " + e.getMessage());
            }
        }
    }
}
