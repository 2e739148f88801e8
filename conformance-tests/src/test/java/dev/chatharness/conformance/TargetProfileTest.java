package dev.chatharness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatharness.common.time.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetProfileTest {

    @TempDir
    Path dir;

    private static TargetProfile resolve(Map<String, String> overrides) {
        return TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(), overrides);
    }

    @Test
    void a_yaml_profile_sets_every_key_and_defaults_fill_the_rest() throws IOException {
        Path file = dir.resolve("staging.yaml");
        Files.writeString(file, """
                target: https://chat.example/
                jwtSecret: s3cret
                rateLimit:
                  message: {capacity: 30, refillPerSecond: 15}
                unsupported: [polling, upgrade]
                timeout:
                  event: 2500ms
                """);
        TargetProfile profile = TargetProfile.resolve(Optional.of(file), Map.of(), new Properties(), Map.of());
        assertThat(profile.target()).hasToString("https://chat.example");
        assertThat(profile.socketPath()).isEqualTo("/socket.io/");
        assertThat(profile.namespace()).isEqualTo("/");
        assertThat(profile.messageRate()).isEqualTo(new RateLimitSpec(30, 15));
        assertThat(profile.typingRate()).isEqualTo(new RateLimitSpec(10, 5));
        assertThat(profile.unsupported()).containsExactlyInAnyOrder(Feature.POLLING, Feature.UPGRADE);
        assertThat(profile.eventTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(profile.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(profile.mintsTokens()).isTrue();
    }

    @Test
    void environment_overrides_the_file_system_properties_override_the_environment_and_overrides_win() throws IOException {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "target=http://from-file:1\njwtSecret=file\nrateLimit.typing.capacity=3\n");
        Properties system = new Properties();
        system.setProperty("chat.rateLimit.typing.capacity", "5");
        system.setProperty("chat.jwtSecret", "from-property");
        TargetProfile profile = TargetProfile.resolve(Optional.of(file),
                Map.of("CHAT_TARGET", "http://from-env:2", "CHAT_RATE_LIMIT_TYPING_CAPACITY", "4"), system,
                Map.of("target", "http://from-override:3"));
        assertThat(profile.target()).hasToString("http://from-override:3");
        assertThat(profile.typingRate().capacity()).isEqualTo(5);
        assertThat(profile.jwtSecret()).contains("from-property");
    }

    @Test
    void environment_variable_names_follow_the_keys() {
        assertThat(ProfileKey.TARGET.environmentVariable()).isEqualTo("CHAT_TARGET");
        assertThat(ProfileKey.JWT_SECRET.environmentVariable()).isEqualTo("CHAT_JWT_SECRET");
        assertThat(ProfileKey.MESSAGE_REFILL.environmentVariable()).isEqualTo("CHAT_RATE_LIMIT_MESSAGE_REFILL_PER_SECOND");
        assertThat(ProfileKey.MESSAGE_REFILL.property()).isEqualTo("chat.rateLimit.message.refillPerSecond");
    }

    @Test
    void to_properties_round_trips() {
        TargetProfile profile = resolve(Map.of("target", "http://127.0.0.1:9", "jwtSecret", "s", "unsupported", "typing"));
        Map<String, String> props = profile.toProperties();
        TargetProfile back = TargetProfile.fromProperties(key -> Optional.ofNullable(props.get(key)));
        assertThat(back.toString()).isEqualTo(profile.toString());
    }

    @Test
    void validation_errors_name_the_bad_key_and_value() {
        assertThatThrownBy(() -> resolve(Map.of("jwtSecret", "s"))).isInstanceOf(ProfileException.class)
                .hasMessageContaining("missing target").hasMessageContaining("CHAT_TARGET");
        assertThatThrownBy(() -> resolve(Map.of("target", "ftp://x", "jwtSecret", "s")))
                .hasMessageContaining("target").hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x"))).hasMessageContaining("neither");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "tokensFile", "t.yaml")))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "timeout.event", "soon")))
                .hasMessageContaining("timeout.event").hasMessageContaining("soon");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "rateLimit.message.capacity", "0")))
                .hasMessageContaining("rateLimit.message.capacity");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "unsupported", "teleport")))
                .hasMessageContaining("unsupported").hasMessageContaining("teleport");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "socketPath", "socket.io")))
                .hasMessageContaining("socketPath");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "nonsense", "1")))
                .hasMessageContaining("unknown key 'nonsense'");
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "tokensFile", dir.resolve("absent.yaml").toString())))
                .hasMessageContaining("tokensFile").hasMessageContaining("absent.yaml");
    }

    @Test
    void durations_follow_the_one_grammar_of_chat_harness_and_a_bare_number_is_refused() {
        TargetProfile profile = resolve(Map.of("target", "http://x", "jwtSecret", "s", "timeout.event", "PT30S",
                "timeout.connect", "1h", "expiryTokenTtl", "1.5s"));
        assertThat(profile.eventTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(profile.connectTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(profile.expiryTokenTtl()).isEqualTo(Duration.ofMillis(1500));
        // A bare 5 once meant 5 ms here and 5 s in the load settings: now it is refused everywhere, with the forms.
        assertThatThrownBy(() -> resolve(Map.of("target", "http://x", "jwtSecret", "s", "timeout.event", "5")))
                .isInstanceOf(ProfileException.class).hasMessageContaining("timeout.event")
                .hasMessageContaining("'5' has no unit").hasMessageContaining(Durations.FORMS);
    }

    @Test
    void a_broken_profile_file_is_named() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "target: [unclosed\n");
        assertThatThrownBy(() -> TargetProfile.resolve(Optional.of(file), Map.of(), new Properties(), Map.of()))
                .isInstanceOf(ProfileException.class).hasMessageContaining("broken.yaml");
        assertThatThrownBy(() -> TargetProfile.resolve(Optional.of(dir.resolve("none.yaml")), Map.of(), new Properties(),
                Map.of())).hasMessageContaining("none.yaml");
    }

    @Test
    void the_example_profiles_shipped_with_the_module_load() {
        TargetProfile local = TargetProfile.resolve(Optional.of(Path.of("profiles/local.yaml")), Map.of(),
                new Properties(), Map.of());
        assertThat(local.mintsTokens()).isTrue();
        TargetProfile staging = TargetProfile.resolve(Optional.of(Path.of("profiles/staging.example.yaml")), Map.of(),
                new Properties(), Map.of());
        assertThat(staging.tokensFile()).isPresent();
        assertThat(staging.tokensFile().get()).exists();
    }
}
