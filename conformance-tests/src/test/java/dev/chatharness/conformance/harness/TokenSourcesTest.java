package dev.chatharness.conformance.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.conformance.ProfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourcesTest {

    @TempDir
    Path dir;

    @Test
    void minted_tenants_are_fresh_each_time_and_share_subs_across_tenants() {
        MintingTokenSource source = new MintingTokenSource("secret", Optional.empty(), Optional.empty());
        Tenants first = source.tenants();
        Tenants second = source.tenants();
        assertThat(first.a().id()).isNotEqualTo(first.b().id()).isNotEqualTo(second.a().id());
        assertThat(first.a().user(0).userId()).isEqualTo(first.b().user(0).userId())
                .isNotEqualTo(second.a().user(0).userId());
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256("secret")).build().verify(first.b().user(2).token());
        assertThat(jwt.getSubject()).isEqualTo(first.b().user(2).userId());
        assertThat(jwt.getClaim("tenant_id").asString()).isEqualTo(first.b().id());
        assertThat(jwt.getExpiresAtAsInstant()).isAfter(Instant.now());
    }

    @Test
    void the_minter_makes_each_broken_token_it_promises() {
        TokenMinter minter = new TokenMinter("secret", Optional.of("iss"), Optional.of("aud"), Clock.systemUTC());
        assertThat(JWT.decode(minter.expired("t", "u")).getExpiresAtAsInstant()).isBefore(Instant.now());
        assertThat(JWT.decode(minter.withoutTenant("u")).getClaim("tenant_id").isMissing()).isTrue();
        assertThat(JWT.decode(minter.withoutSubject("t")).getSubject()).isNull();
        assertThat(JWT.decode(minter.withoutExpiry("t", "u")).getExpiresAt()).isNull();
        assertThat(JWT.decode(minter.notYetValid("t", "u")).getNotBeforeAsInstant()).isAfter(Instant.now());
        DecodedJWT shortLived = JWT.decode(minter.token("t", "u", Duration.ofSeconds(3)));
        assertThat(shortLived.getIssuer()).isEqualTo("iss");
        assertThat(shortLived.getAudience()).containsExactly("aud");
        assertThat(shortLived.getExpiresAtAsInstant()).isBefore(Instant.now().plusSeconds(4));
    }

    @Test
    void forged_tokens_are_what_they_claim() {
        ForgedTokens forged = new ForgedTokens(Optional.of("https://iss.example"), Optional.of("aud"));
        DecodedJWT none = JWT.decode(forged.algNone("t", "u"));
        assertThat(none.getAlgorithm()).isEqualTo("none");
        assertThat(none.getIssuer()).isEqualTo("https://iss.example");
        assertThat(none.getAudience()).containsExactly("aud");
        assertThat(JWT.decode(forged.wrongSignature("t", "u")).getIssuer()).isEqualTo("https://iss.example");
        String real = JWT.create().withSubject("u").withClaim("tenant_id", "a").sign(Algorithm.HMAC256("s"));
        String tampered = ForgedTokens.tamperedTenant(real, "b");
        assertThat(JWT.decode(tampered).getClaim("tenant_id").asString()).isEqualTo("b");
        assertThat(tampered.substring(tampered.lastIndexOf('.'))).isEqualTo(real.substring(real.lastIndexOf('.')));
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("s")).build().verify(forged.wrongSignature("t", "u")))
                .isNotNull();
    }

    @Test
    void pre_issued_tokens_are_read_with_ids_from_their_claims() throws IOException {
        Path file = dir.resolve("tokens.yaml");
        Files.writeString(file, "tenants:\n" + tenant("acme", "ann", "ben", "cat") + tenant("globex", "ann", "dan", "eve"));
        FileTokenSource source = new FileTokenSource(file);
        assertThat(source.minter()).isEmpty();
        assertThat(source.tenants().a().id()).isEqualTo("acme");
        assertThat(source.tenants().b().user(2).userId()).isEqualTo("eve");
        assertThat(source.tenants()).isEqualTo(source.tenants());
    }

    @Test
    void a_bad_tokens_file_is_explained() throws IOException {
        Path one = dir.resolve("one.yaml");
        Files.writeString(one, "tenants:\n" + tenant("acme", "ann", "ben", "cat"));
        assertThatThrownBy(() -> new FileTokenSource(one)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("exactly two");
        Path few = dir.resolve("few.yaml");
        Files.writeString(few, "tenants:\n" + tenant("acme", "ann", "ben") + tenant("globex", "a", "b", "c"));
        assertThatThrownBy(() -> new FileTokenSource(few)).hasMessageContaining("tenants[0].tokens");
        Path mixed = dir.resolve("mixed.yaml");
        Files.writeString(mixed, "tenants:\n  - tokens: [" + token("acme", "a") + ", " + token("other", "b") + ", "
                + token("acme", "c") + "]\n" + tenant("globex", "a", "b", "c"));
        assertThatThrownBy(() -> new FileTokenSource(mixed)).hasMessageContaining("tenants[0].tokens[1]");
        Path garbage = dir.resolve("garbage.yaml");
        Files.writeString(garbage, "tenants:\n  - tokens: [x, y, z]\n" + tenant("globex", "a", "b", "c"));
        assertThatThrownBy(() -> new FileTokenSource(garbage)).hasMessageContaining("not a JWT");
    }

    private static String tenant(String tenant, String... subs) {
        StringBuilder yaml = new StringBuilder("  - tokens:\n");
        for (String sub : subs) {
            yaml.append("      - ").append(token(tenant, sub)).append('\n');
        }
        return yaml.toString();
    }

    private static String token(String tenant, String sub) {
        return JWT.create().withSubject(sub).withClaim("tenant_id", tenant).sign(Algorithm.HMAC256("staging"));
    }
}
