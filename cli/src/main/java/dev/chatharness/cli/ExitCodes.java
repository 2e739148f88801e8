package dev.chatharness.cli;

import dev.chatharness.common.exit.ExitCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command can return, named from {@link ExitCode}. Its {@code --help} lists them (with their
 * meanings from {@link ExitCode}), and the command tree test holds every command to them. A command without this
 * annotation returns only {@link ExitCodeHelp#EVERY_COMMAND}: OK, a usage error, or a crash.
 */
@Documented
@Inherited // the load scenarios declare theirs once, on the class they share
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitCodes {
    ExitCode[] value();
}
