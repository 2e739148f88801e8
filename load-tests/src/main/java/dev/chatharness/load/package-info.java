/**
 * Load tests for Socket.IO chat backends that follow the Chat v2 contract. The public API is
 * {@link dev.chatharness.load.LoadRunner} with {@link dev.chatharness.load.LoadOptions} and
 * {@link dev.chatharness.load.LoadResult}, {@link dev.chatharness.load.merge.ShardMerger} for distributed runs, and
 * {@link dev.chatharness.load.compare.RunComparator} to hold a run to an earlier one.
 */
package dev.chatharness.load;
