/** H2 through plain JDBC: the pool, the schema, transactions. Repositories live with their feature. */
package dev.chatharness.server.storage;
