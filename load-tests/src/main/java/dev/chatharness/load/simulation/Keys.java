package dev.chatharness.load.simulation;

/** Gatling session keys used by the scenarios, in one place. */
final class Keys {

    /** The {@link dev.chatharness.load.setup.Member} this virtual user plays (from the feeder). */
    static final String MEMBER = "member";
    /** The user's {@link dev.chatharness.load.fanout.MemberState}. */
    static final String STATE = "memberState";
    /** Gatling-clock millis when the user started to connect. */
    static final String CONNECT_START = "connectStart";

    private Keys() {
    }
}
