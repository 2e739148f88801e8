/**
 * Hostile input and token attacks, aimed at any target by URL: the corpus of malformed inputs kept as data in
 * {@code hostile-corpus/} ({@link dev.chatharness.conformance.hostile.HostileCorpus}), the runner that sends each
 * case over raw Engine.IO (WebSocket and polling, {@code java.net.http}) or REST while a healthy client keeps
 * chatting ({@link dev.chatharness.conformance.hostile.HostileRunner}), and the JUnit classes that make them the
 * {@code robustness} and {@code security} groups of the conformance suite.
 */
package dev.chatharness.conformance.hostile;
