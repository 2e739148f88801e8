package dev.chatharness.load.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.Shard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadConfigTest {

    private LoadOptions.Builder options() {
        return LoadOptions.builder().target(URI.create("http://127.0.0.1:9")).jwtSecret("s")
                .reportDir(Path.of("target/x"));
    }

    @Test
    void survives_the_trip_through_system_properties() {
        LoadConfig config = LoadConfig.from(options().scenario(Scenario.MIX).rooms(6).members(4).rate(12)
                .duration(Duration.ofMillis(1500)).maxP99Ms(50.0).maxLost(0L).shard(Shard.parse("1/3"))
                .origin("https://chat.example").build());
        LoadConfig back = LoadConfig.fromProperties(config.toProperties());
        assertThat(back.scenario()).isEqualTo(Scenario.MIX);
        assertThat(back.rooms()).isEqualTo(6);
        assertThat(back.members()).isEqualTo(4);
        assertThat(back.rate()).isEqualTo(12);
        assertThat(back.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(back.maxP99Ms()).isEqualTo(50.0);
        assertThat(back.maxLost()).isZero();
        assertThat(back.shard()).isEqualTo(new Shard(1, 3));
        assertThat(back.origin()).isEqualTo("https://chat.example");
        assertThat(back.runId()).isEqualTo(config.runId());
        assertThat(back.ownedRooms()).isEqualTo(2);
        assertThat(back.shardRate()).isEqualTo(4.0);
    }

    @Test
    void refuses_a_rate_above_the_targets_per_user_limit_naming_the_numbers() {
        assertThatThrownBy(() -> LoadConfig.from(options().rooms(1).members(2).rate(50).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("25.00 messages/s per user")
                .hasMessageContaining("10.00/s");
    }

    @Test
    void names_the_bad_value() {
        assertThatThrownBy(() -> LoadConfig.from(options().rooms(0).build())).hasMessageContaining("rooms")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> LoadConfig.from(options().target(URI.create("ftp://x")).build()))
                .hasMessageContaining("target");
        assertThatThrownBy(() -> LoadConfig.from(options().tokensFile(Path.of("nope")).build()))
                .hasMessageContaining("exactly one of jwtSecret and tokensFile");
        assertThatThrownBy(() -> Shard.parse("2/2")).hasMessageContaining("2/2");
        assertThatThrownBy(() -> LoadConfig.from(options().rooms(2).shard(new Shard(0, 3)).build()))
                .hasMessageContaining("shards <= rooms");
    }

    @Test
    void parses_durations_in_the_cli_forms() {
        assertThat(LoadConfig.parseDuration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(LoadConfig.parseDuration("d", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoadConfig.parseDuration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoadConfig.parseDuration("d", "15")).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> LoadConfig.parseDuration("duration", "soon")).hasMessageContaining("'soon'");
    }

    @Test
    void shards_split_rooms_whole_and_disjoint() {
        Shard a = new Shard(0, 2);
        Shard b = new Shard(1, 2);
        for (int room = 0; room < 7; room++) {
            assertThat(a.owns(room) ^ b.owns(room)).isTrue();
        }
    }
}
