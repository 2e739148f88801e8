/** Live progress lines and the readable Markdown report of a conformance run. */
package dev.chatharness.conformance.report;
