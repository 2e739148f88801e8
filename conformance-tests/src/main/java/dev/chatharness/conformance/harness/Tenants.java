package dev.chatharness.conformance.harness;

/**
 * The two tenants a test works with. With minted tokens both are new for every test, and user i of
 * tenant A has the same {@code sub} as user i of tenant B: the contract says they are two different
 * users, which is exactly what cross-tenant defects get wrong.
 */
public record Tenants(Tenant a, Tenant b) {
}
