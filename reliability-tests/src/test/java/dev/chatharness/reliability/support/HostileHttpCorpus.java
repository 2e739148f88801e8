package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The hostile-HTTP corpus: raw requests, as bytes on a fresh TCP connection, that no HTTP client library would
 * send. It lives in {@code src/test/resources/hostile-http/} (the files named in {@code index.txt}), one JSON case a
 * line:
 *
 * <pre>{@code {"id":"chunk-size-not-hex/rest-create","send":"POST /api/v2/conversations HTTP/1.1\r\n...","expect":"4xx","note":"..."}}</pre>
 *
 * <ul>
 *   <li>{@code send}: the request, one byte per character (ISO-8859-1), so {@code \u00ff} is the byte 0xFF;
 *       or {@code base64}: the bytes; or {@code parts}: {@code {"text":...}} and {@code {"repeat":...,"count":N}}
 *       for inputs too big to store. {@code base64Tail} appends bytes to {@code send}.</li>
 *   <li>{@code ${name}} placeholders are filled in per case by the runner: {@code host}, {@code token} (a valid
 *       token), {@code conversationId}, {@code sid} (a fresh Engine.IO polling session), {@code wskey}, and tokens
 *       with a hostile payload ({@code jwt-null}, {@code jwt-array}, ...).</li>
 *   <li>{@code vary}: {@code {"method":[...],"path":[...]}} makes one case per combination, its id suffixed.</li>
 *   <li>{@code halfClose} (default true): the client shuts its output after sending, as a client that sends part of
 *       a body and gives up does; with false it stays silent and connected.</li>
 *   <li>{@code expect}: {@code no5xx} (default: any answer below 500, or none), {@code 4xx} (an answer is required,
 *       and it is a client error).</li>
 * </ul>
 */
public final class HostileHttpCorpus {
    private static final String ROOT = "/hostile-http/";

    /** What a case requires of the answer. */
    public enum Expect { NO_5XX, CLIENT_ERROR }

    /** One case, its bytes still holding placeholders. */
    public record Case(String file, String id, String template, byte[] tail, boolean halfClose, Expect expect,
                       String note) {
        /** The bytes to send, placeholders filled in by {@code fill}. */
        public byte[] bytes(UnaryOperator<String> fill) {
            byte[] head = fill.apply(template).getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[head.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        }

        public boolean isHead() {
            return template.startsWith("HEAD ");
        }

        @Override
        public String toString() {
            return file + ":" + id + " (" + note + ")";
        }
    }

    private HostileHttpCorpus() {
    }

    /** Every case of every file in {@code index.txt}, {@code vary} expanded. */
    public static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        for (String file : read(ROOT + "index.txt").split("\n")) {
            if (file.isBlank()) {
                continue;
            }
            for (String line : read(ROOT + file.strip()).split("\n")) {
                if (!line.isBlank()) {
                    cases.addAll(expand(file.strip(), json(file, line)));
                }
            }
        }
        return cases;
    }

    private static List<Case> expand(String file, JsonNode c) {
        String template = template(c);
        byte[] tail = c.has("base64Tail") ? Base64.getDecoder().decode(c.get("base64Tail").asText()) : new byte[0];
        boolean halfClose = c.path("halfClose").asBoolean(true);
        Expect expect = "4xx".equals(c.path("expect").asText("no5xx")) ? Expect.CLIENT_ERROR : Expect.NO_5XX;
        String note = c.path("note").asText("");
        Map<String, String> none = Map.of();
        List<Map<String, String>> variants = new ArrayList<>(List.of(none));
        if (c.has("vary")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("vary").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> axis = it.next();
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> v : variants) {
                    for (JsonNode value : axis.getValue()) {
                        Map<String, String> more = new LinkedHashMap<>(v);
                        more.put(axis.getKey(), value.asText());
                        next.add(more);
                    }
                }
                variants = next;
            }
        }
        List<Case> out = new ArrayList<>();
        for (Map<String, String> v : variants) {
            String t = template;
            StringBuilder id = new StringBuilder(c.get("id").asText());
            for (Map.Entry<String, String> e : v.entrySet()) {
                t = t.replace("${" + e.getKey() + "}", e.getValue());
                id.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            out.add(new Case(file, id.toString(), t, tail, halfClose, expect, note));
        }
        return out;
    }

    private static String template(JsonNode c) {
        if (c.has("send")) {
            return c.get("send").asText();
        }
        if (c.has("base64")) {
            return new String(Base64.getDecoder().decode(c.get("base64").asText()), StandardCharsets.ISO_8859_1);
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : c.get("parts")) {
            if (part.has("text")) {
                b.append(part.get("text").asText());
            } else {
                b.append(part.get("repeat").asText().repeat(part.get("count").asInt()));
            }
        }
        return b.toString();
    }

    private static JsonNode json(String file, String line) {
        try {
            return Rest.JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not a JSON case: " + line, e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = HostileHttpCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
