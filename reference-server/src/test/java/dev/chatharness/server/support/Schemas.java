package dev.chatharness.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Validates what the server really sends against the project's {@code specs/schemas}. */
public final class Schemas {
    private static final Path DIR = locate();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources()
                    .allow(iri -> iri.toString().startsWith("file:"))));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** Asserts {@code payload} is valid against {@code specs/schemas/<name>}; returns it for chaining. */
    public static JsonNode valid(String name, JsonNode payload) {
        Schema schema = COMPILED.computeIfAbsent(name, n -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of(DIR.resolve(n).toUri().toString()));
            s.initializeValidators();
            return s;
        });
        List<Error> errors = schema.validate(payload);
        assertThat(errors).as("%s against %s", payload, name).isEmpty();
        return payload;
    }

    private static Path locate() {
        for (Path p : List.of(Path.of("../specs/schemas"), Path.of("specs/schemas"))) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("specs/schemas not found from " + Path.of("").toAbsolutePath());
    }
}
