/** Small utilities shared by the features: striped locks and millisecond timestamps. */
package dev.chatharness.server.common;
