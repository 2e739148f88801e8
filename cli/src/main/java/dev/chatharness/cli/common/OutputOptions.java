package dev.chatharness.cli.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.commons.io.output.WriterOutputStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a command talks: live progress for people, {@code --quiet} for logs that only want the verdict,
 * {@code --json} for machines (then standard output carries nothing but one JSON document, and the
 * progress goes to standard error). Everything goes through picocli's writers ({@link #out()}, {@link #err()}),
 * so a test that sets them with {@code setOut}/{@code setErr} sees all a command prints.
 */
public final class OutputOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    /** The command this mixin is part of: its command line holds the writers. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-q", "--quiet"}, description = "Print only the verdict (no live progress).")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as one JSON document on standard output; progress goes to standard error.")
    boolean json;

    private PrintStream progress;

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    /** Standard output, as picocli holds it. */
    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Standard error, as picocli holds it. */
    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    /**
     * Where live progress goes: nowhere with --quiet, standard error with --json, standard output otherwise. A
     * {@link PrintStream}, because that is what the runners print to; it writes through to picocli's writer.
     */
    public PrintStream progress() {
        if (progress == null) {
            progress = quiet ? discarding() : printStreamOver(json ? err() : out());
        }
        return progress;
    }

    /**
     * Runs {@code work}, holding what a library prints to {@code System.out} meanwhile (Gatling announces its
     * simulation there and prints a console block every few seconds) to what the user asked for: with --json it goes
     * to standard error, so standard output stays one JSON document; with --quiet it is dropped, as all progress is.
     */
    public <T> T containingLibraryOutput(Supplier<T> work) {
        if (!json && !quiet) {
            return work.get();
        }
        out(); // picocli's writer binds to the real standard output before it is swapped
        PrintStream real = System.out;
        System.setOut(json ? System.err : discarding());
        try {
            return work.get();
        } finally {
            System.setOut(real);
        }
    }

    /** Prints {@code value} as JSON on standard output. */
    public void printJson(Object value) {
        progress().flush();
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON result", e);
        }
        out().flush();
    }

    private static PrintStream discarding() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static PrintStream printStreamOver(PrintWriter writer) {
        try {
            // writeImmediately: a progress line reaches the writer when printed, not when a buffer fills.
            OutputStream bytes = WriterOutputStream.builder().setWriter(writer).setCharset(StandardCharsets.UTF_8)
                    .setWriteImmediately(true).get();
            return new PrintStream(bytes, true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
