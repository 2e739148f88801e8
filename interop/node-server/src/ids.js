// Ids this server issues (§3.2, §7.4): random, opaque, unique across tenants, 26 characters.
import { randomBytes } from "node:crypto";
import { fault } from "./faults.js";

const counters = new Map();

/**
 * @param {"c"|"m"} kind a prefix that helps a person reading logs; clients must treat ids as opaque
 * @param {string} tenant
 */
export function newId(kind, tenant) {
  if (fault.is("ids-per-tenant-counter")) {
    const key = JSON.stringify([tenant, kind]);
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    return `${kind}-${next}`;
  }
  return `${kind}_${randomBytes(15).toString("base64url").slice(0, 24)}`;
}
