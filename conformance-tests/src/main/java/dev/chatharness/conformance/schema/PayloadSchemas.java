package dev.chatharness.conformance.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract's JSON Schemas (a copy of {@code specs/schemas} packed into the jar), compiled once.
 *
 * <pre>{@code
 * PayloadSchemas.bundled().require("message.json", node); // throws SchemaViolation naming every error
 * }</pre>
 *
 * Relative {@code $ref}s between schema files resolve against the location a schema was loaded
 * from, so the same files work from the jar ({@code classpath:}) and from disk ({@code file:}).
 */
public final class PayloadSchemas {

    /** Where the build copies specs/schemas inside the jar. */
    static final String CLASSPATH_BASE = "classpath:dev/chatharness/conformance/schemas/";

    private static final PayloadSchemas BUNDLED = new PayloadSchemas(CLASSPATH_BASE);

    private final String base;
    // Reading file: IRIs counts as "remote" for the validator; allow it, but never the network.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources()
                    .allow(iri -> iri.toString().startsWith("file:") || iri.toString().startsWith("classpath:"))));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private PayloadSchemas(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /** The schemas shipped inside this jar. */
    public static PayloadSchemas bundled() {
        return BUNDLED;
    }

    /** Schemas read from a directory or other base IRI, e.g. {@code file:/repo/specs/schemas/}. */
    public static PayloadSchemas at(String baseIri) {
        return new PayloadSchemas(baseIri);
    }

    /** Compiles (once) the schema file {@code name}, e.g. {@code "message.json"}. */
    public Schema schema(String name) {
        return compiled.computeIfAbsent(name, n -> {
            Schema schema = registry.getSchema(SchemaLocation.of(base + n));
            // Resolve every $ref now, so a broken reference fails at load and not on a rare payload.
            schema.initializeValidators();
            return schema;
        });
    }

    /** Validation errors of {@code payload} against schema {@code name}; empty when valid. */
    public List<String> errors(String name, JsonNode payload) {
        List<Error> errors = schema(name).validate(payload);
        return errors.stream().map(Error::toString).collect(Collectors.toList());
    }

    /** Throws {@link SchemaViolation} unless {@code payload} is valid against {@code name}. */
    public JsonNode require(String name, JsonNode payload) {
        List<String> errors = errors(name, payload);
        if (!errors.isEmpty()) {
            throw new SchemaViolation(name, payload, errors);
        }
        return payload;
    }
}
