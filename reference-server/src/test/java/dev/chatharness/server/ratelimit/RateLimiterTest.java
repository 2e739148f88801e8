package dev.chatharness.server.ratelimit;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Principal alice = new Principal("acme", "alice");

    @Test
    void a_bucket_allows_its_capacity_then_refuses_with_the_time_until_the_next_token_and_refills_over_time() {
        RateLimiter limiter = new RateLimiter(new RateLimit(20, 10), new RateLimit(10, 5), clock, Faults.none());
        for (int i = 0; i < 20; i++) {
            try (Permit p = limiter.take(Action.MESSAGE, alice, "s1")) {
                assertThat(p.verdict().remaining()).isEqualTo(19 - i);
                p.use();
            }
        }
        assertThatThrownBy(() -> limiter.take(Action.MESSAGE, alice, "s1"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterMs()).isEqualTo(100));
        clock.advance(Duration.ofMillis(40));
        assertThat(limiter.check(Action.MESSAGE, alice, "s1").retryAfterMs()).isEqualTo(60);
        clock.advance(Duration.ofMillis(60));
        assertThat(limiter.check(Action.MESSAGE, alice, "s1").allowed()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.check(Action.MESSAGE, alice, "s1").remaining()).isEqualTo(19); // capped at capacity
    }

    @Test
    void the_bucket_is_the_users_whatever_the_connection_and_other_users_and_actions_have_their_own() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, 1), new RateLimit(1, 1), clock, Faults.none());
        limiter.check(Action.MESSAGE, alice, "socket-1");
        limiter.check(Action.MESSAGE, alice, "rest");
        assertThat(limiter.check(Action.MESSAGE, alice, "socket-2").allowed()).isFalse();
        assertThat(limiter.check(Action.MESSAGE, new Principal("acme", "bob"), "socket-3").allowed()).isTrue();
        assertThat(limiter.check(Action.MESSAGE, new Principal("other", "alice"), "socket-4").allowed()).isTrue();
        assertThat(limiter.check(Action.TYPING, alice, "socket-1").allowed()).isTrue();
    }

    @Test
    void the_rate_limit_faults_do_what_they_say() {
        RateLimiter perSocket = new RateLimiter(new RateLimit(1, 1), new RateLimit(1, 1), clock,
                Faults.of(Set.of(Fault.RATE_LIMIT_PER_SOCKET)));
        perSocket.check(Action.MESSAGE, alice, "s1");
        assertThat(perSocket.check(Action.MESSAGE, alice, "s2").allowed()).isTrue();
        RateLimiter none = new RateLimiter(new RateLimit(1, 1), new RateLimit(1, 1), clock, Faults.of(Set.of(Fault.NO_RATE_LIMIT)));
        for (int i = 0; i < 5; i++) {
            try (Permit p = none.take(Action.MESSAGE, alice, "s1")) {
                p.use();
            }
        }
        RateLimiter broadcasting = new RateLimiter(new RateLimit(1, 1), new RateLimit(1, 1), clock,
                Faults.of(Set.of(Fault.BROADCAST_RATE_LIMITED_MESSAGE)));
        broadcasting.check(Action.MESSAGE, alice, "s1");
        try (Permit refused = broadcasting.take(Action.MESSAGE, alice, "s1")) {
            assertThat(refused.granted()).as("the defect hands a refused message to the service").isFalse();
        }
        broadcasting.check(Action.TYPING, alice, "s1");
        assertThatThrownBy(() -> broadcasting.take(Action.TYPING, alice, "s1"))
                .as("the defect is about messages only").isInstanceOf(RateLimitedException.class);
    }

    @Test
    void a_permit_that_is_not_used_gives_its_token_back_and_a_used_one_does_not() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, 1), new RateLimit(1, 1), clock, Faults.none());
        for (int i = 0; i < 10; i++) {
            try (Permit p = limiter.take(Action.MESSAGE, alice, "s1")) {
                assertThat(p.granted()).isTrue(); // an invalid or repeated event: nothing stored, nothing spent
            }
        }
        try (Permit p = limiter.take(Action.MESSAGE, alice, "s1")) {
            p.use();
        }
        try (Permit p = limiter.take(Action.MESSAGE, alice, "s1")) {
            p.use();
        }
        assertThatThrownBy(() -> limiter.take(Action.MESSAGE, alice, "s1"))
                .isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofSeconds(10));
        try (Permit p = limiter.take(Action.MESSAGE, alice, "s1")) {
            assertThat(p.verdict().remaining()).as("giving back never fills a bucket past its capacity").isEqualTo(1);
        }
        assertThat(limiter.check(Action.MESSAGE, alice, "s1").remaining()).isEqualTo(1);
    }

    @Test
    void threads_racing_for_one_bucket_neither_lose_nor_make_up_tokens() throws Exception {
        RateLimiter limiter = new RateLimiter(new RateLimit(50, 1), new RateLimit(1, 1), clock, Faults.none());
        java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    try (Permit p = limiter.take(Action.MESSAGE, alice, "s" + i)) {
                        if (i % 2 == 0) {
                            p.use(); // every other one is "stored"; the rest give their token back
                            granted.incrementAndGet();
                        }
                    } catch (RateLimitedException e) {
                        // the bucket is empty for now
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        int left = 0;
        while (limiter.check(Action.MESSAGE, alice, "s").allowed()) {
            left++;
        }
        assertThat(granted.get() + left).as("tokens kept + tokens left, with a frozen clock: none lost, none made up")
                .isEqualTo(50);
        assertThat(granted.get()).as("tokens kept").isGreaterThan(0);
    }
}
