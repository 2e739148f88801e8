package dev.chatharness.load.compare;

import java.util.Locale;

/**
 * How much worse a figure may get before it counts as a regression, as a fraction (0.2 for {@code 20%}).
 *
 * @param fraction 0 or more
 */
public record RegressionBound(double fraction) {

    public static final RegressionBound DEFAULT = new RegressionBound(0.20);

    public RegressionBound {
        if (!(fraction >= 0) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("a regression bound is 0% or more, not " + fraction * 100 + "%");
        }
    }

    /**
     * Reads {@code 20%} or {@code 2.5%}. A bare number is refused rather than guessed (is {@code 20} twenty percent
     * or twenty times?), as chat-harness refuses a duration without a unit.
     */
    public static RegressionBound parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.endsWith("%")) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: write the bound with a % sign, e.g. 20%");
        }
        double percent;
        try {
            percent = Double.parseDouble(t.substring(0, t.length() - 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: write it like 20% or 2.5%");
        }
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("'" + text + "': a regression bound is 0% or more");
        }
        return new RegressionBound(percent / 100);
    }

    public double percent() {
        return fraction * 100;
    }

    @Override
    public String toString() {
        double p = percent();
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%d", (long) p) : String.format(Locale.ROOT, "%s", p)) + "%";
    }
}
