package dev.chatharness.cli.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * How a command talks: live progress for people, {@code --quiet} for logs that only want the verdict,
 * {@code --json} for machines (then standard output carries nothing but one JSON document, and the
 * progress goes to standard error).
 */
public final class OutputOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    @Option(names = {"-q", "--quiet"}, description = "Print only the verdict (no live progress).")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as one JSON document on standard output; progress goes to standard error.")
    boolean json;

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    /** Where live progress goes: nowhere with --quiet, standard error with --json, standard output otherwise. */
    public PrintStream progress() {
        if (quiet) {
            return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        }
        return json ? System.err : System.out;
    }

    /** Prints {@code value} as JSON on standard output. */
    public void printJson(Object value) {
        try {
            System.out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON result", e);
        }
    }
}
