/**
 * The report folder: {@code fanout-summary.json} (schema in docs/load-tests.md), the HTML page with its charts
 * (the per-second one read back from the {@code .hlog}), the .hlog files.
 */
package dev.chatharness.load.report;
