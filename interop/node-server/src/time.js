// Times in the contract's format (§7.2): ISO-8601 UTC with milliseconds, e.g. 2026-01-31T12:00:00.000Z.
import { fault } from "./faults.js";

export function isoNow() {
  return iso(new Date());
}

export function iso(date) {
  const text = date.toISOString();
  if (fault.is("times-without-millis")) {
    return text.replace(/\.\d{3}Z$/, "Z");
  }
  return text;
}
