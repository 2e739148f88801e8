// What several nodes share through one Redis (--redis URL): a client for the data (the store, the rate limits,
// the conversation locks), and the publish and subscribe connections of the socket.io Redis adapter, which
// carries every broadcast to the sockets of the other nodes (rooms span the nodes).
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";

/**
 * Connects the three clients; throws when Redis cannot be reached, so that a node never serves alone.
 * @param {string} url e.g. redis://127.0.0.1:6379
 * @param {(message: string, error: unknown) => void} logInternal
 */
export async function connectRedis(url, logInternal) {
  const client = createClient({ url });
  const pub = client.duplicate();
  const sub = client.duplicate();
  for (const [name, c] of [["data", client], ["publish", pub], ["subscribe", sub]]) {
    c.on("error", (e) => logInternal(`redis (${name})`, e));
  }
  await Promise.all([client.connect(), pub.connect(), sub.connect()]);
  return {
    client,
    pub,
    /** The socket.io Redis adapter over the pub/sub connections. */
    adapter: () => createAdapter(pub, sub),
    close: async () => {
      await Promise.allSettled([client.quit(), pub.quit(), sub.quit()]);
    },
  };
}
