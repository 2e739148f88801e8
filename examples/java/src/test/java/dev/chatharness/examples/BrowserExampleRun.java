package dev.chatharness.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The browser example (../browser) in headless Chromium against any target: the page connects with alice's token,
 * joins a conversation and sends a message; bob, on the Java client, receives it and sends every room event back,
 * which the page must show; then the page's buttons send typing, read, edit and delete, which bob must receive.
 *
 * <pre>{@code
 * BrowserExampleRun.expectEveryRoomEvent(BrowserToolchain.requireOrSkip(), origin -> startServer(origin), "websocket");
 * }</pre>
 */
public final class BrowserExampleRun {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: a Node socket.io target drops the h2c upgrade the JDK offers by default.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BrowserExampleRun() {
    }

    /**
     * Serves the page, starts the target with the page's Origin allowed, and plays the scenario over
     * {@code transports} ({@code websocket}, or {@code polling,websocket} for the client's default).
     */
    public static void expectEveryRoomEvent(BrowserToolchain tools, ExampleTarget.Launcher launcher, String transports)
            throws Exception {
        ChildProcess staticServer = null;
        ExampleTarget chatServer = null;
        ChatConnection bob = null;
        ChildProcess driver = null;
        try {
            staticServer = ChildProcess.start("serve", new ProcessBuilder(tools.node(), "serve.mjs", "--port", "0")
                    .directory(tools.browserDir().toFile()));
            ChildProcess serve = staticServer;
            String pageUrl = serve.awaitLine(line -> line.startsWith("listening on "), Duration.ofSeconds(15))
                    .map(line -> line.substring("listening on ".length()))
                    .orElseGet(() -> fail("serve.mjs did not start\n" + serve.transcript()));
            // The page's origin must be on the chat server's allow-list, or its handshakes are refused.
            String origin = pageUrl.replaceAll("/$", "");
            chatServer = launcher.start(origin);
            String chatUrl = chatServer.url();
            Tokens tokens = new Tokens(chatServer.jwtSecret(), "acme");

            // bob is the Java example's own client: he creates the conversation, joins, then plays along.
            String bobToken = tokens.forUser("bob");
            String conversationId = rest(chatUrl, bobToken, "POST", "/api/v2/conversations",
                    Map.of("title", "browser example", "participantIds", List.of("alice")), 201).get("id").asText();
            bob = ChatConnection.connect(URI.create(chatUrl), "bob", bobToken, ACK_TIMEOUT, System.out);
            bob.request("join-conversation", Map.of("conversationId", conversationId), ACK_TIMEOUT);
            String fromBob = "hello from bob " + UUID.randomUUID();
            String editedByBob = fromBob + " (edited)";
            Instant deadline = Instant.now().plus(STEP_TIMEOUT);

            ProcessBuilder drive = new ProcessBuilder(tools.node(), "test/drive-chromium.mjs", "--page", pageUrl,
                    "--server", chatUrl, "--conversation", conversationId, "--transports", transports,
                    "--send-body", "hello from the browser", "--expect-body", fromBob,
                    "--expect-events", "typing,message-read,message-edited",
                    "--click-buttons", "--edit-body", "edited in the browser",
                    "--expect-after-click", "message-deleted",
                    "--chromium", tools.chromium(), "--timeout-ms", String.valueOf(STEP_TIMEOUT.toMillis()),
                    "--screenshot", screenshotFor(transports).toString())
                    .directory(tools.browserDir().toFile());
            drive.environment().put("CHAT_TOKEN", tokens.forUser("alice"));
            driver = ChildProcess.start("drive-chromium", drive);
            ChildProcess page = driver;

            // 1. The page joined and sent: bob's socket receives it, and it is stored.
            awaitStep(page, "READY");
            JsonNode sentByPage = JSON.readTree(lineAfter(page, "SENT "));
            String pageMessageId = sentByPage.get("id").asText();
            assertThat(sentByPage.get("senderId").asText()).isEqualTo("alice");
            assertThat(sentByPage.get("body").asText()).isEqualTo("hello from the browser");
            bob.await("message", m -> pageMessageId.equals(m.optString("id")), deadline);
            JsonNode history = rest(chatUrl, bobToken, "GET",
                    "/api/v2/conversations/" + conversationId + "/messages", null, 200);
            assertThat(history.get("items").findValuesAsText("body")).contains("hello from the browser");

            // 2. bob sends every room event the page can receive before it clicks anything.
            String bobMessageId = bob.request("message", Map.of("conversationId", conversationId,
                    "body", fromBob, "clientMessageId", "bob-1"), ACK_TIMEOUT).optString("id");
            bob.request("typing", Map.of("conversationId", conversationId, "isTyping", true), ACK_TIMEOUT);
            bob.request("message-read", Map.of("conversationId", conversationId, "messageId", pageMessageId),
                    ACK_TIMEOUT);
            bob.request("message-edited", Map.of("conversationId", conversationId, "messageId", bobMessageId,
                    "body", editedByBob), ACK_TIMEOUT);

            // 3. The page's buttons: typing, mark read, edit, delete; bob receives each.
            awaitStep(page, "CLICKED");
            bob.await("typing", t -> "alice".equals(t.optString("userId")) && t.optBoolean("isTyping"), deadline);
            bob.await("message-read", r -> bobMessageId.equals(r.optString("messageId"))
                    && "alice".equals(r.optString("userId")), deadline);
            bob.await("message-edited", m -> pageMessageId.equals(m.optString("id"))
                    && "edited in the browser".equals(m.optString("body")), deadline);
            bob.await("message-deleted", d -> pageMessageId.equals(d.optString("messageId")), deadline);
            bob.request("message-deleted", Map.of("conversationId", conversationId, "messageId", bobMessageId),
                    ACK_TIMEOUT);

            // 4. What the page shows, read from its DOM: each room event bob caused, as bob caused it.
            Integer exit = page.awaitExit(STEP_TIMEOUT).orElse(null);
            assertThat(exit).as(page.transcript()).isEqualTo(0);
            Map<String, List<JsonNode>> shown = receivedEventsShown(page);
            String transcript = page.transcript();
            assertThat(shown.get("message")).as(transcript).anySatisfy(m -> {
                assertThat(m.get("body").asText()).isEqualTo(fromBob);
                assertThat(m.get("senderId").asText()).isEqualTo("bob");
                assertThat(m.get("conversationId").asText()).isEqualTo(conversationId);
            });
            assertThat(shown.get("typing")).as(transcript).anySatisfy(t -> {
                assertThat(t.get("userId").asText()).isEqualTo("bob");
                assertThat(t.get("isTyping").asBoolean()).isTrue();
            });
            assertThat(shown.get("message-read")).as(transcript).anySatisfy(r -> {
                assertThat(r.get("messageId").asText()).isEqualTo(pageMessageId);
                assertThat(r.get("userId").asText()).isEqualTo("bob");
            });
            assertThat(shown.get("message-edited")).as(transcript).anySatisfy(m -> {
                assertThat(m.get("id").asText()).isEqualTo(bobMessageId);
                assertThat(m.get("body").asText()).isEqualTo(editedByBob);
            });
            assertThat(shown.get("message-deleted")).as(transcript).anySatisfy(d ->
                    assertThat(d.get("messageId").asText()).isEqualTo(bobMessageId));
        } finally {
            if (driver != null) {
                driver.close();
            }
            if (bob != null) {
                bob.close();
            }
            if (chatServer != null) {
                chatServer.close();
            }
            if (staticServer != null) {
                staticServer.close();
            }
        }
    }

    /** Waits for the driver's {@code step} line; a FAILED line or silence fails the test with its transcript. */
    static void awaitStep(ChildProcess page, String step) throws InterruptedException {
        page.awaitLine(line -> line.equals(step) || line.startsWith("FAILED"), STEP_TIMEOUT)
                .filter(step::equals)
                .orElseGet(() -> fail("the page did not reach " + step + "\n" + page.transcript()));
    }

    /** The page's PAGE_EVENTS, received events only, by event name, each payload parsed from the text shown. */
    private static Map<String, List<JsonNode>> receivedEventsShown(ChildProcess page) throws IOException {
        Map<String, List<JsonNode>> byName = new HashMap<>();
        for (String name : List.of("message", "typing", "message-read", "message-edited", "message-deleted")) {
            byName.put(name, new ArrayList<>());
        }
        for (JsonNode shown : JSON.readTree(lineAfter(page, "PAGE_EVENTS "))) {
            if (shown.get("kind").asText().equals("received")) {
                byName.computeIfAbsent(shown.get("event").asText(), name -> new ArrayList<>())
                        .add(JSON.readTree(shown.get("payload").asText()));
            }
        }
        return byName;
    }

    /** target/browser-example-TRANSPORTS.png: what the page looked like at the end, kept for a look after a failure. */
    private static Path screenshotFor(String transports) {
        return Path.of(System.getProperty("examples.build.dir", "target"))
                .resolve("browser-example-" + transports.replace(',', '-') + ".png").toAbsolutePath();
    }

    private static String lineAfter(ChildProcess process, String prefix) {
        return process.stdoutLines().stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).findFirst()
                .orElseGet(() -> fail("no " + prefix.strip() + " line\n" + process.transcript()));
    }

    private static JsonNode rest(String server, String token, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }
}
