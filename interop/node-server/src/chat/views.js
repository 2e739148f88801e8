// The contract's objects as clients receive them (§7.1): every field present, an absent value null.
import { fault } from "../faults.js";

/** The one exit of every Message, Conversation, Receipt, Deletion and Presence towards a client. */
export function view(object) {
  if (fault.is("null-fields-omitted")) {
    // what a serializer configured to skip nulls does (JSON.stringify drops undefined)
    return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null));
  }
  return object;
}
