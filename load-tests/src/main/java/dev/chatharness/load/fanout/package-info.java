/**
 * Fan-out measurement: the send stamp in each message body, per-member delivery bookkeeping (duplicates, order,
 * acknowledgements) and the shared HdrHistogram recorder that writes the {@code .hlog}.
 */
package dev.chatharness.load.fanout;
