package dev.chatharness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.chatharness.cli.common.PreIssuedTokens;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.TargetUnreachableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreIssuedTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    private static String token(String user, Instant exp) {
        return JWT.create().withSubject(user).withClaim("tenant_id", "acme").withExpiresAt(exp)
                .sign(Algorithm.HMAC256("s"));
    }

    @Test
    @DisplayName("an expired pre-issued token is an authentication setup failure that names the user and the time")
    void expired_token_is_reported_before_the_run() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens.yaml"), "tenants:\n  - tokens: ["
                + token("alice", NOW.plus(Duration.ofHours(1))) + ", " + token("bob", NOW.minusSeconds(5)) + "]\n");

        assertThatThrownBy(() -> PreIssuedTokens.requireUsable(file, NOW))
                .isInstanceOf(TargetUnreachableException.class)
                .hasMessageContaining("#2").hasMessageContaining("sub bob").hasMessageContaining("expired at 2026-11-26T11:59:55Z");
    }

    @Test
    @DisplayName("valid tokens in either file format pass; a file without any token is a usage error")
    void valid_tokens_pass_and_empty_files_do_not() throws Exception {
        Path lines = Files.writeString(dir.resolve("tokens.txt"), "# load tokens\n" + token("a", NOW.plusSeconds(60)) + "\n");
        PreIssuedTokens.requireUsable(lines, NOW);

        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing here\n");
        assertThatThrownBy(() -> PreIssuedTokens.requireUsable(empty, NOW)).isInstanceOf(UsageException.class)
                .hasMessageContaining("contains no JWT");
        assertThat(lines).exists();
    }
}
