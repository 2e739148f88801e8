package dev.chatharness.server.ratelimit;

/** What a bucket limits. {@code message} and {@code message-edited} deliberately share {@link #MESSAGE}. */
public enum Action {
    MESSAGE("message"),
    TYPING("typing");

    private final String policy;

    Action(String policy) {
        this.policy = policy;
    }

    /** Name used in {@code RateLimit-Policy}. */
    public String policy() {
        return policy;
    }
}
