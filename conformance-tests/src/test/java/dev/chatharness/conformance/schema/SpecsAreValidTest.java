package dev.chatharness.conformance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's check of specs/: every schema compiles with its references resolved, every $ref of
 * asyncapi.yaml and openapi.yaml points at something that exists, every schema is used by one of
 * them, and each schema accepts its positive examples and rejects its negative ones.
 */
class SpecsAreValidTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path SPECS = Path.of(System.getProperty("chat.specsDir", "../specs")).toAbsolutePath().normalize();
    private static final Path SCHEMAS = SPECS.resolve("schemas");
    private static final Path EXAMPLES = Path.of("src/test/resources/schema-examples");

    private static List<String> schemaNames() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void every_schema_compiles_with_its_references_resolved_from_disk_and_from_the_jar() throws IOException {
        PayloadSchemas fromDisk = PayloadSchemas.at(SCHEMAS.toUri().toString());
        List<String> names = schemaNames();
        assertThat(names).hasSizeGreaterThan(30);
        for (String name : names) {
            JsonNode schema = JSON.readTree(SCHEMAS.resolve(name).toFile());
            assertThat(schema.path("$schema").asText()).as(name).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            fromDisk.schema(name);
            PayloadSchemas.bundled().schema(name);
        }
    }

    @TestFactory
    Stream<DynamicTest> each_schema_accepts_its_valid_examples_and_rejects_its_invalid_ones() throws IOException {
        PayloadSchemas schemas = PayloadSchemas.at(SCHEMAS.toUri().toString());
        return schemaNames().stream().filter(n -> !n.equals("common.json")).map(name -> DynamicTest.dynamicTest(name, () -> {
            Path file = EXAMPLES.resolve(name);
            assertThat(file).as("examples for " + name).exists();
            JsonNode examples = JSON.readTree(file.toFile());
            assertThat(examples.path("valid")).as(name + " valid examples").isNotEmpty();
            assertThat(examples.path("invalid")).as(name + " invalid examples").isNotEmpty();
            for (JsonNode valid : examples.path("valid")) {
                assertThat(schemas.errors(name, valid)).as(name + " should accept " + valid).isEmpty();
            }
            for (JsonNode invalid : examples.path("invalid")) {
                assertThat(schemas.errors(name, invalid.path("payload")))
                        .as(name + " should reject: " + invalid.path("why").asText()).isNotEmpty();
            }
        }));
    }

    @Test
    void every_ref_in_asyncapi_and_openapi_resolves_and_every_schema_is_used() throws IOException {
        Set<String> reachedSchemas = new TreeSet<>();
        for (String doc : List.of("asyncapi.yaml", "openapi.yaml")) {
            Path path = SPECS.resolve(doc);
            JsonNode root = YAML.readTree(path.toFile());
            assertThat(root.has(doc.startsWith("async") ? "asyncapi" : "openapi")).as(doc + " version key").isTrue();
            List<String> broken = new ArrayList<>();
            Deque<Path> pending = new ArrayDeque<>();
            Set<Path> seen = new HashSet<>();
            checkRefs(path, root, broken, pending);
            while (!pending.isEmpty()) {
                Path schemaFile = pending.pop();
                if (seen.add(schemaFile)) {
                    reachedSchemas.add(schemaFile.getFileName().toString());
                    checkRefs(schemaFile, JSON.readTree(schemaFile.toFile()), broken, pending);
                }
            }
            assertThat(broken).as("unresolved $ref in " + doc).isEmpty();
        }
        assertThat(reachedSchemas).as("schemas used by asyncapi.yaml or openapi.yaml")
                .containsExactlyInAnyOrderElementsOf(schemaNames());
    }

    /** Checks every $ref under {@code node} of {@code file}; queues the schema files it points to. */
    private static void checkRefs(Path file, JsonNode root, List<String> broken, Deque<Path> pending) {
        List<JsonNode> refs = root.findValues("$ref");
        for (JsonNode refNode : refs) {
            String ref = refNode.asText();
            int hash = ref.indexOf('#');
            String target = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            JsonNode targetRoot = root;
            if (!target.isEmpty()) {
                Path targetFile = file.getParent().resolve(target).normalize();
                if (!Files.isRegularFile(targetFile)) {
                    broken.add(file.getFileName() + ": " + ref + " (no such file)");
                    continue;
                }
                pending.push(targetFile);
                targetRoot = read(targetFile);
            }
            if (!pointer.isEmpty() && targetRoot.at(JsonPointer.compile(pointer)).isMissingNode()) {
                broken.add(file.getFileName() + ": " + ref + " (no such pointer)");
            }
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
