package dev.chatharness.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The browser example (../browser) in headless Chromium against the reference server: the page connects with
 * alice's token, joins a conversation, sends a message, and shows the message bob then sends. Needs node, the
 * example's node_modules (the build runs {@code npm ci}) and Debian's chromium; without chromium it fails and says
 * how to install it, unless {@code -Dexamples.browser.skip=true}.
 */
class BrowserExampleTest {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final String SECRET = "browser-" + UUID.randomUUID();
    private static final Tokens TOKENS = new Tokens(SECRET, "acme");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path browserDir;
    private String node;
    private String chromium;

    @BeforeEach
    void requireTheBrowserToolchain() {
        if (Boolean.getBoolean("examples.browser.skip")) {
            String why = "browser example skipped: -Dexamples.browser.skip=true was given";
            System.out.println(why);
            Assumptions.abort(why);
        }
        browserDir = Path.of(System.getProperty("examples.browser.dir", "../browser")).toAbsolutePath().normalize();
        node = System.getProperty("examples.node", "node");
        chromium = System.getProperty("examples.chromium", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("Debian's Chromium is not installed at " + chromium + ": install it with"
                    + " 'apt-get install -y chromium' (as .ci/run does), or run with -Dexamples.browser.skip=true");
        }
        if (!Files.isDirectory(browserDir.resolve("node_modules/playwright-core"))) {
            fail("the browser example's dependencies are missing in " + browserDir + "/node_modules: run"
                    + " 'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci' there (the Maven build does it in process-test-resources)");
        }
    }

    @ParameterizedTest(name = "transports {0}")
    @ValueSource(strings = {"polling,websocket", "websocket"})
    void the_page_connects_sends_and_shows_the_message_another_user_sends(String transports) throws Exception {
        ChildProcess staticServer = null;
        ChatServer chatServer = null;
        ChildProcess driver = null;
        try {
            staticServer = ChildProcess.start("serve", new ProcessBuilder(node, "serve.mjs", "--port", "0")
                    .directory(browserDir.toFile()));
            ChildProcess serve = staticServer;
            String pageUrl = serve.awaitLine(line -> line.startsWith("listening on "), Duration.ofSeconds(15))
                    .map(line -> line.substring("listening on ".length()))
                    .orElseGet(() -> fail("serve.mjs did not start\n" + serve.transcript()));
            // The page's origin must be on the chat server's allow-list, or its handshakes are refused.
            String origin = pageUrl.replaceAll("/$", "");
            chatServer = ChatServer.start(ServerConfig.builder()
                    .port(0).jwtSecret(SECRET).allowedOrigins(List.of(origin)).build());
            String chatUrl = "http://127.0.0.1:" + chatServer.port();

            String alice = TOKENS.forUser("alice");
            String bob = TOKENS.forUser("bob");
            String conversationId = rest(chatUrl, bob, "POST", "/api/v2/conversations",
                    Map.of("title", "browser example", "participantIds", List.of("alice")), 201).get("id").asText();
            String fromBob = "hello from bob over REST " + UUID.randomUUID();

            ProcessBuilder drive = new ProcessBuilder(node, "test/drive-chromium.mjs", "--page", pageUrl,
                    "--server", chatUrl, "--conversation", conversationId, "--transports", transports,
                    "--send-body", "hello from the browser", "--expect-body", fromBob,
                    "--chromium", chromium, "--timeout-ms", String.valueOf(STEP_TIMEOUT.toMillis()))
                    .directory(browserDir.toFile());
            drive.environment().put("CHAT_TOKEN", alice);
            driver = ChildProcess.start("drive-chromium", drive);
            ChildProcess page = driver;

            page.awaitLine(line -> line.equals("READY") || line.startsWith("FAILED"), STEP_TIMEOUT)
                    .filter(line -> line.equals("READY"))
                    .orElseGet(() -> fail("the page did not join and send\n" + page.transcript()));
            JsonNode sentByPage = JSON.readTree(lineAfter(page, "SENT "));
            assertThat(sentByPage.get("senderId").asText()).isEqualTo("alice");
            assertThat(sentByPage.get("body").asText()).isEqualTo("hello from the browser");
            // What the page sent is stored: bob reads it back over REST.
            JsonNode history = rest(chatUrl, bob, "GET", "/api/v2/conversations/" + conversationId + "/messages", null, 200);
            assertThat(history.get("items").findValuesAsText("body")).contains("hello from the browser");

            rest(chatUrl, bob, "POST", "/api/v2/conversations/" + conversationId + "/messages",
                    Map.of("body", fromBob), 201);

            Integer exit = page.awaitExit(STEP_TIMEOUT).orElse(null);
            assertThat(exit).as(page.transcript()).isEqualTo(0);
            List<JsonNode> shownMessages = new ArrayList<>();
            for (JsonNode shown : JSON.readTree(lineAfter(page, "PAGE_EVENTS "))) {
                if (shown.get("kind").asText().equals("received") && shown.get("event").asText().equals("message")) {
                    shownMessages.add(JSON.readTree(shown.get("payload").asText()));
                }
            }
            assertThat(shownMessages).as(page.transcript()).anySatisfy(message -> {
                assertThat(message.get("body").asText()).isEqualTo(fromBob);
                assertThat(message.get("senderId").asText()).isEqualTo("bob");
                assertThat(message.get("conversationId").asText()).isEqualTo(conversationId);
            });
        } finally {
            if (driver != null) {
                driver.close();
            }
            if (chatServer != null) {
                chatServer.close();
            }
            if (staticServer != null) {
                staticServer.close();
            }
        }
    }

    private static String lineAfter(ChildProcess process, String prefix) {
        return process.stdoutLines().stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).findFirst()
                .orElseGet(() -> fail("no " + prefix.strip() + " line\n" + process.transcript()));
    }

    private JsonNode rest(String server, String token, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }
}
