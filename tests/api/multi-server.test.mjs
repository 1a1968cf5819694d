// Two `varde serve` processes on one PostgreSQL database: sessions, writes,
// login limits and the audit chain are shared. PostgreSQL only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, storeKind, DEMO_PASSWORD } from '../lib/server.mjs';
import { loginAs, orgsByCode, uniqCode, uniqUser, etag, auditTotal } from '../lib/api.mjs';

const pgOnly = storeKind !== 'postgres' && 'PostgreSQL only';
let a;
let b;
let orgs;

before(async () => {
  if (pgOnly) return;
  a = await startServer();
  b = await startServer({ db: a.db });
  orgs = await orgsByCode(await loginAs(a, 'admin'));
});
after(async () => {
  await b?.stop();
  await a?.stop();
});

// A client logged in on one server, pointed at the other.
function on(server, client) {
  const c = new Client(server.url);
  c.cookie = client.cookie;
  c.csrf = client.csrf;
  c.username = client.username;
  return c;
}

test('a session made on one server works on the other; logout on one ends it on both', { skip: pgOnly }, async () => {
  const onA = await loginAs(a, 'unn.isl');
  const onB = on(b, onA);
  const s = await onB.get('/api/session');
  assert.equal(s.status, 200);
  assert.equal(s.body.user.username, 'unn.isl');
  assert.equal(s.body.csrf_token, onA.csrf);
  assert.equal((await onB.del('/api/session')).status, 204);
  assert.equal((await on(a, onA).get('/api/session')).status, 401, 'logout on B did not end the session on A');
});

test('a write on one server is visible on the other, and optimistic locking spans both', { skip: pgOnly }, async () => {
  const adminA = await loginAs(a, 'hn.admin');
  const adminB = await loginAs(b, 'hn.admin');
  const made = await adminA.post('/api/orgs', { code: uniqCode('MS'), name: 'Laget på A', kind: 'unit', parent_id: orgs.get('UNN').id });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const seen = await adminB.get(`/api/orgs/${made.body.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.name, 'Laget på A');
  const p = await adminB.patch(`/api/orgs/${made.body.id}`, { name: 'Endret på B' }, { 'if-match': etag(made.body.version) });
  assert.equal(p.status, 200);
  const stale = await adminA.patch(`/api/orgs/${made.body.id}`, { name: 'Utdatert på A' }, { 'if-match': etag(made.body.version) });
  assert.equal(stale.status, 412);
  assert.equal(stale.body.current?.name, 'Endret på B');
  // A grant given on B takes effect for a session made on A.
  const u = await adminA.post('/api/users', { username: uniqUser('ms'), display_name: 'To servere', password: 'to-servere-passord', home_org_id: orgs.get('NLSH').id });
  assert.equal(u.status, 201, JSON.stringify(u.body));
  const c = await loginAs(a, u.body.username, 'to-servere-passord');
  assert.equal((await c.get(`/api/orgs/${orgs.get('NLSH').id}`)).status, 404);
  const g = await adminB.post(`/api/users/${u.body.id}/grants`, { org_id: orgs.get('NLSH').id, role: 'reader' });
  assert.equal(g.status, 201);
  assert.equal((await c.get(`/api/orgs/${orgs.get('NLSH').id}`)).status, 200, 'a grant made on B is not seen by a session on A');
});

test('concurrent writes on both servers keep one audit chain', { skip: pgOnly }, async () => {
  const admins = [];
  for (let i = 0; i < 8; i += 1) admins.push(await loginAs(i % 2 ? b : a, 'admin'));
  const before = await auditTotal(admins[0]);
  const results = await Promise.all(admins.map(async (c, w) => {
    const out = [];
    for (let i = 0; i < 10; i += 1) {
      const r = await c.post('/api/orgs', { code: uniqCode(`M${w}`), name: `Samtidig ${w}-${i}`, kind: 'unit', parent_id: orgs.get(w % 2 ? 'STO' : 'UNN').id });
      out.push(r.status === 201 ? r.body.id : `${r.status} ${JSON.stringify(r.body)}`);
    }
    return out;
  }));
  const failed = results.flat().filter((x) => typeof x === 'string');
  assert.deepEqual(failed, []);
  assert.equal(await auditTotal(admins[1]), before + 80);
  const v = cli(['audit', 'verify', '--db', a.db]);
  assert.equal(v.status, 0, `audit verify: ${v.stdout} ${v.stderr}`);
});

// Not in docs/api.md: with two servers, the login limit must not double.
test('failed logins on one server count on the other', { skip: pgOnly }, async () => {
  const admin = await loginAs(a, 'admin');
  const name = uniqUser('laas');
  const u = await admin.post('/api/users', { username: name, display_name: 'Låses', password: 'riktig-passord-1', home_org_id: orgs.get('UNN').id });
  assert.equal(u.status, 201);
  let locked = false;
  for (let i = 0; i < 30 && !locked; i += 1) {
    const server = i % 2 ? b : a;
    const r = await new Client(server.url).request('POST', '/api/session', { username: name, password: `feil-${i}` });
    locked = r.status === 429;
  }
  assert.ok(locked, 'no lock after 30 failed logins spread over two servers');
  for (const server of [a, b]) {
    const r = await new Client(server.url).request('POST', '/api/session', { username: name, password: 'riktig-passord-1' });
    assert.notEqual(r.status, 200, `the locked account opened on ${server === a ? 'A' : 'B'}`);
  }
  assert.equal((await new Client(b.url).request('POST', '/api/session', { username: 'unn.leser', password: DEMO_PASSWORD })).status, 200);
});
