// Disconnects a socket when its token expires (§2.12): `error` {code: token_expired}, then the disconnect, not
// before exp and within a few milliseconds after it.
import { fault } from "../faults.js";

// setTimeout takes at most 2^31-1 ms (about 24.8 days); a longer delay fires at once, so long-lived tokens are
// waited for in steps.
const LONGEST_TIMER_MS = 2 ** 31 - 1;
// libuv measures timers against a loop time that may lag the clock by a few ms: aim a little past exp and
// check again when the timer fires.
const MARGIN_MS = 5;

/**
 * @param {import("socket.io").Socket} socket
 * @param {number} expMs the token's exp in milliseconds; Infinity for none
 */
export function disconnectAtExpiry(socket, expMs) {
  if (!Number.isFinite(expMs) || fault.is("expiry-disconnect-missing")) {
    return;
  }
  const deadline = fault.is("expiry-disconnect-early") ? expMs - 1000 : expMs;
  const check = () => {
    const left = deadline - Date.now();
    if (left > 0) {
      socket.data.expiryTimer = setTimeout(check, Math.min(left + MARGIN_MS, LONGEST_TIMER_MS));
      return;
    }
    if (socket.connected) {
      socket.emit("error", { code: "token_expired", message: "the token has expired" });
      socket.disconnect(true); // flushes the error event, then closes the connection
    }
  };
  check();
  socket.once("disconnect", () => clearTimeout(socket.data.expiryTimer));
}
