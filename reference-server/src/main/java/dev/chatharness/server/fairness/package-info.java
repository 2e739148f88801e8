/**
 * Fairness between tenants: {@link dev.chatharness.server.fairness.TenantSlots}, how much of the shared locks and
 * database connections one tenant may hold at a time. (Refused events cost nothing to share: the rate limit is
 * decided before any of it, in {@code ratelimit}.)
 */
package dev.chatharness.server.fairness;
