package dev.chatharness.load.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.fanout.SendStamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageFrameScannerTest {

    private final MessageFrameScanner scanner = new MessageFrameScanner();

    /** What the reference server writes for one delivery. */
    private static final String REFERENCE_FRAME = "42[\"message\",{\"id\":\"6f1c2a4e-0d7b-4c55-9a51-0c7f3e2b9d10\","
            + "\"conversationId\":\"c1\",\"seq\":42,\"senderId\":\"u-7\",\"body\":\"" + SendStamp.body(1_765_000_000_123L, 100)
            + "\",\"clientMessageId\":null,\"createdAt\":\"2026-12-07T01:00:00.123Z\",\"editedAt\":null}]";

    @Test
    void reads_the_fields_of_a_server_frame_in_place() {
        assertThat(scanner.scan(REFERENCE_FRAME)).isTrue();
        assertThat(scanner.conversationIs("c1")).isTrue();
        assertThat(scanner.conversationIs("c10")).isFalse();
        assertThat(scanner.conversationIs("c")).isFalse();
        assertThat(scanner.seq()).isEqualTo(42);
        assertThat(scanner.stamp()).isEqualTo(1_765_000_000_123L);
        assertThat(scanner.id()).isEqualTo("6f1c2a4e-0d7b-4c55-9a51-0c7f3e2b9d10");
    }

    @Test
    void a_body_that_mentions_other_fields_cannot_fool_it() {
        String frame = "42[\"message\",{\"body\":\"fo t=5 \\\",\\\"seq\\\":9,\\\"conversationId\\\":\\\"x\",\"seq\":3,"
                + "\"conversationId\":\"c1\"}]";
        assertThat(scanner.scan(frame)).isTrue();
        assertThat(scanner.seq()).isEqualTo(3);
        assertThat(scanner.conversationIs("c1")).isTrue();
        assertThat(scanner.stamp()).isEqualTo(5);
    }

    @Test
    void leaves_what_it_does_not_read_exactly_to_the_general_decoder() {
        assertThat(scanner.scan("42[\"message\",{\"meta\":{\"seq\":1},\"seq\":2}]")).isFalse(); // nested value
        assertThat(scanner.scan("42[\"message\",{\"conversationId\":\"c\\u0031\"}]")).isFalse(); // escaped id
        assertThat(scanner.scan("42[\"message\",{\"body\":\"f\\u006f t=1 \"}]")).isFalse(); // escaped stamp
        assertThat(scanner.scan("42[\"message\",{\"seq\":12345678901234567890}]")).isFalse(); // beyond a long
        assertThat(scanner.scan("42[\"message\",{\"seq\":01}]")).isFalse(); // not JSON
        assertThat(scanner.scan("42[\"message\",{\"seq\":1,")).isFalse(); // cut short
        assertThat(scanner.scan("4212[\"message\",{}]")).isFalse(); // another form of the event
        assertThat(scanner.scan("430[{\"ok\":true}]")).isFalse();
        assertThat(scanner.scan(null)).isFalse();
    }

    /**
     * The property the receiver relies on: on generated frames (fields in any order, every JSON value type, escapes,
     * whitespace, then cut or corrupted), whatever the scanner accepts reads as the Jackson decoder reads it.
     */
    @Test
    void whatever_it_accepts_reads_as_the_decoder_reads_it() {
        Random random = new Random(14);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            String frame = "42[\"message\"," + space(random) + object(random) + "]";
            if (random.nextInt(4) == 0) {
                frame = corrupt(frame, random);
            }
            if (!scanner.scan(frame)) {
                continue;
            }
            accepted++;
            MessageFrame decoded = SocketIoCodec.decodeMessage(frame);
            assertThat(decoded).as(frame).isNotNull();
            assertThat(scanner.seq()).as(frame).isEqualTo(decoded.seq());
            assertThat(scanner.stamp()).as(frame).isEqualTo(SendStamp.read(decoded.body()));
            assertThat(scanner.id()).as(frame).isEqualTo(decoded.id());
            for (String candidate : List.of("c1", "c2", "é1")) {
                assertThat(scanner.conversationIs(candidate)).as(frame)
                        .isEqualTo(candidate.equals(decoded.conversationId()));
            }
        }
        assertThat(accepted).as("frames the scanner read itself").isGreaterThan(5_000);
    }

    private static String object(Random random) {
        List<String> fields = new ArrayList<>();
        for (String name : List.of("id", "conversationId", "seq", "body", "senderId", "createdAt", "editedAt")) {
            if (random.nextInt(8) != 0) {
                fields.add(name);
            }
        }
        if (random.nextInt(5) == 0) {
            fields.add(fields.isEmpty() ? "seq" : fields.get(random.nextInt(fields.size()))); // a repeated key
        }
        Collections.shuffle(fields, random);
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
            json.append(i == 0 ? "" : ",").append(space(random)).append('"').append(fields.get(i)).append('"')
                    .append(space(random)).append(':').append(space(random)).append(value(fields.get(i), random))
                    .append(space(random));
        }
        return json.append('}').toString();
    }

    private static String value(String field, Random random) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return switch (field) {
                case "conversationId" -> List.of("\"c1\"", "\"c2\"", "\"é1\"", "\"c\\u0031\"", "\"\"").get(random.nextInt(5));
                case "seq" -> List.of("7", "0", "-3", "123456789012", "7.0", "1e3", "-0", "\"7\"").get(random.nextInt(8));
                case "body" -> "\"" + List.of("fo t=" + random.nextInt(1_000_000) + " xx", "fo t=12", "fo t=", "fo t=1x ",
                        "hello", "fo t=3 \\\"q\\\" \\n", "f\\u006f t=9 ", "fo t=١٢ ", "fo t=+5 ", "fo t=4\\t ")
                        .get(random.nextInt(10)) + "\"";
                default -> "\"v" + random.nextInt(100) + "\"";
            };
        }
        return List.of("null", "true", "false", "12.5e-3", "{\"seq\":1}", "[1,\"x\"]", "\"a\\\\b\\/c\\u00e9\"", "-")
                .get(kind == 9 ? random.nextInt(8) : random.nextInt(4));
    }

    private static String space(Random random) {
        return random.nextInt(6) == 0 ? List.of(" ", "\n", "\t ", "\r\n").get(random.nextInt(4)) : "";
    }

    /** Cuts the frame short, or replaces one character by a JSON-significant one. */
    private static String corrupt(String frame, Random random) {
        int at = 13 + random.nextInt(frame.length() - 13);
        if (random.nextBoolean()) {
            return frame.substring(0, at);
        }
        char c = "\"\\{}[],:0 a\u0001".charAt(random.nextInt(12));
        return frame.substring(0, at) + c + frame.substring(at + 1);
    }
}
