package dev.chatharness.conformance.suite;

import static dev.chatharness.conformance.clause.Check.BOUNDARY;
import static dev.chatharness.conformance.clause.Check.NEGATIVE;
import static dev.chatharness.conformance.clause.Check.POSITIVE;
import static dev.chatharness.conformance.suite.AuthenticationConformance.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.RestResponse;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetExtension;
import dev.chatharness.common.token.TokenMinter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A token's lifetime: expired and not-yet-valid tokens are refused at the handshake, {@code exp} holds to the second
 * by the target's own clock ({@link ServerClock}, so that a skew between the two machines is not blamed on the
 * target), and a socket whose token expires while it is connected is told and disconnected, that socket only.
 */
@DisplayName("§2 Authentication: token lifetime")
@Order(2)
@ExtendWith(TargetExtension.class)
class TokenLifetimeConformance {

    /** How far the target's clock may be from ours before an expiry check would judge the clocks, not the target. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMillis(750);
    /** "Exactly at the limit" for exp, at the precision two clocks allow: JWT times are whole seconds. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(3);

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.8", check = POSITIVE)
    @Clause(id = "2.8", check = NEGATIVE)
    @DisplayName("§2.8 An expired token is refused with token_expired; a valid one is accepted")
    void expired_token_is_refused(Target target) {
        TokenMinter minter = target.minter("an expired but correctly signed token");
        Scene scene = new Scene(target);
        target.connect(ConnectOptions.withToken(minter.token(scene.a0.tenantId(), scene.a0.userId()), "valid token"));
        expectRefusal(target, ConnectOptions.withToken(minter.expired(scene.a0.tenantId(), scene.a0.userId()),
                "expired token"), "token_expired");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.8", check = BOUNDARY)
    @DisplayName("§2.8 exp holds to the second, by the target's own clock: a token expiring in 3 s is accepted, one whose"
            + " exp passed less than a second ago is refused")
    void expiry_holds_at_the_limit(Target target) {
        TokenMinter minter = target.minter("tokens expiring seconds from now");
        Scene scene = new Scene(target);
        ChatSocket justValid = target.connect(ConnectOptions.withToken(minter.expiringIn(EXPIRY_MARGIN, scene.a0.tenantId(),
                scene.a0.userId()), "token expiring in " + EXPIRY_MARGIN.toSeconds() + " s"));
        assertThat(justValid.connected()).isTrue();
        // exp is the second that has just begun on the target's clock, read from a time it stamped: the token has
        // expired by less than half a second when it arrives, so any leeway shows, whatever our own clock says.
        Instant serverNow = ServerClock.earlyInASecond(target, justValid, scene.conversation(scene.a0));
        Instant exp = serverNow.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String justExpired = minter.expiringAt(exp, scene.a0.tenantId(), scene.a0.userId());
        expectRefusal(target, ConnectOptions.withToken(justExpired, "token whose exp " + exp + " has just passed (target"
                + " clock " + serverNow + ")"), "token_expired");
        RestResponse rest = target.rest().get("/api/v2/conversations", justExpired);
        assertThat(rest.status()).as(rest.describe() + " with a token whose exp " + exp + " has just passed").isEqualTo(401);
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.9", check = POSITIVE)
    @Clause(id = "2.9", check = NEGATIVE)
    @DisplayName("§2.9 A token not yet valid (nbf or iat in the future) is refused with token_invalid; one valid since a minute is accepted")
    void not_yet_valid_token_is_refused(Target target) {
        TokenMinter minter = target.minter("tokens with nbf / iat set");
        Scene scene = new Scene(target);
        target.connect(ConnectOptions.withToken(minter.validSinceAMinute(scene.a0.tenantId(), scene.a0.userId()),
                "token with nbf and iat a minute ago"));
        expectRefusal(target, ConnectOptions.withToken(minter.notYetValid(scene.a0.tenantId(), scene.a0.userId()),
                "nbf in the future"), "token_invalid");
        expectRefusal(target, ConnectOptions.withToken(minter.issuedInTheFuture(scene.a0.tenantId(), scene.a0.userId()),
                "iat in the future"), "token_invalid");
    }

    @Test
    @Tag(ConformanceTags.AUTH)
    @Clause(id = "2.12", check = POSITIVE)
    @Clause(id = "2.12", check = NEGATIVE)
    @Clause(id = "2.12", check = BOUNDARY)
    @Clause(id = "3.1", check = NEGATIVE)
    @DisplayName("§2.12 When a live token expires: error {code: token_expired} and a disconnect within 5 s of exp, not before,"
            + " and for that socket only")
    void expiring_token_disconnects_that_socket_only(Target target) {
        target.assumeSupported(Feature.TOKEN_EXPIRY_DISCONNECT);
        TokenMinter minter = target.minter("a short-lived token");
        Scene scene = new Scene(target);
        String conversation = scene.conversation(scene.a0);
        String twinConversation = scene.conversation(scene.b0);
        ChatSocket sameUser = scene.joined(scene.a0, conversation);
        ChatSocket sameSubOtherTenant = scene.joined(scene.b0, twinConversation);
        String token = minter.token(scene.a0.tenantId(), scene.a0.userId(), target.profile().expiryTokenTtl());
        Instant exp = JWT.decode(token).getExpiresAtAsInstant();
        ChatSocket expiring = target.connect(ConnectOptions.withToken(token, scene.a0 + " (token expiring at " + exp + ")"));
        Duration untilDeadline = Duration.between(Instant.now(), exp.plusSeconds(5)).plus(CLOCK_TOLERANCE);
        expiring.await("error", e -> "token_expired".equals(e.path("code").asText()),
                "error {code: token_expired} by exp + 5 s", untilDeadline);
        Instant told = Instant.now();
        assertThat(told).as("when the socket was told its token expired (exp " + exp + ")")
                .isAfterOrEqualTo(exp.minus(CLOCK_TOLERANCE));
        Duration left = Duration.between(Instant.now(), exp.plusSeconds(5)).plus(CLOCK_TOLERANCE);
        expiring.awaitDisconnect(left.isNegative() ? Duration.ofMillis(1) : left);
        String alive = Scene.marker("still-connected");
        assertThat(Scene.send(sameUser, conversation, alive).path("body").asText())
                .as("the same user's other socket, whose token is still valid, after the expiry").isEqualTo(alive);
        assertThat(Scene.send(sameSubOtherTenant, twinConversation, alive).path("body").asText())
                .as(scene.b0 + " (same sub, other tenant) after " + scene.a0 + "'s token expired").isEqualTo(alive);
        assertThat(sameSubOtherTenant.received("error")).as("errors at " + scene.b0).isEmpty();
    }
}
