package dev.chatharness.common.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One extra header that every request to the target carries, REST and Socket.IO handshake alike: what an API
 * gateway in front of a staging deployment asks for ({@code X-Api-Key: ...}).
 *
 * <pre>{@code
 * HttpHeader key = HttpHeader.parse("X-Api-Key: s3cret");
 * List<HttpHeader> all = HttpHeader.parseLines("X-Api-Key: s3cret\nX-Env: staging");
 * }</pre>
 *
 * Headers the harness itself must control are refused, each with the reason: the ones HTTP clients set from the
 * connection ({@code Host}, {@code Connection}, {@code Upgrade}...), {@code Authorization} (it carries the run's
 * tokens) and {@code Origin} (the contract's origin checks depend on it).
 */
public record HttpHeader(String name, String value) {

    /** RFC 9110 token characters: what a header name may be made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "connection", "upgrade", "content-length",
            "expect", "transfer-encoding", "te", "keep-alive", "proxy-connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-accept", "sec-websocket-protocol");

    public HttpHeader {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a header name (letters, digits and -_.!#$%&'*+^`|~)");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("the value of header " + name + " must be one line");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (SET_BY_THE_CLIENT.contains(lower)) {
            throw new IllegalArgumentException("header " + name + " is set by the HTTP client from the connection itself"
                    + " and cannot be replaced");
        }
        if (lower.equals("authorization")) {
            throw new IllegalArgumentException("header Authorization carries the run's tokens; a gateway's own key "
                    + "needs another header (e.g. X-Api-Key)");
        }
        if (lower.equals("origin")) {
            throw new IllegalArgumentException("header Origin is chosen per request by the checks of the contract; "
                    + "give an allowed origin as --origin (allowedOrigin in a profile) instead");
        }
        value = value.strip();
    }

    /** Reads {@code "Name: value"}, the form of curl's {@code -H}. */
    public static HttpHeader parse(String line) {
        int colon = line == null ? -1 : line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a header is written 'Name: value', got '" + line + "'");
        }
        return new HttpHeader(line.substring(0, colon).strip(), line.substring(colon + 1));
    }

    /** One header a line, blank lines skipped: the form a profile or a property keeps them in. */
    public static List<HttpHeader> parseLines(String text) {
        List<HttpHeader> headers = new ArrayList<>();
        if (text != null) {
            text.lines().filter(line -> !line.isBlank()).forEach(line -> headers.add(parse(line.strip())));
        }
        return List.copyOf(headers);
    }

    /** The inverse of {@link #parseLines}. */
    public static String toLines(List<HttpHeader> headers) {
        return String.join("\n", headers.stream().map(HttpHeader::toString).toList());
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
