package dev.chatharness.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The duration grammar, as one table: what a user types, and either the duration it means (ISO-8601) or a piece
 * of the message that refuses it. Profiles, the command line and the load settings all read through this grammar,
 * so this table is the whole of what they accept.
 */
class DurationsTest {

    private static final String REFUSED = "refused: ";

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @DisplayName("a duration reads as the table says, and is written back in a form that reads the same")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            500ms        | PT0.5S
            0ms          | PT0S
            0s           | PT0S
            15s          | PT15S
            1.5s         | PT1.5S
            2m           | PT2M
            0.5m         | PT30S
            1h           | PT1H
            2d           | PT48H
            " 30s "      | PT30S
            5 s          | PT5S
            15S          | PT15S
            PT15S        | PT15S
            pt2m         | PT2M
            PT0.25S      | PT0.25S
            P1D          | PT24H
            15           | refused: '15' has no unit: write 15s or 15ms
            0            | refused: '0' has no unit
            1.5          | refused: '1.5' has no unit
            soon         | refused: 'soon' is not a duration; use 500ms, 15s, 1.5s, 2m, 1h, 2d, or ISO-8601 such as PT15S
            15sec        | refused: '15sec' is not a duration
            -5s          | refused: '-5s' is not a duration
            PT-5S        | refused: 'PT-5S' is negative
            P            | refused: 'P' is not a duration
            1y           | refused: '1y' is not a duration
            1h30m        | refused: '1h30m' is not a duration; use
            ""           | refused: an empty value is not a duration
            99999999999999999999d | refused: is too long
            """)
    void reads_the_grammar(String input, String expected) {
        if (expected.startsWith(REFUSED)) {
            String fragment = expected.substring(REFUSED.length());
            assertThatThrownBy(() -> Durations.parse(input))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(fragment)
                    .as("every refusal shows the accepted forms or says what is wrong")
                    .satisfiesAnyOf(
                            e -> assertThat(e).hasMessageContaining(Durations.FORMS),
                            e -> assertThat(e).hasMessageContaining("negative"),
                            e -> assertThat(e).hasMessageContaining("too long"));
            return;
        }
        Duration d = Durations.parse(input);
        assertThat(d).isEqualTo(Duration.parse(expected));
        assertThat(Durations.parse(Durations.format(d))).as("format(%s) = %s", d, Durations.format(d)).isEqualTo(d);
    }
}
