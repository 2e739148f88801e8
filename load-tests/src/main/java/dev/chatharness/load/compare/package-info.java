/**
 * {@code load compare BASE NEW}: two report folders of earlier runs side by side, figure by figure, with a verdict
 * a CI job can gate on (a candidate against a stored baseline run). {@link dev.chatharness.load.compare.RunComparator}
 * judges; {@link dev.chatharness.load.compare.ComparisonTable} and {@link dev.chatharness.load.compare.ComparisonPage}
 * show the result.
 */
package dev.chatharness.load.compare;
