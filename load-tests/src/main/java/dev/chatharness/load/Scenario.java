package dev.chatharness.load;

import java.util.Arrays;
import java.util.Locale;

/** The three load scenarios, by the name the CLI uses. */
public enum Scenario {
    /** R rooms of M members; every member sends at an open-model rate and every receiver records fan-out latency. */
    FANOUT("fanout", "dev.chatharness.load.simulation.FanOut"),
    /** Ramps to R x M authenticated connections, measures handshake-to-connected latency, holds them. */
    CONNECTIONS("connections", "dev.chatharness.load.simulation.ConnectionStorm"),
    /** A realistic mix of messages, typing, read receipts, presence updates and REST reads. */
    MIX("mix", "dev.chatharness.load.simulation.ChatMix");

    private final String cliName;
    private final String simulationClass;

    Scenario(String cliName, String simulationClass) {
        this.cliName = cliName;
        this.simulationClass = simulationClass;
    }

    public String cliName() {
        return cliName;
    }

    /** The Gatling simulation class that implements the scenario. */
    public String simulationClass() {
        return simulationClass;
    }

    /** Parses {@code fanout}, {@code connections} or {@code mix} (case-insensitive). */
    public static Scenario parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "scenario must be fanout, connections or mix, got '" + name + "'"));
    }
}
