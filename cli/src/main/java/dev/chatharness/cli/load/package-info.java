/** {@code load fanout|connections|mix|merge}: the Gatling scenarios of the load-tests module, and the shard merger. */
package dev.chatharness.cli.load;
