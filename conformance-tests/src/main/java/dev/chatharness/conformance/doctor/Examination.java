package dev.chatharness.conformance.doctor;

import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.harness.Target;
import dev.chatharness.conformance.harness.TargetHttp;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the doctor: the target, the clients, this machine's clock, and what the probes that already ran found
 * out (which transports work), so that later probes use what works and skip what cannot be tried.
 */
final class Examination {

    /** How long any one request or handshake may take: a healthy staging deployment answers in well under it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** How long sockets may take to receive what was written over REST. */
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(3);

    final TargetProfile profile;
    final Target target;
    final TargetHttp http;
    final Clock clock;
    boolean pollingWorks;
    boolean websocketWorks;
    Optional<Duration> clockSkew = Optional.empty();

    Examination(TargetProfile profile, Target target, TargetHttp http, Clock clock) {
        this.profile = profile;
        this.target = target;
        this.http = http;
        this.clock = clock;
    }

    /** The transport a socket of the delivery and origin probes should use: WebSocket when it works. */
    String[] workingTransports() {
        return websocketWorks ? new String[] {"websocket"} : new String[] {"polling"};
    }

    /** A bare request through {@code client}; an I/O failure comes back as the {@link UncheckedIOException}. */
    static HttpResponse<String> send(TargetHttp client, String method, URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder request = client.request(uri).timeout(REQUEST_TIMEOUT).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "text/plain;charset=UTF-8");
        }
        headers.forEach(request::header);
        return client.send(request.build());
    }

    /** A body shortened for a message. */
    static String brief(String body) {
        if (body == null) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
