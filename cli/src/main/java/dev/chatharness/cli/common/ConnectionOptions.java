package dev.chatharness.cli.common;

import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How to get through what stands in front of a staging target: the TLS trust (a private CA, or none with
 * {@code --insecure}), a gateway's headers and the Socket.IO path behind a path prefix. Shared by every command that
 * talks to a target; the same keys exist in the conformance profile ({@code caCert}, {@code insecure},
 * {@code headers}, {@code socketPath}) and in the load config.
 */
public final class ConnectionOptions {

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM file of a CA to trust besides the platform's: a staging deployment's private CA.")
    Path caCert;

    @Option(names = "--insecure",
            description = "Verify neither the server's certificate nor its host name (a warning on every run). "
                    + "Prefer --ca-cert.")
    boolean insecure;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Send this header on every REST call and Socket.IO handshake, e.g. a gateway's "
                    + "'X-Api-Key: ...' (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--socket-path", paramLabel = "PATH",
            description = "The Socket.IO path on the host, as a client's path option (default /socket.io/; behind a "
                    + "path prefix, e.g. /chat/socket.io/).")
    String socketPath;

    /** The given settings as profile keys, for {@code TargetProfile} overrides; absent ones are left out. */
    public Map<String, String> profileOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        caCertFile().ifPresent(file -> overrides.put("caCert", file.toString()));
        if (insecure) {
            overrides.put("insecure", "true");
        }
        if (!headers.isEmpty()) {
            overrides.put("headers", HttpHeader.toLines(parsedHeaders()));
        }
        if (socketPath != null) {
            overrides.put("socketPath", socketPathOrDefault());
        }
        return overrides;
    }

    /** The CA file, checked to be readable. */
    public Optional<Path> caCertFile() {
        if (caCert != null && !Files.isReadable(caCert)) {
            throw new UsageException("cannot read --ca-cert '" + caCert + "'");
        }
        return Optional.ofNullable(caCert);
    }

    public boolean insecure() {
        return insecure;
    }

    /** The trust the flags ask for; a usage error when they contradict each other or the CA file holds nothing. */
    public TlsTrust trust() {
        try {
            return TlsTrust.of(caCertFile(), insecure);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ca-cert/--insecure: " + e.getMessage());
        }
    }

    /** The --header values, each checked. */
    public List<HttpHeader> parsedHeaders() {
        List<HttpHeader> parsed = new ArrayList<>();
        for (String header : headers) {
            try {
                parsed.add(HttpHeader.parse(header));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--header: " + e.getMessage());
            }
        }
        return parsed;
    }

    /** The --socket-path value, checked to be absolute, or the Socket.IO default. */
    public String socketPathOrDefault() {
        if (socketPath == null) {
            return "/socket.io/";
        }
        if (!socketPath.startsWith("/")) {
            throw new UsageException("--socket-path must start with '/', got '" + socketPath + "'");
        }
        return socketPath;
    }

    /** Says, on every run that skips verification, what that costs. */
    public static void warnIfInsecure(TlsTrust trust, PrintWriter err) {
        if (trust.insecure()) {
            err.println(TlsTrust.INSECURE_WARNING);
            err.flush();
        }
    }
}
