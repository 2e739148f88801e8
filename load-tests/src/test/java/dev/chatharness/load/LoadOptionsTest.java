package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every setting is checked once, when the options are built, with a message that names the bad value. */
class LoadOptionsTest {

    private LoadOptions.Builder options() {
        return LoadOptions.builder().target(URI.create("http://127.0.0.1:9")).jwtSecret("s")
                .reportDir(Path.of("target/x"));
    }

    @Test
    void refuses_a_rate_above_the_targets_per_user_limit_naming_the_numbers() {
        assertThatThrownBy(() -> options().rooms(1).members(2).rate(50).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("25.00 messages/s per user")
                .hasMessageContaining("10.00/s");
    }

    @Test
    void names_the_bad_value() {
        assertThatThrownBy(() -> options().rooms(0).build()).hasMessageContaining("rooms")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> options().target(URI.create("ftp://x")).build())
                .hasMessageContaining("target");
        assertThatThrownBy(() -> options().tokensFile(Path.of("nope")).build())
                .hasMessageContaining("exactly one of jwtSecret and tokensFile");
        assertThatThrownBy(() -> Shard.parse("2/2")).hasMessageContaining("2/2");
        assertThatThrownBy(() -> options().rooms(2).shard(new Shard(0, 3)).build())
                .hasMessageContaining("shards <= rooms");
        assertThatThrownBy(() -> options().connectTimeout(Duration.ZERO).build())
                .hasMessageContaining("connectTimeout must be positive");
    }

    @Test
    void a_shard_owns_its_share_of_rooms_and_of_the_rate() {
        LoadOptions o = options().scenario(Scenario.MIX).rooms(6).members(4).rate(12).shard(Shard.parse("1/3")).build();
        assertThat(o.ownedRooms()).isEqualTo(2);
        assertThat(o.shardRate()).isEqualTo(4.0);
        assertThat(o.perMemberRate()).isEqualTo(0.5);
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
