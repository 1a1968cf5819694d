// Many logins at once: each password check (Argon2id) takes 64 MiB while it
// runs, and the server caps how many run together, so a burst of logins all
// succeed (the ones beyond the cap wait their turn) and memory stays bounded
// however many workers take them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

const USERS = ['hn.admin', 'hn.isl', 'hn.revisor', 'hmn.isl', 'unn.isl', 'unn.pvo', 'unn.leder', 'unn.medarbeider',
  'unn.leser', 'hnikt.isl', 'sto.isl'];
let srv;

// 16 workers: without the cap, 16 hashes at once would take 1 GiB.
before(async () => { srv = await startServer({ extraArgs: ['--workers', '16'] }); });
after(async () => { await srv?.stop(); });

function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}

test('32 logins at once all succeed, and the server stays under 250 MB', async () => {
  const attempts = Array.from({ length: 32 }, (_, i) => USERS[i % USERS.length]);
  const answers = await Promise.all(attempts.map(async (username) => {
    const res = await fetch(srv.url + '/api/session', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return { username, status: res.status, body: await res.json() };
  }));
  for (const a of answers) {
    assert.equal(a.status, 200, `${a.username}: ${a.status} ${JSON.stringify(a.body)}`);
    assert.equal(a.body.user.username, a.username);
  }
  const rss = peakRssMb(srv.child.pid);
  // Two hashes at a time is 128 MiB beside the server's own ~30 MB; sixteen
  // would be over 1 GiB.
  assert.ok(rss < 250, `peak RSS ${rss.toFixed(0)} MB after 32 logins at once`);
});
