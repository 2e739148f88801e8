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
            assertThat(limiter.acquire(Action.MESSAGE, alice, "s1").remaining()).isEqualTo(19 - i);
        }
        assertThatThrownBy(() -> limiter.acquire(Action.MESSAGE, alice, "s1"))
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
        limiter.acquire(Action.MESSAGE, alice, "socket-1");
        limiter.acquire(Action.MESSAGE, alice, "rest");
        assertThat(limiter.check(Action.MESSAGE, alice, "socket-2").allowed()).isFalse();
        assertThat(limiter.check(Action.MESSAGE, new Principal("acme", "bob"), "socket-3").allowed()).isTrue();
        assertThat(limiter.check(Action.MESSAGE, new Principal("other", "alice"), "socket-4").allowed()).isTrue();
        assertThat(limiter.check(Action.TYPING, alice, "socket-1").allowed()).isTrue();
    }

    @Test
    void the_rate_limit_faults_do_what_they_say() {
        RateLimiter perSocket = new RateLimiter(new RateLimit(1, 1), new RateLimit(1, 1), clock,
                Faults.of(Set.of(Fault.RATE_LIMIT_PER_SOCKET)));
        perSocket.acquire(Action.MESSAGE, alice, "s1");
        assertThat(perSocket.check(Action.MESSAGE, alice, "s2").allowed()).isTrue();
        RateLimiter none = new RateLimiter(new RateLimit(1, 1), new RateLimit(1, 1), clock, Faults.of(Set.of(Fault.NO_RATE_LIMIT)));
        for (int i = 0; i < 5; i++) {
            none.acquire(Action.MESSAGE, alice, "s1");
        }
    }
}
