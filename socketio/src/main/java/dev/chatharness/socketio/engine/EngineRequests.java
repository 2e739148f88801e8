package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * What both transports read from an HTTP request the same way: the query (first value of each parameter, from the
 * query string only, never a form body), the checks of {@code EIO} and {@code transport} every request passes first,
 * the handshake a new session records, the arrival time, and the JSON error answer.
 */
final class EngineRequests {
    private EngineRequests() {
    }

    /** The query parameters, first value of each. */
    static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new HashMap<>();
        String raw = request.getQueryString();
        if (raw != null) {
            try {
                UrlEncoded.decodeTo(raw, query::putIfAbsent, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EngineRequestException(EngineError.BAD_REQUEST); // broken percent-encoding
            }
        }
        return query;
    }

    /** Checks {@code EIO} and {@code transport} in the reference server's order; returns the transport. */
    static String transport(Map<String, String> query) {
        String transport = query.get("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            throw new EngineRequestException(EngineError.UNKNOWN_TRANSPORT);
        }
        if (!"4".equals(query.get("EIO"))) {
            throw new EngineRequestException(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        return transport;
    }

    static HandshakeRequest handshake(HttpServletRequest request, Map<String, String> query) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
        }
        return new HandshakeRequest(headers, query, request.getRemoteAddr());
    }

    /** Path and query, as the handshake's URL. */
    static String url(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** When the request began to arrive (System.nanoTime): its place among the session's other requests. */
    static long arrival(HttpServletRequest request) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        return jetty == null ? System.nanoTime() : jetty.getBeginNanoTime();
    }

    static void respondError(HttpServletResponse response, EngineError error) throws IOException {
        response.setStatus(error.status);
        response.setContentType("application/json");
        response.getWriter().write(error.json());
    }
}
