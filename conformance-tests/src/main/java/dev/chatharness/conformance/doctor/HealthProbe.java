package dev.chatharness.conformance.doctor;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health}: is anything there, does TLS verify, does a gateway let us in; and, from the answer's
 * {@code Date} header, how far the server's clock is from this machine's.
 */
final class HealthProbe {

    /**
     * Past this, fresh tokens look issued in the future ({@code iat}, {@code nbf}) to a server that is behind, and
     * short-lived ones expired to one that is ahead. The {@code Date} header has whole seconds: below this, the
     * measurement itself is unsure.
     */
    static final Duration SKEW_LIMIT = Duration.ofSeconds(5);

    private HealthProbe() {
    }

    static List<Verdict> run(Examination e) {
        List<Verdict> verdicts = new ArrayList<>();
        URI health = e.http.rest("/health");
        Instant sent = e.clock.instant();
        HttpResponse<String> answer;
        try {
            answer = Examination.send(e.http, "GET", health, null, Map.of());
        } catch (UncheckedIOException failure) {
            verdicts.add(ConnectionFailure.verdict("reachable", e.profile.target().toString(), failure));
            return verdicts;
        }
        Instant received = e.clock.instant();
        verdicts.add(judge(answer, health, e));
        verdicts.add(clock(answer, sent, received, e));
        return verdicts;
    }

    private static Verdict judge(HttpResponse<String> answer, URI health, Examination e) {
        int status = answer.statusCode();
        String tls = "https".equals(health.getScheme()) ? ", TLS verified against " + e.http.trust().describe() : "";
        if (status == 200) {
            return Verdict.ok("reachable", "GET " + health.getPath() + " answered 200" + tls + ".");
        }
        if (status == 401 || status == 403 || status == 407) {
            return Verdict.fault("reachable", Fault.GATEWAY_REFUSED, "GET " + health.getPath() + " was refused with "
                    + status + " (" + Examination.brief(answer.body()) + "): the contract's /health needs no "
                    + "credentials, so something in front of the server wants its own" + (e.http.headers().isEmpty()
                    ? "." : " (sent: " + String.join(", ", e.http.headers().stream().map(h -> h.name()).toList()) + ")."),
                    "give the gateway's header with --header 'Name: value' (headers in the profile).");
        }
        if (status == 502 || status == 503 || status == 504) {
            return Verdict.fault("reachable", Fault.UPSTREAM_DOWN, "GET " + health.getPath() + " answered " + status
                    + " from something in front of the server: it is up, but cannot reach the server behind it.",
                    "start the Chat v2 server(s) behind the proxy, or fix the proxy's upstream addresses.");
        }
        return Verdict.fault("reachable", Fault.WRONG_BASE_URL, "GET " + health.getPath() + " answered " + status + " ("
                + Examination.brief(answer.body()) + ") instead of 200 {\"status\":\"ok\"}.",
                "give the base URL under which /health and /api/v2 live (behind a path prefix: https://host/prefix).");
    }

    private static Verdict clock(HttpResponse<String> answer, Instant sent, Instant received, Examination e) {
        Optional<Instant> date = answer.headers().firstValue("Date").flatMap(HealthProbe::parseDate);
        if (date.isEmpty()) {
            return Verdict.skipped("clock", "the answer has no Date header to read the server's clock from.");
        }
        // The server stamped its answer somewhere between our send and our receipt: the middle is our best guess.
        Instant ours = sent.plus(Duration.between(sent, received).dividedBy(2));
        Duration skew = Duration.between(ours, date.get());
        e.clockSkew = Optional.of(skew);
        long seconds = Math.abs(skew.toSeconds());
        if (skew.abs().compareTo(SKEW_LIMIT) < 0) {
            return Verdict.ok("clock", "the server's clock (Date header) is within " + SKEW_LIMIT.toSeconds()
                    + " s of this machine's.");
        }
        String direction = skew.isNegative() ? "behind" : "ahead of";
        return Verdict.fault("clock", Fault.CLOCK_SKEW, "the server's clock is " + seconds + " s " + direction
                + " this machine's (Date: " + answer.headers().firstValue("Date").orElse("") + "): "
                + (skew.isNegative() ? "fresh tokens look issued in the future (iat, nbf) to the server, which refuses "
                + "them unless it allows that much leeway"
                : "tokens look " + seconds + " s older to the server, so short-lived ones expire early") + ".",
                "synchronise the clocks (NTP/chrony) of the server and of the machines that issue tokens.");
    }

    private static Optional<Instant> parseDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }
}
