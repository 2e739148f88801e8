// Chat v2 browser client example.
//
// Connects with the official socket.io-client 4.x (the global `io` from
// vendor/socket.io.min.js), authenticates with the handshake auth payload
// {token}, joins one conversation with an ack, and lists every event the
// server sends. Every client-to-server event is sent with an ack, as the
// contract asks, and each ack is shown under the request that caused it.
'use strict';

/** Events that reach the sockets that joined the conversation (contract section 6). */
const ROOM_EVENTS = ['message', 'typing', 'message-read', 'message-edited', 'message-deleted'];
/** Events that reach a user whether or not they joined: conversations, participants, presence, errors. */
const USER_EVENTS = [
  'conversation-created', 'conversation-updated', 'participant-added', 'participant-removed',
  'user-online', 'user-offline', 'presence-update', 'error',
];
const ACK_TIMEOUT_MS = 5000;

const $ = (id) => document.getElementById(id);
const actionButtons = ['send', 'typing', 'read', 'edit', 'delete'];

/** What the page knows about the current session; reset on every connect. */
const state = {
  socket: null,
  conversationId: null,
  me: null,
  isTyping: false,
  lastReceivedMessageId: null, // the newest message from someone else: what "mark read" marks
  myLastMessageId: null, // what "edit" and "delete" act on
};

// ---- the event list ------------------------------------------------------

/**
 * Appends one line to the event list. kind is "received" (server event),
 * "request" (what this page sent) or "ack" (the server's answer to it).
 * Payloads are shown with textContent, never innerHTML: message bodies come
 * from other users and must not become markup.
 */
function show(kind, name, payload, failed = false) {
  const li = document.createElement('li');
  li.className = `${kind === 'received' ? 'in' : 'out'}${failed ? ' failed' : ''}`;
  li.dataset.kind = kind;
  li.dataset.event = name;
  const direction = document.createElement('span');
  direction.className = 'direction';
  direction.textContent = kind === 'received' ? '\u2190' : '\u2192';
  const label = document.createElement('span');
  label.className = 'event-name';
  label.textContent = kind === 'ack' ? `${name} ack` : name;
  const code = document.createElement('code');
  code.textContent = JSON.stringify(payload ?? null);
  li.append(direction, label, code);
  $('events').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

function setStatus(stateName, text) {
  $('status').dataset.state = stateName;
  $('status').textContent = text;
  const joined = stateName === 'joined';
  for (const id of actionButtons) $(id).disabled = !joined;
  $('read').disabled = !joined || !state.lastReceivedMessageId;
  $('edit').disabled = !joined || !state.myLastMessageId;
  $('delete').disabled = !joined || !state.myLastMessageId;
  $('disconnect').disabled = !state.socket;
}

function refreshButtons() {
  setStatus($('status').dataset.state, $('status').textContent);
}

// ---- talking to the server -----------------------------------------------

/**
 * Sends one client-to-server event and waits for its ack
 * ({ok:true,data} or {ok:false,error:{code,message}}). Returns data, or null
 * when the server refused or did not answer in time.
 */
async function request(event, payload) {
  show('request', event, payload);
  try {
    const ack = await state.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    show('ack', event, ack, !ack?.ok);
    return ack?.ok ? ack.data : null;
  } catch (err) {
    show('ack', event, { timeout: `no ack within ${ACK_TIMEOUT_MS} ms`, detail: String(err?.message ?? err) }, true);
    return null;
  }
}

function onRoomEvent(name, payload) {
  show('received', name, payload);
  if (name === 'message' && payload?.senderId !== state.me) {
    state.lastReceivedMessageId = payload.id;
    refreshButtons();
  }
  if (name === 'message-deleted' && payload?.messageId === state.lastReceivedMessageId) {
    state.lastReceivedMessageId = null; // nothing left to mark read
    refreshButtons();
  }
}

/** The token's `sub`, read for display only: the server is the one that verifies the token. */
function subjectOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part)).sub ?? null;
  } catch {
    return null;
  }
}

function connect({ server, token, conversation, transports }) {
  disconnect();
  Object.assign(state, {
    conversationId: conversation, me: subjectOf(token), isTyping: false,
    lastReceivedMessageId: null, myLastMessageId: null,
  });
  const socket = io(server, {
    auth: { token }, // the contract's handshake auth payload; never the query string
    transports,
    reconnectionAttempts: 5,
  });
  state.socket = socket;
  setStatus('connecting', `connecting to ${server} as ${state.me ?? 'unknown user'}`);

  socket.on('connect', async () => {
    setStatus('connected', `connected as ${state.me ?? 'unknown user'}, joining ${conversation}`);
    // Rooms live on the server per socket, so join again after every (re)connect.
    const joined = await request('join-conversation', { conversationId: conversation });
    if (joined) {
      setStatus('joined', `joined ${joined.conversationId} as ${state.me ?? 'unknown user'} (lastSeq ${joined.lastSeq})`);
    } else {
      setStatus('error', `could not join ${conversation}: see the ack below`);
    }
  });
  socket.on('connect_error', (err) => {
    // A refused handshake carries {message:"unauthorized", data:{code}}.
    show('received', 'connect_error', { message: err.message, data: err.data ?? null }, true);
    setStatus('error', `connect_error: ${err.message}${err.data?.code ? ` (${err.data.code})` : ''}`);
  });
  socket.on('disconnect', (reason) => {
    show('received', 'disconnect', { reason });
    setStatus('disconnected', `disconnected: ${reason}`);
  });
  for (const name of ROOM_EVENTS) socket.on(name, (payload) => onRoomEvent(name, payload));
  for (const name of USER_EVENTS) socket.on(name, (payload) => show('received', name, payload, name === 'error'));
}

function disconnect() {
  if (state.socket) {
    state.socket.disconnect();
    state.socket = null;
  }
}

/** A per-message id so a retried send is not stored twice (contract section 8). */
function newClientMessageId() {
  return `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

// ---- the buttons ----------------------------------------------------------

$('connect-form').addEventListener('submit', (e) => {
  e.preventDefault();
  connect(readForm());
});

$('disconnect').addEventListener('click', () => {
  disconnect();
  setStatus('disconnected', 'disconnected by you');
});

$('actions').addEventListener('submit', async (e) => {
  e.preventDefault();
  const sent = await request('message', {
    conversationId: state.conversationId, body: $('body').value, clientMessageId: newClientMessageId(),
  });
  if (sent) state.myLastMessageId = sent.id;
  refreshButtons();
});

$('typing').addEventListener('click', async () => {
  const isTyping = !state.isTyping;
  if (await request('typing', { conversationId: state.conversationId, isTyping })) {
    state.isTyping = isTyping;
    $('typing').textContent = isTyping ? 'Stop typing' : 'Typing';
  }
});

$('read').addEventListener('click', () => request('message-read', {
  conversationId: state.conversationId, messageId: state.lastReceivedMessageId,
}));

$('edit').addEventListener('click', () => request('message-edited', {
  conversationId: state.conversationId, messageId: state.myLastMessageId, body: $('body').value,
}));

$('delete').addEventListener('click', async () => {
  if (await request('message-deleted', { conversationId: state.conversationId, messageId: state.myLastMessageId })) {
    state.myLastMessageId = null;
    refreshButtons();
  }
});

// ---- start-up: settings from the hash (preferred) or the query -------------

function readForm() {
  return {
    server: $('server').value.trim(),
    token: $('token').value.trim(),
    conversation: $('conversation').value.trim(),
    transports: $('transports').value.split(','),
  };
}

const params = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
for (const name of ['server', 'token', 'conversation', 'transports']) {
  if (params.has(name)) $(name).value = params.get(name);
}
setStatus('idle', 'not connected');
if (params.has('token') && params.has('conversation')) connect(readForm());
