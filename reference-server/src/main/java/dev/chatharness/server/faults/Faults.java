package dev.chatharness.server.faults;

import java.util.EnumSet;
import java.util.Set;

/** The immutable set of faults a server runs with; {@link #none()} for every real use. */
public final class Faults {
    private static final Faults NONE = new Faults(EnumSet.noneOf(Fault.class));
    private final Set<Fault> active;

    private Faults(Set<Fault> active) {
        this.active = active;
    }

    public static Faults none() {
        return NONE;
    }

    public static Faults of(Set<Fault> faults) {
        return faults.isEmpty() ? NONE : new Faults(Set.copyOf(EnumSet.copyOf(faults)));
    }

    public boolean on(Fault fault) {
        return active.contains(fault);
    }

    public Set<Fault> active() {
        return active;
    }

    @Override
    public String toString() {
        return active.toString();
    }
}
