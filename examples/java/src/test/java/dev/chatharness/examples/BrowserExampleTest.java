package dev.chatharness.examples;

import org.junit.jupiter.api.Test;

/**
 * The browser example (../browser) in headless Chromium against the reference server ({@link BrowserExampleRun} says
 * what is checked). Needs node, the example's node_modules (the build runs {@code npm ci}) and Debian's chromium;
 * without chromium it is skipped with the install command (and fails when {@code CI=true}, since .ci/run installs it),
 * or skipped on request with {@code -Dexamples.browser.skip=true}.
 */
class BrowserExampleTest {

    @Test
    void over_websocket_the_page_and_a_java_client_exchange_every_room_event() throws Exception {
        BrowserExampleRun.expectEveryRoomEvent(BrowserToolchain.requireOrSkip(), ReferenceTarget::start, "websocket");
    }

    /**
     * The socket.io-client default (long-polling, then the upgrade). From the page's origin the browser only lets
     * the client read polling responses that carry {@code Access-Control-Allow-Origin}, which the reference server
     * sends to allowed origins: without them Chromium reports "blocked by CORS policy" and the page never connects.
     */
    @Test
    void over_polling_then_websocket_the_page_and_a_java_client_exchange_every_room_event() throws Exception {
        BrowserExampleRun.expectEveryRoomEvent(BrowserToolchain.requireOrSkip(), ReferenceTarget::start,
                "polling,websocket");
    }
}
