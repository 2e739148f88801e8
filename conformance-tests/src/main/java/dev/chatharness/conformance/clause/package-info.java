/**
 * The link between the contract's numbered clauses and the tests that check them: the {@link
 * dev.chatharness.conformance.clause.Clause} annotation, the {@link dev.chatharness.conformance.clause.ClauseIndex} that
 * reads it, and the discovery filter that runs the tests of chosen clauses only.
 */
package dev.chatharness.conformance.clause;
