package dev.chatharness.conformance.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile-input corpus on the class path ({@code hostile-corpus/index.txt} names its JSON-lines files), read
 * into {@link HostileCase}s.
 *
 * <pre>{@code
 * Map<String, List<HostileCase>> byFile = HostileCorpus.load("conversation-id");
 * }</pre>
 */
public final class HostileCorpus {
    static final String ROOT = "hostile-corpus/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileCorpus() {
    }

    /** Every case, grouped by file in index order; {@code conversationId} fills {@code ${conversationId}}. */
    public static Map<String, List<HostileCase>> load(String conversationId) {
        Map<String, List<HostileCase>> byFile = new LinkedHashMap<>();
        for (String file : lines(ROOT + "index.txt")) {
            List<HostileCase> cases = new ArrayList<>();
            for (String line : lines(ROOT + file)) {
                try {
                    JsonNode node = JSON.readTree(line);
                    cases.add(HostileCase.parse(file, node, conversationId));
                } catch (IOException e) {
                    throw new IllegalStateException(ROOT + file + ": a line is not JSON: " + line, e);
                }
            }
            byFile.put(file, List.copyOf(cases));
        }
        return byFile;
    }

    private static List<String> lines(String resource) {
        InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing class-path resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
