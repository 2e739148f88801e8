package dev.chatharness.conformance.doctor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one probe found: fine, a named fault with its cause and fix, or not tried (and why).
 *
 * @param probe   what was tried, e.g. {@code websocket}, {@code sticky-sessions}
 * @param finding what was seen, in plain words; for a fault, its cause
 * @param fix     for a fault, what to change; empty otherwise
 */
public record Verdict(String probe, Status status, Optional<Fault> fault, String finding, Optional<String> fix) {

    /** How a probe ended. */
    public enum Status { OK, FAULT, SKIPPED }

    public static Verdict ok(String probe, String finding) {
        return new Verdict(probe, Status.OK, Optional.empty(), finding, Optional.empty());
    }

    public static Verdict fault(String probe, Fault fault, String cause, String fix) {
        return new Verdict(probe, Status.FAULT, Optional.of(fault), cause, Optional.of(fix));
    }

    public static Verdict skipped(String probe, String why) {
        return new Verdict(probe, Status.SKIPPED, Optional.empty(), why, Optional.empty());
    }

    /** One line for a person: {@code FAULT websocket: <cause>. Fix: <fix>}. */
    public String line() {
        String label = switch (status) {
            case OK -> "ok   ";
            case FAULT -> "FAULT";
            case SKIPPED -> "skip ";
        };
        return label + " " + probe + ": " + finding + fix.map(f -> " Fix: " + f).orElse("");
    }

    /** The same as data, for {@code --json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("probe", probe);
        json.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        json.put("fault", fault.map(Fault::id).orElse(null));
        json.put("finding", finding);
        json.put("fix", fix.orElse(null));
        return json;
    }
}
