/**
 * {@code load fanout|connections|mix|merge|compare}: the Gatling scenarios of the load-tests module, the shard merger,
 * and the comparison of two runs' report folders.
 */
package dev.chatharness.cli.load;
