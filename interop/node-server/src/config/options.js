// Command-line and environment settings, the same as the reference server's `chat-harness serve`, plus the
// switches of this target (--fault, --socketio, --list-faults). Every mistake is an OptionError, which
// server.js prints on stderr with exit code 2.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { FAULTS, isKnownFault } from "../faults.js";

export const SECRET_ENV = "CHAT_HARNESS_JWT_SECRET";

export const USAGE = `Usage: node server.js [options]
  --port PORT              port to listen on; 0 picks a free one (default 8080)
  --host HOST              address to bind (default 127.0.0.1)
  --backlog N              connections the kernel holds until the server accepts them (default 511, Node's);
                           the benchmarks give 1024, the reference server's
  --jwt-secret S           HS256 secret shared with the token issuer
  --jwt-secret-file F      read the secret from a file (trailing newline ignored)
                           (or the environment variable ${SECRET_ENV})
  --jwt-issuer ISS         require this 'iss' claim
  --jwt-audience AUD       require this 'aud' claim
  --allowed-origins a,b    Origins allowed to open a Socket.IO connection (none by default)
  --rate-message CAP:PER_S bucket shared by message and message-edited, per user (default 20:10)
  --rate-typing CAP:PER_S  bucket for typing, per user (default 10:5)
  --socketio pinned|latest socket.io 4.7.2 (default), or the newest 4.8.x installed in latest/
  --redis URL              keep the data, rate limits and message order in this Redis, shared by every node
                           started with it, and broadcast through the socket.io Redis adapter
  --adapter redis|memory   with --redis: the socket.io adapter (default redis); memory keeps broadcasts on
                           this node, the fault of a deployment without a shared adapter
  --fault NAME             start with one deliberate defect (also the environment variable FAULT)
  --list-faults            print the faults as JSON and exit
  --help                   print this help and exit`;

export class OptionError extends Error {}

/**
 * @typedef {{capacity: number, perSecond: number}} RateSpec
 * @typedef {{port: number, host: string, backlog: number, jwtSecret: string, jwtIssuer: string|null, jwtAudience: string|null,
 *   allowedOrigins: string[], rateMessage: RateSpec, rateTyping: RateSpec, socketio: "pinned"|"latest",
 *   redis: string|null, adapter: "redis"|"memory", fault: string|null, listFaults: boolean, help: boolean}} Options
 */

/**
 * @param {string[]} argv the arguments after the script's name
 * @param {Record<string, string|undefined>} env
 * @returns {Options}
 */
export function parseOptions(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        backlog: { type: "string" },
        "jwt-secret": { type: "string" },
        "jwt-secret-file": { type: "string" },
        "jwt-issuer": { type: "string" },
        "jwt-audience": { type: "string" },
        "allowed-origins": { type: "string" },
        "rate-message": { type: "string" },
        "rate-typing": { type: "string" },
        socketio: { type: "string" },
        redis: { type: "string" },
        adapter: { type: "string" },
        fault: { type: "string" },
        "list-faults": { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (e) {
    throw new OptionError(e.message);
  }
  const help = values.help === true;
  const listFaults = values["list-faults"] === true;
  if (help || listFaults) {
    return { help, listFaults };
  }
  const fault = values.fault ?? (env.FAULT ? env.FAULT : null);
  if (fault != null && !isKnownFault(fault)) {
    throw new OptionError(`unknown fault '${fault}'; the faults are:\n${FAULTS.map((f) => `  ${f.name} (§${f.clause})`).join("\n")}`);
  }
  return {
    help,
    listFaults,
    port: parsePort(values.port ?? "8080"),
    host: nonEmpty("--host", values.host ?? "127.0.0.1"),
    backlog: parseBacklog(values.backlog ?? "511"),
    jwtSecret: resolveSecret(values["jwt-secret"], values["jwt-secret-file"], env[SECRET_ENV]),
    jwtIssuer: values["jwt-issuer"] === undefined ? null : nonEmpty("--jwt-issuer", values["jwt-issuer"]),
    jwtAudience: values["jwt-audience"] === undefined ? null : nonEmpty("--jwt-audience", values["jwt-audience"]),
    allowedOrigins: parseOrigins(values["allowed-origins"]),
    rateMessage: parseRate("--rate-message", values["rate-message"] ?? "20:10"),
    rateTyping: parseRate("--rate-typing", values["rate-typing"] ?? "10:5"),
    socketio: parseSocketIo(values.socketio ?? "pinned"),
    ...parseSharing(values.redis, values.adapter, fault),
    fault,
  };
}

function parseSharing(redis, adapter, fault) {
  if (redis === undefined) {
    if (adapter !== undefined) {
      throw new OptionError("--adapter needs --redis URL: alone, a node has nothing to share");
    }
    return { redis: null, adapter: "memory" };
  }
  if (!/^rediss?:\/\/./.test(redis)) {
    throw new OptionError(`--redis must be a redis:// URL, got '${redis}'`);
  }
  if (fault != null) {
    throw new OptionError("--fault applies to the in-memory node; the Redis store has no deliberate defects");
  }
  const chosen = adapter ?? "redis";
  if (chosen !== "redis" && chosen !== "memory") {
    throw new OptionError(`--adapter must be redis or memory, got '${chosen}'`);
  }
  return { redis, adapter: chosen };
}

function parsePort(text) {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new OptionError(`--port must be a number from 0 to 65535, got '${text}'`);
  }
  return Number(text);
}

// The kernel caps it at net.core.somaxconn; a number above that is not an error, as for Node's own listen().
function parseBacklog(text) {
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) {
    throw new OptionError(`--backlog must be a positive number, got '${text}'`);
  }
  return Number(text);
}

function nonEmpty(option, value) {
  if (value.trim() === "") {
    throw new OptionError(`${option} must not be empty`);
  }
  return value;
}

function resolveSecret(inline, file, fromEnv) {
  if (inline !== undefined && file !== undefined) {
    throw new OptionError("give either --jwt-secret or --jwt-secret-file, not both");
  }
  let secret = inline;
  if (file !== undefined) {
    try {
      secret = readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (e) {
      throw new OptionError(`cannot read --jwt-secret-file ${file}: ${e.code ?? e.message}`);
    }
  }
  secret ??= fromEnv;
  if (secret === undefined || secret === "") {
    throw new OptionError(`a JWT secret is required: --jwt-secret S, --jwt-secret-file F or $${SECRET_ENV}`);
  }
  return secret;
}

function parseOrigins(text) {
  if (text === undefined) {
    return [];
  }
  const origins = text.split(",").map((o) => o.trim()).filter((o) => o !== "");
  for (const origin of origins) {
    let url;
    try {
      url = new URL(origin);
    } catch {
      throw new OptionError(`--allowed-origins: '${origin}' is not an origin like http://localhost:3000`);
    }
    if (url.origin !== origin.replace(/\/$/, "")) {
      throw new OptionError(`--allowed-origins: '${origin}' is not an origin (scheme://host[:port], no path)`);
    }
  }
  return origins.map((o) => o.replace(/\/$/, ""));
}

function parseRate(option, text) {
  const m = /^(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) {
    throw new OptionError(`${option} must be CAPACITY:PER_SECOND with capacity >= 1 and a rate > 0 (e.g. 20:10), got '${text}'`);
  }
  return { capacity: Number(m[1]), perSecond: Number(m[2]) };
}

function parseSocketIo(text) {
  if (text !== "pinned" && text !== "latest") {
    throw new OptionError(`--socketio must be 'pinned' (socket.io 4.7.2) or 'latest' (latest/package.json), got '${text}'`);
  }
  return text;
}
