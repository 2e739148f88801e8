/** Merging the report folders of several injector shards into one summary and report. */
package dev.chatharness.load.merge;
