'use strict';
// Creates ROOMS rooms of MEMBERS users on the target through the contract's REST API (fresh random tenant),
// and writes members.csv for Artillery's payload: token,conversationId,member.
//   node setup.js TARGET_URL SECRET ROOMS MEMBERS OUT_CSV
const fs = require('fs');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

async function main() {
  const [target, secret, rooms, members, out] = process.argv.slice(2);
  const tenant = `artillery-${crypto.randomUUID().slice(0, 8)}`;
  const token = (sub) => jwt.sign({ sub, tenant_id: tenant }, secret, { algorithm: 'HS256', expiresIn: '1h' });
  const lines = ['token,conversationId,member'];
  for (let r = 0; r < Number(rooms); r++) {
    const users = Array.from({ length: Number(members) }, (_, m) => `a-${tenant}-${r}-${m}`);
    const tokens = users.map(token);
    const res = await fetch(`${target}/api/v2/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens[0]}` },
      body: JSON.stringify({ title: `artillery room ${r}`, participantIds: users.slice(1) }),
    });
    if (res.status !== 201) throw new Error(`POST /api/v2/conversations answered ${res.status} ${await res.text()}`);
    const { id } = await res.json();
    tokens.forEach((t, m) => lines.push(`${t},${id},${r * Number(members) + m}`));
  }
  fs.writeFileSync(out, lines.join('\n') + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
