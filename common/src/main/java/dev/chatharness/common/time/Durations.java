package dev.chatharness.common.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way people type them, for every setting of chat-harness that is a length of
 * time: profile timeouts, {@code --duration}, {@code --ttl}, the {@code chatharness.load.*} properties.
 *
 * <pre>{@code
 * Durations.parse("500ms");  // PT0.5S
 * Durations.parse("1.5s");   // PT1.5S
 * Durations.parse("PT15S");  // ISO-8601, as java.time.Duration.parse reads it
 * Durations.parse("15");     // IllegalArgumentException: '15' has no unit ...
 * Durations.format(Duration.ofSeconds(90)); // "90s"
 * }</pre>
 *
 * A bare number is refused rather than guessed: it used to mean milliseconds in a profile and seconds in the load
 * settings, and a unit is cheaper to type than that mistake is to find. Negative durations are refused too; whether
 * zero is allowed is for the caller to say.
 */
public final class Durations {

    /** The accepted forms, as error messages and help texts show them. */
    public static final String FORMS = "500ms, 15s, 1.5s, 2m, 1h, 2d, or ISO-8601 such as PT15S";

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern BARE = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with a message that quotes {@code text} and shows the accepted forms
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty value is not a duration; use " + FORMS);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            return ofUnits(new BigDecimal(m.group(1)), m.group(2), text);
        }
        if (BARE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no unit: write " + t + "s or " + t
                    + "ms, for instance (accepted: " + FORMS + ")");
        }
        if (t.startsWith("p")) {
            Duration d;
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw notADuration(text);
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + text + "' is negative; a duration here is zero or more");
            }
            return d;
        }
        throw notADuration(text);
    }

    /**
     * The shortest form {@link #parse} reads back to the same value: {@code 2h}, {@code 90s}, {@code 500ms}, or
     * ISO-8601 for what is not a whole number of milliseconds.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return d.toString();
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.getNano() == 0) {
            long s = d.getSeconds();
            if (s % 3600 == 0) {
                return s / 3600 + "h";
            }
            if (s % 60 == 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
        if (d.getNano() % 1_000_000 == 0) {
            return d.toMillis() + "ms";
        }
        return d.toString();
    }

    private static Duration ofUnits(BigDecimal amount, String unit, String text) {
        BigDecimal secondsPerUnit = switch (unit) {
            case "ms" -> new BigDecimal("0.001");
            case "s" -> BigDecimal.ONE;
            case "m" -> BigDecimal.valueOf(60);
            case "h" -> BigDecimal.valueOf(3600);
            default -> BigDecimal.valueOf(86_400);
        };
        BigDecimal seconds = amount.multiply(secondsPerUnit);
        try {
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
                    .setScale(0, RoundingMode.FLOOR).longValueExact();
            return Duration.ofSeconds(whole, nanos);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long to be a duration");
        }
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
    }
}
