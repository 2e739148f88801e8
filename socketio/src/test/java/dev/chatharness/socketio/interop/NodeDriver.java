package dev.chatharness.socketio.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interop/node/driver.mjs} (the official JavaScript socket.io-client) as a process and collects its JSON
 * lines by step name. The Maven build installs the Node dependencies at generate-test-resources.
 */
final class NodeDriver {
    static final Path NODE_PROJECT = locate();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long PROCESS_TIMEOUT_SECONDS = 90;

    private NodeDriver() {
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("interop/node");
            if (Files.isRegularFile(candidate.resolve("driver.mjs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("interop/node not found above " + dir);
    }

    record Result(int exitCode, Map<String, JsonNode> steps, String stderr) {
        JsonNode step(String name) {
            JsonNode node = steps.get(name);
            if (node == null) {
                throw new AssertionError("driver printed no step '" + name + "'; steps: " + steps.keySet()
                        + "; stderr: " + stderr);
            }
            return node;
        }
    }

    static Result run(String scenario, String url, String transports) throws IOException, InterruptedException {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/socket.io-client"))) {
            throw new IllegalStateException("socket.io-client is not installed in " + NODE_PROJECT
                    + ": the build runs ensure-installed.mjs at generate-test-resources");
        }
        Process process = new ProcessBuilder(List.of("node", "driver.mjs", scenario, url, transports))
                .directory(NODE_PROJECT.toFile())
                .start();
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        StringBuilder stderr = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(l -> stderr.append(l).append('\n'));
            } catch (IOException ignored) {
                // the process is gone; what was read is enough
            }
        });
        errReader.start();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    JsonNode node = MAPPER.readTree(line);
                    steps.put(node.path("step").asText(), node);
                }
            }
        }
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node driver did not finish within " + PROCESS_TIMEOUT_SECONDS + " s");
        }
        errReader.join(TimeUnit.SECONDS.toMillis(10));
        return new Result(process.exitValue(), steps, stderr.toString());
    }
}
