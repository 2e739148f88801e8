package dev.chatharness.conformance;

import java.util.List;

/** The JUnit tags that group the conformance tests; {@code --tags} selects among them. */
public final class ConformanceTags {

    public static final String TRANSPORT = "transport";
    public static final String AUTH = "auth";
    public static final String ISOLATION = "isolation";
    public static final String AUTHORIZATION = "authorization";
    public static final String EVENTS = "events";
    public static final String DELIVERY = "delivery";
    public static final String RATELIMIT = "ratelimit";
    public static final String ROBUSTNESS = "robustness";
    public static final String SECURITY = "security";

    /** Every group, in the order reports list them. */
    public static final List<String> ALL = List.of(TRANSPORT, AUTH, ISOLATION, AUTHORIZATION, EVENTS, DELIVERY,
            RATELIMIT, ROBUSTNESS, SECURITY);

    private ConformanceTags() {
    }
}
