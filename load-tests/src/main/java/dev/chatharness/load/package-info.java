/**
 * Load tests for Socket.IO chat backends that follow the Chat v2 contract. The public API is
 * {@link dev.chatharness.load.LoadRunner} with {@link dev.chatharness.load.LoadOptions} and
 * {@link dev.chatharness.load.LoadResult}, and {@link dev.chatharness.load.merge.ShardMerger} for distributed runs.
 */
package dev.chatharness.load;
