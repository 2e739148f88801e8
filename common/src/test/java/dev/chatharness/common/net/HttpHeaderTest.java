package dev.chatharness.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeaderTest {

    @Test
    @DisplayName("'Name: value' as curl's -H writes it; the value keeps inner colons and spaces")
    void parses_curl_form() {
        HttpHeader header = HttpHeader.parse("X-Api-Key:  a:b c ");

        assertThat(header.name()).isEqualTo("X-Api-Key");
        assertThat(header.value()).isEqualTo("a:b c");
        assertThat(header).hasToString("X-Api-Key: a:b c");
    }

    @Test
    @DisplayName("a profile's lines read back to the same headers")
    void lines_round_trip() {
        List<HttpHeader> headers = HttpHeader.parseLines("X-Api-Key: k\n\n  X-Env: staging  \n");

        assertThat(headers).containsExactly(new HttpHeader("X-Api-Key", "k"), new HttpHeader("X-Env", "staging"));
        assertThat(HttpHeader.parseLines(HttpHeader.toLines(headers))).isEqualTo(headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", ": empty name", "Bad Name: v", "Host: evil", "Upgrade: h2c",
        "authorization: Bearer x", "Origin: https://x"})
    @DisplayName("a malformed header, or one the harness must control, is refused with the reason")
    void refuses(String line) {
        assertThatThrownBy(() -> HttpHeader.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank();
    }
}
