package dev.chatharness.cli;

import dev.chatharness.common.exit.ExitCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Writes each command's "Exit codes:" section from its {@link ExitCodes}, so the numbers are never typed twice. */
final class ExitCodeHelp {

    /** What any command can return: it ran, its arguments were wrong, or it crashed. */
    static final Set<ExitCode> EVERY_COMMAND = EnumSet.of(ExitCode.OK, ExitCode.USAGE, ExitCode.SOFTWARE);

    private ExitCodeHelp() {
    }

    /** The codes {@code command} documents, in their numeric order. */
    static Set<ExitCode> documented(CommandSpec command) {
        ExitCodes declared = command.userObject() == null ? null
                : command.userObject().getClass().getAnnotation(ExitCodes.class);
        if (declared == null) {
            return EVERY_COMMAND;
        }
        Set<ExitCode> codes = EnumSet.noneOf(ExitCode.class);
        codes.addAll(Arrays.asList(declared.value()));
        return codes;
    }

    /** Sets the exit code list of {@code root} and of every command below it. */
    static void document(CommandLine root) {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode code : documented(root.getCommandSpec())) {
            list.put(String.format("%3d", code.code()), code.meaning());
        }
        root.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
        root.getSubcommands().values().forEach(ExitCodeHelp::document);
    }
}
