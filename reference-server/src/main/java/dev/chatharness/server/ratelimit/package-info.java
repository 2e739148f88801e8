/** Per-user token buckets shared by sockets and REST. */
package dev.chatharness.server.ratelimit;
