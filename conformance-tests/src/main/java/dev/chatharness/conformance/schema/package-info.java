/** The contract's JSON Schemas, loaded from the jar and used to validate every payload the suite receives. */
package dev.chatharness.conformance.schema;
