package dev.chatharness.load.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatharness.common.time.Durations;
import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.Shard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A run travels to the Gatling simulation as system properties; it must arrive as it left. */
class LoadConfigTest {

    @Test
    void survives_the_trip_through_system_properties() {
        LoadOptions options = LoadOptions.builder().target(URI.create("http://127.0.0.1:9")).jwtSecret("s")
                .reportDir(Path.of("target/x")).scenario(Scenario.MIX).rooms(6).members(4).rate(12)
                .duration(Duration.ofMillis(1500)).warmup(Duration.ofSeconds(2)).rampUp(Duration.ofMillis(700))
                .maxP99Ms(50.0).maxLost(0L).shard(Shard.parse("1/3")).origin("https://chat.example")
                .bodySize(80).gatlingFanoutRow(false).verifyWithTarget(false).connectTimeout(Duration.ofSeconds(4))
                .build();
        LoadConfig config = LoadConfig.freshRun(options);

        LoadConfig back = LoadConfig.fromProperties(config.toProperties());

        assertThat(back.runId()).isEqualTo(config.runId());
        // Every setting but the CLI's progress interval (the LoadRunner's, not the simulation's) travels.
        assertThat(back.options()).usingRecursiveComparison().ignoringFields("progressInterval", "reportDir")
                .isEqualTo(options);
        assertThat(back.options().reportDir()).isEqualTo(options.reportDir().toAbsolutePath());
    }

    @Test
    void every_run_gets_its_own_id() {
        LoadOptions options = LoadOptions.builder().target(URI.create("http://127.0.0.1:9")).jwtSecret("s").build();
        assertThat(LoadConfig.freshRun(options).runId()).isNotEqualTo(LoadConfig.freshRun(options).runId());
    }

    @Test
    void absent_properties_take_the_builders_defaults() {
        Properties p = new Properties();
        p.setProperty(LoadConfig.PREFIX + "target", "http://127.0.0.1:9");
        p.setProperty(LoadConfig.PREFIX + "jwtSecret", "s");

        LoadOptions read = LoadConfig.fromProperties(p).options();

        LoadOptions defaults = LoadOptions.builder().target(URI.create("http://127.0.0.1:9")).jwtSecret("s").build();
        assertThat(read).isEqualTo(defaults);
    }

    @Test
    void durations_follow_the_one_grammar_and_a_bare_number_is_refused_naming_the_property() {
        Properties p = new Properties();
        p.setProperty(LoadConfig.PREFIX + "target", "http://127.0.0.1:9");
        p.setProperty(LoadConfig.PREFIX + "jwtSecret", "s");
        p.setProperty(LoadConfig.PREFIX + "duration", "PT1M");
        p.setProperty(LoadConfig.PREFIX + "grace", "1.5s");
        LoadOptions read = LoadConfig.fromProperties(p).options();
        assertThat(read.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(read.grace()).isEqualTo(Duration.ofMillis(1500));

        // A bare 15 used to mean 15 s here and 15 ms in a conformance profile.
        p.setProperty(LoadConfig.PREFIX + "duration", "15");
        assertThatThrownBy(() -> LoadConfig.fromProperties(p))
                .hasMessageContaining("chatharness.load.duration").hasMessageContaining("'15' has no unit")
                .hasMessageContaining(Durations.FORMS);
    }

    @Test
    void a_missing_target_or_a_bad_number_names_the_property() {
        assertThatThrownBy(() -> LoadConfig.fromProperties(new Properties()))
                .hasMessageContaining("chatharness.load.target is required");
        Properties p = new Properties();
        p.setProperty(LoadConfig.PREFIX + "target", "http://127.0.0.1:9");
        p.setProperty(LoadConfig.PREFIX + "jwtSecret", "s");
        p.setProperty(LoadConfig.PREFIX + "rooms", "many");
        assertThatThrownBy(() -> LoadConfig.fromProperties(p)).hasMessageContaining("chatharness.load.rooms")
                .hasMessageContaining("'many'");
    }
}
