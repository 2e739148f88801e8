/**
 * The conformance tests: one class per section of the Chat v2 contract, each test's display name
 * the clause it checks, each tagged with its group. They run only through
 * {@link dev.chatharness.conformance.ConformanceRunner} (or JUnit with {@code chat.*} parameters).
 */
package dev.chatharness.conformance.suite;
