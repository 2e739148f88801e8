// KeyedSerializer (chat/serial.js) across nodes. A conversation's messages get their seq from Redis in one step,
// but each node broadcasts on its own connection: without more, seq 6 from one node could reach a socket before
// seq 5 from another (§8.2). So each task holds the conversation's lock in Redis while it stores and broadcasts,
// and before letting go it waits until Redis has processed what this node published (a PING on the publish
// connection answers after every command sent on it before), so the next holder's broadcast always comes after.
import { KeyedSerializer } from "../chat/serial.js";
import { randomUUID } from "node:crypto";

const LOCK_TTL_MS = 5000;
const RETRY_MS = 2;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisSerializer {
  /**
   * @param {import("redis").RedisClientType} client the data connection
   * @param {import("redis").RedisClientType} pub the adapter's publish connection
   */
  constructor(client, pub) {
    this.redis = client;
    this.pub = pub;
    this.local = new KeyedSerializer(); // this node's tasks queue here instead of polling the lock
  }

  /**
   * @template T
   * @param {string} key
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  run(key, task) {
    return this.local.run(key, async () => {
      const lock = `chat:lock:${key}`;
      const token = randomUUID();
      while ((await this.redis.set(lock, token, { NX: true, PX: LOCK_TTL_MS })) !== "OK") {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
      try {
        const result = await task();
        await this.pub.ping();
        return result;
      } finally {
        await this.redis.eval(RELEASE, { keys: [lock], arguments: [token] });
      }
    });
  }
}
