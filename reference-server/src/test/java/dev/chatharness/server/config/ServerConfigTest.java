package dev.chatharness.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @Test
    void defaults_are_the_contracts_reference_figures() {
        ServerConfig c = ServerConfig.builder().jwtSecret("s").build();
        assertThat(c.messageRate()).isEqualTo(new RateLimit(20, 10));
        assertThat(c.typingRate()).isEqualTo(new RateLimit(10, 5));
        assertThat(c.allowedOrigins()).isEmpty();
        assertThat(c.inMemoryDatabase()).isTrue();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.maxPayloadBytes()).isEqualTo(1_000_000);
        assertThat(c.tenantSlots()).as("half the database pool").isEqualTo(c.dbMaxConnections() / 2);
        assertThat(ServerConfig.builder().jwtSecret("s").dbMaxConnections(1).build().tenantSlots()).isEqualTo(1);
    }

    @Test
    void bad_values_fail_at_build_with_a_message_naming_them() {
        assertThatThrownBy(() -> ServerConfig.builder().build()).hasMessageContaining("JWT secret");
        assertThatThrownBy(() -> ServerConfig.builder().jwtSecret("s").port(70000).build()).hasMessageContaining("70000");
        assertThatThrownBy(() -> ServerConfig.builder().jwtSecret("s").database(" ").build()).hasMessageContaining("database");
        assertThatThrownBy(() -> ServerConfig.builder().jwtSecret("s").allowedOrigins(List.of("https://a.example/")).build())
                .hasMessageContaining("https://a.example/");
        assertThatThrownBy(() -> ServerConfig.builder().jwtSecret("s").tokenExpiryCheckInterval(Duration.ofSeconds(10)).build())
                .hasMessageContaining("PT10S");
        assertThatThrownBy(() -> ServerConfig.builder().jwtSecret("s").tenantSlots(0).build()).hasMessageContaining("tenant slots");
    }

    @Test
    void rate_limits_parse_the_command_line_form_and_reject_anything_else() {
        assertThat(RateLimit.parse("20:10")).isEqualTo(new RateLimit(20, 10));
        for (String bad : new String[] {"20", "a:b", "0:1", "5:0", "1:2:3", ""}) {
            assertThatThrownBy(() -> RateLimit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
