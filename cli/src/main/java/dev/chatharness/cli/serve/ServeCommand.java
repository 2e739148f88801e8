package dev.chatharness.cli.serve;

import dev.chatharness.cli.common.DurationConverter;
import dev.chatharness.cli.common.SecretSource;
import dev.chatharness.cli.common.UsageException;
import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.config.ServerConfig;
import dev.chatharness.socketio.echo.ProtocolEchoServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the reference server (or the bare Socket.IO protocol-echo server) in the foreground until
 * SIGTERM or Ctrl-C, then shuts it down cleanly.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        header = "Run the reference server until SIGTERM or Ctrl-C.",
        description = {
            "Run the Chat v2 reference server: REST /api/v2 and Socket.IO v4 on one port, H2 storage.",
            "Prints 'listening on http://HOST:PORT' once it accepts connections; SIGTERM or Ctrl-C stops it cleanly:",
            "no new connections, requests and events in flight finished and answered (up to 10 s), every socket told",
            "to disconnect, then the database closed."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-harness serve --port 8080 --jwt-secret dev-secret",
            "  CHAT_HARNESS_JWT_SECRET=s chat-harness serve --port 0 --db ./data/chat \\",
            "      --allowed-origins http://localhost:3000",
            "  # for the official Socket.IO protocol test suites:",
            "  chat-harness serve --port 3000 --protocol-echo"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--protocol-echo",
            description = "Serve the Socket.IO layer alone with the behaviour the official protocol test suites expect.")
    boolean protocolEcho;

    @ArgGroup(exclusive = false)
    SecretSource secret = new SecretSource();

    @Option(names = "--db", defaultValue = "mem", paramLabel = "mem|PATH",
            description = "'mem' for an in-memory database, or a file path for a durable one (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN",
            description = "Origins allowed to open a Socket.IO connection (e.g. http://localhost:3000). "
                    + "Handshakes with any other Origin header are refused; none are allowed by default.")
    List<String> allowedOrigins = List.of();

    @Option(names = "--rate-message", defaultValue = "20:10", paramLabel = "CAP:PER_S",
            description = "Token bucket shared by message and message-edited, per user (default: ${DEFAULT-VALUE}).")
    String messageRate;

    @Option(names = "--rate-typing", defaultValue = "10:5", paramLabel = "CAP:PER_S",
            description = "Token bucket for typing, per user (default: ${DEFAULT-VALUE}).")
    String typingRate;

    @Option(names = "--max-sockets-per-user", defaultValue = "50", paramLabel = "N",
            description = "Connections one user (tenant and sub) may hold; more are refused with rate_limited (default: ${DEFAULT-VALUE}).")
    int maxSocketsPerUser;

    @Option(names = "--max-sockets-per-address", defaultValue = "20000", paramLabel = "N",
            description = "Connections one client address may hold (default: ${DEFAULT-VALUE}; high, since load tests "
                    + "connect thousands of sockets from one address).")
    int maxSocketsPerAddress;

    @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "Require this 'iss' claim.")
    String issuer;

    @Option(names = "--jwt-audience", paramLabel = "AUD", description = "Require this 'aud' claim.")
    String audience;

    @Option(names = "--echo-ping-interval", defaultValue = "300ms", converter = DurationConverter.class, hidden = true)
    Duration echoPingInterval;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable server = protocolEcho ? startEcho() : startChat();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.err.println("stopping: finishing what is in flight, then disconnecting clients");
                server.close();
                System.err.println("stopped");
            } catch (Exception e) {
                err.println("error during shutdown: " + e);
                err.flush();
            } finally {
                stopped.countDown();
            }
        }, "chat-harness-shutdown"));
        int boundPort = server instanceof ChatServer chat ? chat.port() : ((ProtocolEchoServer) server).port();
        out.println("listening on http://" + displayHost() + ":" + boundPort);
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    private String displayHost() {
        return "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    }

    private AutoCloseable startEcho() {
        return ProtocolEchoServer.start(host, port);
    }

    private ChatServer startChat() {
        String jwtSecret = secret.resolve().orElseThrow(() -> new UsageException(
                "a JWT secret is required: --jwt-secret S, --jwt-secret-file F or $" + SecretSource.ENV));
        ServerConfig config;
        try {
            config = ServerConfig.builder()
                    .host(host)
                    .port(port)
                    .jwtSecret(jwtSecret)
                    .jwtIssuer(issuer)
                    .jwtAudience(audience)
                    .database(database)
                    .allowedOrigins(allowedOrigins)
                    .messageRate(RateLimit.parse(messageRate))
                    .typingRate(RateLimit.parse(typingRate))
                    .maxSocketsPerUser(maxSocketsPerUser)
                    .maxSocketsPerAddress(maxSocketsPerAddress)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return ChatServer.start(config);
    }
}
