package dev.chatharness.conformance.harness;

/** One user of the target: the pair (tenant, sub) and a valid token for it. */
public record User(String tenantId, String userId, String token) {

    @Override
    public String toString() {
        // Never print the token: reports end up in CI logs.
        return userId + "@" + tenantId;
    }
}
