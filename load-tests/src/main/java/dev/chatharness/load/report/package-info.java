/** The report folder: {@code fanout-summary.json} (schema in docs/load-tests.md), the HTML page, the .hlog files. */
package dev.chatharness.load.report;
