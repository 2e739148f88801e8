'use strict';
// Artillery processor for the fan-out cross-check. The send time travels in the body (Date.now(), the same
// system clock every Artillery worker reads); each receiver reports its latency as the histogram
// "fanout.latency" (ms) and counts deliveries.

function listen(context, events, done) {
  const socket = context.sockets[''];
  socket.on('message', (message) => {
    const m = /^fo t=(\d+) /.exec(message && message.body);
    if (!m || message.conversationId !== context.vars.conversationId) return;
    events.emit('histogram', 'fanout.latency', Date.now() - Number(m[1]));
    events.emit('counter', 'fanout.deliveries', 1);
  });
  done();
}

// The body carries the send stamp, padded to 64 characters like the Gatling scenario's.
function stamp(context, events, done) {
  context.vars.body = `fo t=${Date.now()} `.padEnd(64, 'x');
  events.emit('counter', 'fanout.sent', 1);
  done();
}

module.exports = { listen, stamp };
