'use strict';
// A plain Node socket.io 4.7.2 server implementing the part of the Chat v2
// contract that the load scenarios drive. It is the baseline the reference
// server is compared with (bench/fanout-knee.sh), and a second target that
// proves the load tests work unchanged against any server that follows the
// contract. Everything lives in memory; nothing here is meant for production.
//
// Environment: PORT (0 = any free port), HOST (default 127.0.0.1),
// JWT_SECRET (required), MESSAGE_RATE "capacity:perSecond" (default 20:10),
// ALLOWED_ORIGINS comma separated (default: none, so any Origin is refused).
// Prints "listening <port>" on stdout once it accepts connections.

const http = require('http');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const { Server } = require('socket.io');

const secret = process.env.JWT_SECRET;
if (!secret) {
  console.error('JWT_SECRET is required');
  process.exit(2);
}
const [rateCap, ratePerSec] = (process.env.MESSAGE_RATE || '20:10').split(':').map(Number);
if (!(rateCap > 0 && ratePerSec > 0)) {
  console.error(`MESSAGE_RATE must be capacity:perSecond, got ${process.env.MESSAGE_RATE}`);
  process.exit(2);
}
const allowedOrigins = new Set((process.env.ALLOWED_ORIGINS || '').split(',').filter(Boolean));

// ---- authentication -------------------------------------------------------
class AuthError extends Error {
  constructor(code) { super('unauthorized'); this.code = code; }
}

function verify(token) {
  if (!token) throw new AuthError('token_missing');
  let claims;
  try {
    claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (e) {
    throw new AuthError(e.name === 'TokenExpiredError' ? 'token_expired' : 'token_invalid');
  }
  if (!claims.sub || typeof claims.tenant_id !== 'string' || !claims.exp) throw new AuthError('claims_missing');
  return { userId: String(claims.sub), tenantId: claims.tenant_id };
}

function bearer(header) {
  const m = /^Bearer (.+)$/.exec(header || '');
  return m ? m[1] : null;
}

// ---- storage (memory) -----------------------------------------------------
const conversations = new Map(); // tenant|id -> {conversation, messages: [], byClientId: Map}
const key = (tenantId, id) => `${tenantId}|${id}`;
const now = () => new Date().toISOString();

function visible(user, conversationId) {
  const c = conversations.get(key(user.tenantId, conversationId));
  return c && c.conversation.participantIds.includes(user.userId) ? c : null;
}

// ---- rate limit: one token bucket per user for `message` -------------------
const buckets = new Map();
function takeToken(user) {
  const k = key(user.tenantId, user.userId);
  const t = Date.now();
  let b = buckets.get(k);
  if (!b) { b = { tokens: rateCap, at: t }; buckets.set(k, b); }
  b.tokens = Math.min(rateCap, b.tokens + ((t - b.at) / 1000) * ratePerSec);
  b.at = t;
  if (b.tokens >= 1) { b.tokens -= 1; return 0; }
  return Math.max(1, Math.ceil(((1 - b.tokens) / ratePerSec) * 1000));
}

// ---- REST -------------------------------------------------------------------
function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const error = (code, message) => ({ error: { code, message } });

function readJson(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => {
      try { resolve(data ? JSON.parse(data) : {}); } catch { resolve(null); }
    });
  });
}

async function rest(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
  if (!url.pathname.startsWith('/api/v2/')) return send(res, 404, error('not_found', 'no such route'));
  let user;
  try {
    user = verify(bearer(req.headers.authorization));
  } catch (e) {
    res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    return send(res, 401, error('unauthorized', e.code || 'token_invalid'));
  }
  const parts = url.pathname.split('/').filter(Boolean); // api v2 conversations {id} messages
  if (req.method === 'POST' && parts.length === 3 && parts[2] === 'conversations') {
    const body = await readJson(req);
    if (!body || !Array.isArray(body.participantIds)) return send(res, 400, error('invalid_payload', 'participantIds required'));
    const id = crypto.randomUUID();
    const participantIds = [...new Set([user.userId, ...body.participantIds.map(String)])];
    const at = now();
    const conversation = { id, title: body.title ?? null, participantIds, createdBy: user.userId, createdAt: at, updatedAt: at };
    conversations.set(key(user.tenantId, id), { conversation, messages: [], byClientId: new Map() });
    return send(res, 201, conversation);
  }
  if (parts[2] === 'conversations' && parts.length >= 4) {
    const c = visible(user, parts[3]);
    if (!c) return send(res, 404, error('not_found', 'no such conversation'));
    if (req.method === 'GET' && parts.length === 4) return send(res, 200, c.conversation);
    if (req.method === 'GET' && parts.length === 5 && parts[4] === 'messages') {
      const afterSeq = Number(url.searchParams.get('afterSeq') || 0);
      const limit = Math.min(100, Number(url.searchParams.get('limit') || 50));
      return send(res, 200, { items: c.messages.slice(afterSeq, afterSeq + limit) });
    }
  }
  return send(res, 404, error('not_found', 'no such route'));
}

// ---- Socket.IO ----------------------------------------------------------------
const server = http.createServer((req, res) => {
  rest(req, res).catch((e) => send(res, 500, error('internal', String(e))));
});
const io = new Server(server, {
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 1e6,
  allowRequest: (req, callback) => {
    const origin = req.headers.origin;
    callback(null, !origin || allowedOrigins.has(origin));
  },
});

io.use((socket, next) => {
  try {
    socket.data.user = verify(socket.handshake.auth?.token || bearer(socket.handshake.headers.authorization));
    next();
  } catch (e) {
    const err = new Error('unauthorized');
    err.data = { code: e.code || 'token_invalid' };
    next(err);
  }
});

const ok = (data) => ({ ok: true, data });
const fail = (code, message, retryAfterMs) => ({ ok: false, error: retryAfterMs ? { code, message, retryAfterMs } : { code, message } });
const room = (user, conversationId) => key(user.tenantId, conversationId);
const valid = (p) => p && typeof p === 'object' && typeof p.conversationId === 'string';

io.on('connection', (socket) => {
  const user = socket.data.user;
  const reply = (ack, answer, event) => {
    if (typeof ack === 'function') ack(answer);
    else if (!answer.ok) socket.emit('error', { ...answer.error, event });
  };

  socket.on('join-conversation', (p, ack) => {
    if (!valid(p)) return reply(ack, fail('invalid_payload', 'conversationId required'), 'join-conversation');
    const c = visible(user, p.conversationId);
    if (!c) return reply(ack, fail('not_found', 'no such conversation'), 'join-conversation');
    socket.join(room(user, p.conversationId));
    reply(ack, ok({ conversationId: p.conversationId, lastSeq: c.messages.length }));
  });

  socket.on('leave-conversation', (p, ack) => {
    if (!valid(p)) return reply(ack, fail('invalid_payload', 'conversationId required'), 'leave-conversation');
    socket.leave(room(user, p.conversationId));
    reply(ack, ok({ conversationId: p.conversationId }));
  });

  socket.on('message', (p, ack) => {
    if (!valid(p) || typeof p.body !== 'string' || p.body.length < 1 || p.body.length > 4000) {
      return reply(ack, fail('invalid_payload', 'conversationId and body (1..4000) required'), 'message');
    }
    const c = visible(user, p.conversationId);
    if (!c) return reply(ack, fail('not_found', 'no such conversation'), 'message');
    const clientMessageId = typeof p.clientMessageId === 'string' ? p.clientMessageId : null;
    const repeat = clientMessageId && c.byClientId.get(`${user.userId}|${clientMessageId}`);
    if (repeat) return reply(ack, ok(repeat));
    const retryAfterMs = takeToken(user);
    if (retryAfterMs) return reply(ack, fail('rate_limited', 'too many messages', retryAfterMs), 'message');
    const message = {
      id: crypto.randomUUID(), conversationId: p.conversationId, seq: c.messages.length + 1,
      senderId: user.userId, body: p.body, clientMessageId, createdAt: now(), editedAt: null,
    };
    c.messages.push(message);
    if (clientMessageId) c.byClientId.set(`${user.userId}|${clientMessageId}`, message);
    socket.to(room(user, p.conversationId)).emit('message', message);
    reply(ack, ok(message));
  });

  socket.on('typing', (p, ack) => {
    if (!valid(p) || typeof p.isTyping !== 'boolean') return reply(ack, fail('invalid_payload', 'isTyping required'), 'typing');
    if (!visible(user, p.conversationId)) return reply(ack, fail('not_found', 'no such conversation'), 'typing');
    socket.to(room(user, p.conversationId)).emit('typing', { conversationId: p.conversationId, userId: user.userId, isTyping: p.isTyping });
    reply(ack, ok({}));
  });

  socket.on('message-read', (p, ack) => {
    if (!valid(p) || typeof p.messageId !== 'string') return reply(ack, fail('invalid_payload', 'messageId required'), 'message-read');
    const c = visible(user, p.conversationId);
    if (!c || !c.messages.some((m) => m.id === p.messageId)) return reply(ack, fail('not_found', 'no such message'), 'message-read');
    const receipt = { conversationId: p.conversationId, messageId: p.messageId, userId: user.userId, readAt: now() };
    socket.to(room(user, p.conversationId)).emit('message-read', receipt);
    reply(ack, ok(receipt));
  });

  socket.on('presence-update', (p, ack) => {
    if (!p || !['online', 'away', 'busy'].includes(p.status)) return reply(ack, fail('invalid_payload', 'status required'), 'presence-update');
    const presence = { userId: user.userId, status: p.status, statusText: p.statusText ?? null, at: now() };
    // Contacts approximated by the rooms this socket joined: enough for load, not for conformance.
    for (const r of socket.rooms) if (r !== socket.id) socket.to(r).emit('presence-update', presence);
    reply(ack, ok(presence));
  });
});

server.listen(Number(process.env.PORT || 0), process.env.HOST || '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
const stop = () => { io.close(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 2000).unref(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
