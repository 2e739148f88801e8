// Protocol edge cases of Engine.IO 4 / Socket.IO 5, sent raw (plain TCP for HTTP, the ws package for WebSocket) to
// a protocol-echo server: what the session or namespace state makes invalid (concurrent polls and POSTs, packets
// before CONNECT or after DISCONNECT, upgrade packets on the wrong transport or at the wrong time, ...). Prints one
// block per case with what the server answered (sids masked). compare.sh runs it against the real socket.io 4.7.2
// server (node-echo-server.mjs) and against ours, and prints the differences.
//
//   node edges.mjs http://127.0.0.1:3000 [case-name-substring]
import net from "node:net";
import WebSocket from "ws";

const base = new URL(process.argv[2] ?? "http://127.0.0.1:3000");
const only = process.argv[3];
const EIO = "/engine.io/?EIO=4";
const SIO = "/socket.io/?EIO=4";
/** Longest wait for an answer that should come; a missing answer is printed as "timeout". */
const WAIT = 1000;
/** How long a case lets a request sit at the server before the next one, so the server has surely read it. */
const SETTLE = 60;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One HTTP/1.1 request on its own connection. Resolves {status, body}, "destroyed" or "timeout". */
function request(method, path, body, { holdBody = false, contentType = "text/plain;charset=UTF-8" } = {}) {
  let finishBody;
  const promise = new Promise((resolve) => {
    const socket = net.connect(base.port, base.hostname);
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (value) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(value);
      }
    };
    const timer = setTimeout(() => finish("timeout"), WAIT * 2);
    const payload = body === undefined ? null : Buffer.from(body);
    const head = `${method} ${path} HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n`
      + (payload ? `Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n` : "") + "\r\n";
    socket.on("connect", () => {
      socket.write(head);
      if (payload && !holdBody) socket.write(payload);
    });
    finishBody = () => { if (payload && !socket.destroyed) socket.write(payload); };
    socket.on("data", (chunk) => {
      data = Buffer.concat([data, chunk]);
      const parsed = parse(data);
      if (parsed) finish(parsed);
    });
    socket.on("error", () => finish(data.length ? parse(data) ?? "destroyed" : "destroyed"));
    socket.on("close", () => finish(data.length ? parse(data) ?? "destroyed" : "destroyed"));
  });
  promise.sendBody = () => finishBody();
  return promise;
}

function parse(buf) {
  const text = buf.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const status = Number(text.slice(9, 12));
  const headers = text.slice(0, end).toLowerCase();
  const lengthMatch = headers.match(/content-length: *(\d+)/);
  const raw = buf.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
  if (lengthMatch) {
    const length = Number(lengthMatch[1]);
    if (raw.length < length) return null;
    return { status, body: raw.subarray(0, length).toString("utf8") };
  }
  if (headers.includes("transfer-encoding: chunked")) {
    const t = raw.toString("utf8");
    if (!t.endsWith("0\r\n\r\n")) return null;
    let out = "";
    let i = 0;
    while (i < t.length) {
      const nl = t.indexOf("\r\n", i);
      const n = parseInt(t.slice(i, nl), 16);
      if (!n) break;
      out += t.slice(nl + 2, nl + 2 + n);
      i = nl + 2 + n + 2;
    }
    return { status, body: out };
  }
  return { status, body: raw.toString("utf8") };
}

const show = (r) => (typeof r === "string" ? r : `${r.status} ${r.body}`);

async function handshake(prefix) {
  const r = await request("GET", `${prefix}&transport=polling`);
  return JSON.parse(r.body.slice(1).split("\x1e")[0]).sid;
}

/** A WebSocket whose messages and close are read one by one, with a timeout. */
function openWs(path) {
  const ws = new WebSocket(`ws://${base.host}${path}`);
  const events = [];
  let wake = null;
  const push = (e) => { events.push(e); if (wake) { wake(); wake = null; } };
  ws.on("message", (data, isBinary) => push(isBinary ? `<binary ${data.length}>` : data.toString()));
  ws.on("close", (code) => push(`close ${code}`));
  ws.on("error", (e) => push(`error ${e.message}`));
  const opened = new Promise((resolve) => {
    ws.on("open", () => resolve("open"));
    ws.on("unexpected-response", (req, res) => resolve(`refused ${res.statusCode}`));
    ws.on("error", () => resolve("error"));
  });
  return {
    ws,
    opened,
    send: (text) => ws.send(text),
    async next(timeout = WAIT) {
      const deadline = Date.now() + timeout;
      while (!events.length) {
        const left = deadline - Date.now();
        if (left <= 0) return "timeout";
        await Promise.race([new Promise((r) => { wake = r; }), sleep(left)]);
      }
      return events.shift();
    },
    /** The next message that is not an Engine.IO ping (answered with a pong). */
    async nextNonPing(timeout = WAIT) {
      const deadline = Date.now() + timeout;
      while (true) {
        const m = await this.next(Math.max(0, deadline - Date.now()));
        if (m !== "2") return m;
        ws.send("3");
      }
    },
    close: () => ws.terminate(),
  };
}

const cases = {};
const engineCase = (name, fn) => { cases[name] = fn; };

// ------------------------------------------------------------------ Engine.IO over polling

engineCase("polling: a second concurrent GET", async () => {
  const sid = await handshake(EIO);
  const first = request("GET", `${EIO}&transport=polling&sid=${sid}`);
  await sleep(SETTLE);
  const second = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  const third = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`second: ${show(second)}`, `first: ${show(await first)}`, `then: ${show(third)}`];
});

engineCase("polling: a second concurrent POST", async () => {
  const sid = await handshake(EIO);
  const first = request("POST", `${EIO}&transport=polling&sid=${sid}`, "4one", { holdBody: true });
  await sleep(SETTLE);
  const second = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4two");
  first.sendBody();
  const then = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`second: ${show(second)}`, `first: ${show(await first)}`, `then GET: ${show(then)}`];
});

for (const [label, payload] of [["a ping (2)", "2"], ["a probe ping (2probe)", "2probe"],
  ["an upgrade (5)", "5"], ["a noop (6)", "6"], ["a pong (3) no ping was sent for", "3"], ["an open (0)", "0"],
  ["an unknown type (9)", "9"], ["an empty packet", ""], ["a close (1)", "1"]]) {
  engineCase(`polling: POST ${label}`, async () => {
    const sid = await handshake(EIO);
    const post = await request("POST", `${EIO}&transport=polling&sid=${sid}`, payload);
    const get = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
    const again = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
    return [`POST: ${show(post)}`, `GET: ${show(get)}`, `GET: ${show(again)}`];
  });
}

engineCase("polling: POST over maxPayload", async () => {
  const sid = await handshake(EIO);
  const post = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4" + "a".repeat(1_000_001));
  const next = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4small");
  const get = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`POST: ${show(post)}`, `POST: ${show(next)}`, `GET: ${show(get)}`];
});

engineCase("polling: POST with Content-Type application/octet-stream", async () => {
  const sid = await handshake(EIO);
  const post = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4hello",
    { contentType: "application/octet-stream" });
  const get = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`POST: ${show(post)}`, `GET: ${show(get)}`];
});

engineCase("polling: GET transport=websocket with the sid of a polling session", async () => {
  const sid = await handshake(EIO);
  const bad = await request("GET", `${EIO}&transport=websocket&sid=${sid}`);
  const post = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4still");
  const get = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`GET websocket: ${show(bad)}`, `POST: ${show(post)}`, `GET: ${show(get)}`];
});

engineCase("polling: POST transport=websocket with the sid of a polling session", async () => {
  const sid = await handshake(EIO);
  const bad = await request("POST", `${EIO}&transport=websocket&sid=${sid}`, "4x");
  const get = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`POST websocket: ${show(bad)}`, `GET: ${show(get)}`];
});

// ------------------------------------------------------------------ Engine.IO upgrade

async function probeSocket(sid) {
  const ws = openWs(`${EIO}&transport=websocket&sid=${sid}`);
  await ws.opened;
  return ws;
}

engineCase("upgrade: 5 without a probe first", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  ws.send("5");
  ws.send("4hello");
  const echo = await ws.nextNonPing();
  const poll = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  ws.close();
  return [`ws: ${echo}`, `GET: ${show(poll)}`];
});

engineCase("upgrade: a message on the probe socket before 5", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  ws.send("4early");
  const seen = await ws.next();
  const post = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4still");
  const get = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  return [`probe ws: ${seen}`, `POST: ${show(post)}`, `GET: ${show(get)}`];
});

engineCase("upgrade: two probes on the probe socket", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  ws.send("2probe");
  const a = await ws.next();
  ws.send("2probe");
  const b = await ws.next();
  ws.close();
  return [`first: ${a}`, `second: ${b}`];
});

engineCase("upgrade: a second WebSocket while the first probe is open", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  const second = openWs(`${EIO}&transport=websocket&sid=${sid}`);
  const opened = await second.opened;
  const secondSeen = await second.next();
  ws.send("2probe");
  const probe = await ws.next();
  ws.close();
  return [`second: ${opened}, then ${secondSeen}`, `first probe: ${probe}`];
});

engineCase("upgrade: a poll pending when 5 arrives", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  ws.send("2probe");
  await ws.next();
  const poll = request("GET", `${EIO}&transport=polling&sid=${sid}`);
  await sleep(20); // well under the 100 ms after which the server ends the poll itself
  ws.send("5");
  ws.send("4hello");
  const got = await ws.nextNonPing();
  const result = await poll;
  ws.close();
  return [`pending GET: ${show(result)}`, `ws: ${got}`];
});

engineCase("upgrade: a poll sent after 2probe and 5", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  ws.send("2probe");
  ws.send("5");
  const poll = await request("GET", `${EIO}&transport=polling&sid=${sid}`);
  ws.send("4hello");
  const got = await ws.nextNonPing();
  ws.close();
  return [`GET: ${show(poll)}`, `ws: ${got}`];
});

engineCase("upgrade: a POST sent after 2probe and 5", async () => {
  const sid = await handshake(EIO);
  const ws = await probeSocket(sid);
  ws.send("2probe");
  ws.send("5");
  const post = await request("POST", `${EIO}&transport=polling&sid=${sid}`, "4via-post");
  ws.send("4hello");
  const got = [await ws.nextNonPing(), await ws.nextNonPing(300)];
  ws.close();
  return [`POST: ${show(post)}`, `ws: ${got.join(" | ")}`];
});

for (const [label, payload] of [["2probe", "2probe"], ["2", "2"], ["5", "5"], ["1", "1"], ["an unknown type (9)", "9"]]) {
  engineCase(`upgraded: ${label} on the WebSocket`, async () => {
    const sid = await handshake(EIO);
    const ws = await probeSocket(sid);
    ws.send("2probe");
    await ws.next();
    ws.send("5");
    ws.send(payload);
    ws.send("4after");
    const got = [await ws.nextNonPing(), await ws.nextNonPing(300)];
    ws.close();
    return [`ws: ${got.join(" | ")}`];
  });
}

for (const [label, payload] of [["2probe", "2probe"], ["2", "2"], ["5", "5"], ["1", "1"], ["0", "0"]]) {
  engineCase(`websocket-only: ${label}`, async () => {
    const ws = openWs(`${EIO}&transport=websocket`);
    await ws.opened;
    await ws.next(); // open packet
    ws.send(payload);
    ws.send("4after");
    const got = [await ws.nextNonPing(), await ws.nextNonPing(300)];
    ws.close();
    return [`ws: ${got.join(" | ")}`];
  });
}

engineCase("websocket-only: a WebSocket with the sid of a WebSocket session", async () => {
  const ws = openWs(`${EIO}&transport=websocket`);
  await ws.opened;
  const sid = JSON.parse((await ws.next()).slice(1)).sid;
  const second = openWs(`${EIO}&transport=websocket&sid=${sid}`);
  const opened = await second.opened;
  second.send("2probe");
  const seen = await second.next();
  ws.send("4first");
  const first = await ws.nextNonPing();
  ws.close();
  second.close();
  return [`second: ${opened}, then ${seen}`, `first: ${first}`];
});

// ------------------------------------------------------------------ Socket.IO

/** Opens a Socket.IO session over polling; returns sid. Connects "/" when asked. */
async function sioPolling(connect) {
  const sid = await handshake(SIO);
  if (connect) {
    await request("POST", `${SIO}&transport=polling&sid=${sid}`, "40");
    await request("GET", `${SIO}&transport=polling&sid=${sid}`); // 40{sid} and the auth event
  }
  return sid;
}

async function sioWs(connect) {
  const ws = openWs(`${SIO}&transport=websocket`);
  await ws.opened;
  await ws.next(); // open
  if (connect) {
    ws.send("40");
    await ws.nextNonPing(); // 40{sid}
    await ws.nextNonPing(); // auth
  }
  return ws;
}

const sioCases = [
  ["an EVENT before CONNECT", false, ["42[\"message\",\"early\"]"]],
  ["an ACK before CONNECT", false, ["431[]"]],
  ["a DISCONNECT before CONNECT", false, ["41"]],
  ["a second CONNECT", true, ["40"]],
  ["a CONNECT_ERROR from the client", true, ["44{\"message\":\"x\"}"]],
  ["an EVENT to a namespace not connected", true, ["42/custom,[\"message\",\"x\"]"]],
  ["an EVENT after DISCONNECT, in the same read", true, ["41", "42[\"message\",\"late\"]"]],
  ["an EVENT after DISCONNECT, a moment later", true, ["41", 50, "42[\"message\",\"late\"]"]],
  ["a CONNECT to an unknown namespace", false, ["40/nope,"]],
  ["a DISCONNECT with a payload", true, ["41{}"]],
  ["eleven binary attachments", true, ["4511-[\"message\"" + ",{\"_placeholder\":true,\"num\":0}".repeat(1) + "]"]],
  ["a binary event with zero attachments", true, ["450-[\"message\",\"x\"]"]],
  ["an event named by a number", true, ["42[1,\"x\"]", "42[\"message\",\"still\"]"]],
  ["an ACK nobody asked for", true, ["4399[\"x\"]", "42[\"message\",\"still\"]"]],
];

for (const [label, connect, packets] of sioCases) {
  cases[`socket.io websocket: ${label}`] = async () => {
    const ws = await sioWs(connect);
    for (const p of packets) typeof p === "number" ? await sleep(p) : ws.send(p);
    const got = [await ws.nextNonPing(), await ws.nextNonPing(400)];
    ws.close();
    return [`ws: ${got.join(" | ")}`];
  };
  cases[`socket.io polling: ${label}`] = async () => {
    const sid = await sioPolling(connect);
    const posts = [];
    for (const p of packets) {
      if (typeof p === "number") await sleep(p);
      else posts.push(show(await request("POST", `${SIO}&transport=polling&sid=${sid}`, p)));
    }
    const get = await request("GET", `${SIO}&transport=polling&sid=${sid}`);
    const again = await request("GET", `${SIO}&transport=polling&sid=${sid}`);
    return [`POST: ${posts.join(", ")}`, `GET: ${show(get)}`, `GET: ${show(again)}`];
  };
}

cases["socket.io websocket: two CONNECTs sent together"] = async () => {
  const ws = await sioWs(false);
  ws.send("40");
  ws.send("40");
  const got = [await ws.nextNonPing(), await ws.nextNonPing(), await ws.nextNonPing(400)];
  ws.close();
  return [`ws: ${got.map((m) => m.replace(/"sid":"[^"]+"/, '"sid":"<sid>"')).join(" | ")}`];
};

cases["socket.io polling: two CONNECTs in one POST"] = async () => {
  const sid = await sioPolling(false);
  const post = await request("POST", `${SIO}&transport=polling&sid=${sid}`, "40\x1e40");
  const get = await request("GET", `${SIO}&transport=polling&sid=${sid}`);
  const again = await request("GET", `${SIO}&transport=polling&sid=${sid}`);
  return [`POST: ${show(post)}`, `GET: ${show(get)}`, `GET: ${show(again)}`];
};

cases["socket.io polling: DISCONNECT then EVENT in one POST"] = async () => {
  const sid = await sioPolling(true);
  const post = await request("POST", `${SIO}&transport=polling&sid=${sid}`, "41\x1e42[\"message\",\"late\"]");
  const get = await request("GET", `${SIO}&transport=polling&sid=${sid}`);
  const again = await request("GET", `${SIO}&transport=polling&sid=${sid}`);
  return [`POST: ${show(post)}`, `GET: ${show(get)}`, `GET: ${show(again)}`];
};

// ------------------------------------------------------------------ run

const normalize = (line) => line
  .replace(/"sid":"[^"]+"/g, "\"sid\":\"<sid>\"")
  .replace(/"pid":"[^"]+"/g, "\"pid\":\"<pid>\"");

for (const [name, fn] of Object.entries(cases)) {
  if (only && !name.includes(only)) continue;
  let lines;
  try {
    lines = await fn();
  } catch (e) {
    lines = [`failed: ${e.message}`];
  }
  console.log(`${name}\n    ${lines.map(normalize).join("\n    ")}`);
  await sleep(50);
}
process.exit(0);
