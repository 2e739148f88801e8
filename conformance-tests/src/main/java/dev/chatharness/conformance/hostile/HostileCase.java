package dev.chatharness.conformance.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One malformed input of the corpus, as read from a line of a {@code hostile-corpus/*.jsonl} file.
 *
 * <p>Fields: {@code id}, {@code channel} (see {@link Channel}), the content as {@code data} (text),
 * {@code base64} (bytes) or {@code generate} (a list of parts {@code {"text":...}} or
 * {@code {"repeat":...,"count":N}}, for inputs too big to store), for HTTP {@code method}, {@code path},
 * {@code auth} (send the attacker's valid token), {@code headers}, {@code contentType}, and
 * {@code expectAck} (the ack id a well-formed event carries: an error ack is then due and the connection must
 * stay open). {@code ${conversationId}} in any text is replaced by a conversation the attacker takes part in.
 * {@code note} says in a few words what the input is; {@code mitigation}, for inputs known to kill common servers,
 * what a team does about it (the report shows it if the target dies of the case).
 */
public record HostileCase(String file, String id, Channel channel, Optional<byte[]> bytes, Optional<String> text,
                          String method, String path, boolean auth, Map<String, String> headers,
                          Optional<String> contentType, Optional<Long> expectAck, String note,
                          Optional<String> mitigation) {

    /** How a case reaches the target. */
    public enum Channel {
        /** A text frame on a raw WebSocket session that completed the Socket.IO CONNECT. */
        WS_TEXT("ws-text"),
        /** A binary frame on such a session. */
        WS_BINARY("ws-binary"),
        /** A text frame on a raw WebSocket session before any Socket.IO CONNECT. */
        WS_PRECONNECT("ws-preconnect"),
        /** The body of an HTTP long-polling POST on a session that completed the Socket.IO CONNECT. */
        POLLING_POST("polling-post"),
        /** A plain HTTP request (REST or the Engine.IO endpoint). */
        HTTP("http");

        private final String wire;

        Channel(String wire) {
            this.wire = wire;
        }

        static Channel of(String wire, String where) {
            for (Channel c : values()) {
                if (c.wire.equals(wire)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(where + ": unknown channel '" + wire + "'");
        }
    }

    static HostileCase parse(String file, JsonNode line, String conversationId) {
        String id = line.path("id").asText("");
        String where = file + " case '" + id + "'";
        if (id.isEmpty()) {
            throw new IllegalArgumentException(file + ": a case without id: " + line);
        }
        Channel channel = Channel.of(line.path("channel").asText(""), where);
        Optional<String> text = Optional.empty();
        Optional<byte[]> bytes = Optional.empty();
        if (line.has("data")) {
            text = Optional.of(substitute(line.get("data").asText(), conversationId));
        } else if (line.has("body")) {
            text = Optional.of(substitute(line.get("body").asText(), conversationId));
        } else if (line.has("base64")) {
            byte[] raw = Base64.getDecoder().decode(line.get("base64").asText());
            String asLatin1 = new String(raw, StandardCharsets.ISO_8859_1);
            bytes = Optional.of(asLatin1.replace("${conversationId}", conversationId).getBytes(StandardCharsets.ISO_8859_1));
        } else if (line.has("generate")) {
            text = Optional.of(substitute(generate(line.get("generate"), where), conversationId));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        line.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new HostileCase(file, id, channel, bytes, text, line.path("method").asText("GET"),
                substitute(line.path("path").asText("/"), conversationId), line.path("auth").asBoolean(false),
                Map.copyOf(headers),
                line.has("contentType") ? Optional.of(line.get("contentType").asText()) : Optional.empty(),
                line.has("expectAck") ? Optional.of(line.get("expectAck").asLong()) : Optional.empty(),
                line.path("note").asText(""),
                line.has("mitigation") ? Optional.of(line.get("mitigation").asText()) : Optional.empty());
    }

    private static String generate(JsonNode parts, String where) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.has("text")) {
                out.append(part.get("text").asText());
            } else if (part.has("repeat")) {
                int count = part.path("count").asInt(-1);
                if (count < 0 || count > 10_000_000) {
                    throw new IllegalArgumentException(where + ": repeat count must be 0..10,000,000, got " + part);
                }
                out.append(part.get("repeat").asText().repeat(count));
            } else {
                throw new IllegalArgumentException(where + ": a generate part needs 'text' or 'repeat', got " + part);
            }
        }
        return out.toString();
    }

    private static String substitute(String s, String conversationId) {
        return s.replace("${conversationId}", conversationId);
    }

    /** The content as bytes: the text in UTF-8, or the raw bytes. */
    byte[] payloadBytes() {
        return bytes.orElseGet(() -> text.orElse("").getBytes(StandardCharsets.UTF_8));
    }

    /** How a report names this case: {@code hostile case huge.jsonl#many-args: EVENT with 100,000 arguments}. */
    public String trigger() {
        return "hostile case " + file + "#" + id + (note.isEmpty() ? "" : ": " + note);
    }

    /** The input as a report shows it: the start of it, and its size when it is long. */
    public String preview() {
        String shown = text.orElseGet(() -> "base64:" + Base64.getEncoder().encodeToString(bytes.orElse(new byte[0])));
        if (channel == Channel.HTTP) {
            shown = method + " " + path + (shown.isEmpty() ? "" : " with body " + shown);
        }
        int size = payloadBytes().length;
        return shown.length() <= 160 ? shown : shown.substring(0, 160) + "... (" + size + " bytes in all, over "
                + channel.wire + ")";
    }

    @Override
    public String toString() {
        return file + ":" + id;
    }
}
