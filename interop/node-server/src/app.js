// Assembles the server: one HTTP server on one port for REST and Socket.IO, sharing the token check, the
// store, the rate limiter and the chat rules.
import { createServer } from "node:http";
import { TokenVerifier } from "./auth/token-verifier.js";
import { ChatService } from "./chat/chat-service.js";
import { RateLimiter } from "./ratelimit/rate-limiter.js";
import { Notifier } from "./realtime/notifier.js";
import { createSocketServer } from "./realtime/socket-server.js";
import { answerParserErrors } from "./rest/client-errors.js";
import { createHttpHandler } from "./rest/http-handler.js";
import { RedisRateLimiter } from "./ratelimit/redis-rate-limiter.js";
import { connectRedis } from "./shared/redis-connection.js";
import { RedisSerializer } from "./shared/redis-serializer.js";
import { RedisStore } from "./store/redis-store.js";
import { createStore } from "./store/store.js";

/**
 * @param {import("./config/options.js").Options} options
 * @param {ReturnType<import("./socketio-copy.js").loadSocketIo>} socketio
 * @param {(message: string, error: unknown) => void} logInternal
 * @returns {{start: () => Promise<number>, stop: () => Promise<void>}}
 */
export async function createApp(options, socketio, logInternal) {
  const verifier = new TokenVerifier({ secret: options.jwtSecret, issuer: options.jwtIssuer, audience: options.jwtAudience });
  const specs = { message: options.rateMessage, typing: options.rateTyping };
  // With --redis every node of a deployment shares the data, the rate limits and the message order; alone, this
  // process keeps them in memory.
  const redis = options.redis === null ? null : await connectRedis(options.redis, logInternal);
  const store = redis ? new RedisStore(redis.client) : createStore("memory");
  const limiter = redis ? new RedisRateLimiter(redis.client, specs) : new RateLimiter(specs);
  const serializer = redis ? new RedisSerializer(redis.client, redis.pub) : undefined;
  let service = null;
  const httpServer = createServer(createHttpHandler({ verifier, service: () => service, logInternal }));
  answerParserErrors(httpServer);
  const socketSide = createSocketServer({
    httpServer,
    socketio,
    allowedOrigins: options.allowedOrigins,
    verifier,
    notifierFor: (io) => new Notifier(io),
    serviceFor: (notifier) => new ChatService({ store, limiter, notifier, serializer }),
    logInternal,
  });
  service = socketSide.service;
  if (redis && options.adapter === "redis") {
    socketSide.io.adapter(redis.adapter());
  }

  return {
    start: () => new Promise((resolve, reject) => {
      httpServer.once("error", reject);
      const { port, host, backlog } = options;
      httpServer.listen({ port, host, backlog }, () => resolve(httpServer.address().port));
    }),
    /** Stops accepting, disconnects every socket (each client gets a DISCONNECT), closes HTTP connections. */
    stop: () => new Promise((resolve) => {
      limiter.close();
      socketSide.io.close(() => (redis ? redis.close() : Promise.resolve()).then(() => resolve()));
      httpServer.closeAllConnections();
    }),
  };
}
