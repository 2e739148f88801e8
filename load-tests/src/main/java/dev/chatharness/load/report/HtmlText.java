package dev.chatharness.load.report;

import java.util.Locale;

/** Escaping and number formatting shared by the report pages (the run's, and {@code load compare}'s). */
public final class HtmlText {

    private HtmlText() {
    }

    /** Text or attribute content, escaped; null reads as empty. */
    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A number as a reader wants it: whole numbers without decimals, two decimals below 10, one above. */
    public static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.format(Locale.ROOT, "%d", (long) v)
                : String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }

    /** A nullable figure: "-" when absent. */
    public static String fmt(Double v) {
        return v == null ? "-" : fmt(v.doubleValue());
    }

    /** The page's head and style, up to and including {@code <body>}. */
    public static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>"
                + "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{text-align:left}"
                + ".bad{color:#b00020;font-weight:bold}.ok{color:#1b5e20;font-weight:bold}.warn{color:#8a5a00}"
                + "svg{border:1px solid #ddd;margin:1em 0}details{margin-bottom:1em}"
                + "</style></head><body>";
    }
}
