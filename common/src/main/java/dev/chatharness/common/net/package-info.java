/**
 * How to reach a target that stands behind TLS and a gateway, the same way from every module: which certificates
 * to trust ({@link dev.chatharness.common.net.TlsTrust}: the platform's, plus a private CA, or nothing at all when
 * told to be insecure) and which extra headers every request carries ({@link dev.chatharness.common.net.HttpHeader}).
 */
package dev.chatharness.common.net;
