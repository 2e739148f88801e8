package dev.chatharness.conformance.harness;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * The cookies of one test socket, as one browser tab keeps them: what a balancer sets to pin a client to a node
 * ("sticky sessions") comes back on the socket's next long-polling request and on its upgrade. Each socket has its
 * own, so the sockets of a run spread over the nodes as the clients of many users do. OkHttp parses and matches.
 */
final class SocketCookies implements CookieJar {

    private final List<Cookie> cookies = new ArrayList<>();

    @Override
    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
        for (Cookie cookie : received) {
            cookies.removeIf(old -> old.name().equals(cookie.name()) && old.domain().equals(cookie.domain())
                    && old.path().equals(cookie.path()));
            cookies.add(cookie);
        }
    }

    @Override
    public synchronized List<Cookie> loadForRequest(HttpUrl url) {
        long now = System.currentTimeMillis();
        cookies.removeIf(cookie -> cookie.expiresAt() < now);
        return cookies.stream().filter(cookie -> cookie.matches(url)).toList();
    }
}
