// Users and role grants through the API: create, validate, grant, revoke,
// what the new user then sees, disabling, and no privilege escalation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import {
  loginAs, allOrgs, orgsByCode, uniqUser, uniqCode, etag, assertProblem, assertList,
} from '../lib/api.mjs';

const PASSWORD = 'et-godt-langt-passord-2024';
const WRONG = 'Feil brukernavn eller passord';
let srv;
let admin;
let hnAdmin;
let orgs;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  hnAdmin = await loginAs(srv, 'hn.admin');
  orgs = await orgsByCode(admin);
});
after(async () => { await srv?.stop(); });

async function newUser(client, fields = {}) {
  const body = { username: uniqUser('bruker'), display_name: 'Kari Nordmann', password: PASSWORD, home_org_id: orgs.get('NLSH').id, ...fields };
  const res = await client.post('/api/users', body);
  assert.equal(res.status, 201, `POST /api/users ${JSON.stringify({ ...body, password: '…' })}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function grantsOf(nodeId, client = admin) {
  const res = await client.get(`/api/orgs/${nodeId}/grants`);
  assert.equal(res.status, 200, `GET /api/orgs/${nodeId}/grants: ${res.status}`);
  return Array.isArray(res.body) ? res.body : res.body.items;
}

async function tryLogin(username, password) {
  const c = new Client(srv.url);
  const res = await c.request('POST', '/api/session', { username, password });
  return { res, client: c };
}

test('create a user: 201 with the documented fields, no password in sight', async () => {
  const username = uniqUser('kari');
  const res = await hnAdmin.post('/api/users', {
    username, display_name: 'Kari Nordmann Ødegård', email: 'kari@example.no', password: PASSWORD, home_org_id: orgs.get('NLSH').id,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const u = res.body;
  for (const k of ['id', 'username', 'display_name', 'email', 'home_org', 'disabled', 'locale', 'version', 'grants']) assert.ok(k in u, `user lacks ${k}`);
  assert.equal(u.username, username);
  assert.equal(u.display_name, 'Kari Nordmann Ødegård');
  assert.equal(u.email, 'kari@example.no');
  assert.deepEqual({ id: u.home_org.id, code: u.home_org.code, name: u.home_org.name }, { id: orgs.get('NLSH').id, code: 'NLSH', name: orgs.get('NLSH').name });
  assert.equal(u.disabled, false);
  assert.equal(u.locale, 'nb', 'default locale should be nb');
  assert.equal(u.version, 1);
  assert.deepEqual(u.grants, []);
  assert.ok(!/password|hash|argon/i.test(JSON.stringify(u)), `the answer leaks password material: ${JSON.stringify(u)}`);
  const get = await hnAdmin.get(`/api/users/${u.id}`);
  assert.equal(get.status, 200);
  assert.equal(get.headers.get('etag'), etag(1));
  assert.ok(!/password|hash|argon/i.test(JSON.stringify(get.body)));
});

test('validation: short password, duplicate username, missing fields, bad email or locale; nothing is created', async () => {
  const count = async () => (await admin.get('/api/users?limit=1')).body.total;
  const before = await count();
  const nlsh = orgs.get('NLSH').id;
  const base = () => ({ username: uniqUser('val'), display_name: 'Ola', password: PASSWORD, home_org_id: nlsh });
  const cases = [
    ['password', { ...base(), password: 'kort' }],
    ['password', { ...base(), password: '' }],
    ['username', { ...base(), username: 'unn.leser' }, 409],
    ['username', { ...base(), username: '' }],
    ['display_name', { ...base(), display_name: '' }],
    ['home_org_id', (({ home_org_id, ...b }) => b)(base())],
    ['password', (({ password, ...b }) => b)(base())],
    ['email', { ...base(), email: 'ikke-en-adresse' }],
    ['locale', { ...base(), locale: 'xx' }],
  ];
  const complaints = [];
  for (const [field, body, status = 400] of cases) {
    const res = await hnAdmin.post('/api/users', body);
    try {
      assertProblem(res, status, { field, context: `POST /api/users ${JSON.stringify({ ...body, password: body.password === undefined ? undefined : '…' })}` });
    } catch (e) { complaints.push(e.message.split('\n')[0]); }
  }
  assert.deepEqual(complaints, []);
  assert.equal(await count(), before, 'a refused POST /api/users created a user');
});

test('grant a role: 201 grant; it shows on the node, on the user and in the user\'s session', async () => {
  const u = await newUser(hnAdmin);
  const nlsh = orgs.get('NLSH');
  const res = await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh.id, role: 'security_officer' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const g = res.body;
  assert.equal(g.user_id, u.id);
  assert.equal(g.role, 'security_officer');
  assert.equal(g.leader_level, null);
  assert.deepEqual(g.org, { id: nlsh.id, code: 'NLSH', name: nlsh.name, path: nlsh.path });

  const onNode = (await grantsOf(nlsh.id)).find((x) => x.id === g.id);
  assert.ok(onNode, 'grant not listed on GET /api/orgs/{id}/grants');
  assert.deepEqual(onNode.user, { id: u.id, username: u.username, display_name: u.display_name });
  assert.equal(onNode.role, 'security_officer');

  const user = await hnAdmin.get(`/api/users/${u.id}`);
  assert.ok(user.body.grants.some((x) => x.id === g.id && x.role === 'security_officer'), JSON.stringify(user.body.grants));

  // A grant on a node above does not show on /api/orgs/{child}/grants ("exactly this node").
  const unit = await hnAdmin.post('/api/orgs', { code: uniqCode('UG'), name: 'Under NLSH', kind: 'unit', parent_id: nlsh.id });
  assert.equal(unit.status, 201);
  assert.ok(!(await grantsOf(unit.body.id)).some((x) => x.id === g.id), 'a grant on NLSH is listed on its child');

  const dup = await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh.id, role: 'security_officer' });
  assertProblem(dup, 409, { context: 'the same grant twice' });
});

test('grant validation: unknown role, leader without or with a bad leader_level', async () => {
  const u = await newUser(hnAdmin);
  const nlsh = orgs.get('NLSH').id;
  assertProblem(await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh, role: 'superuser' }), 400, { field: 'role', context: 'role superuser' });
  assertProblem(await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh, role: 'leader' }), 400, { field: 'leader_level', context: 'leader without level' });
  assertProblem(await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh, role: 'leader', leader_level: 5 }), 400, { field: 'leader_level', context: 'leader level 5' });
  assertProblem(await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh, role: 'leader', leader_level: 0 }), 400, { field: 'leader_level', context: 'leader level 0' });
  assert.deepEqual((await hnAdmin.get(`/api/users/${u.id}`)).body.grants, []);
  const ok = await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh, role: 'leader', leader_level: 2 });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.leader_level, 2);
});

test('the new user logs in and sees only their subtree; revoking takes effect at once', async () => {
  const u = await newUser(hnAdmin);
  const nlsh = orgs.get('NLSH');
  const g = await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: nlsh.id, role: 'reader' });
  assert.equal(g.status, 201);
  const c = await loginAs(srv, u.username, PASSWORD);
  const seen = await allOrgs(c);
  assert.ok(seen.some((o) => o.id === nlsh.id), 'does not see NLSH');
  assert.ok(seen.every((o) => o.path.startsWith(nlsh.path)), `sees outside NLSH: ${seen.filter((o) => !o.path.startsWith(nlsh.path)).map((o) => o.code)}`);
  assertProblem(await c.get(`/api/orgs/${orgs.get('UNN').id}`), 404, { context: 'NLSH reader GET UNN' });
  assertProblem(await c.get(`/api/orgs/${nlsh.id}/grants`), 403, { context: 'reader GET grants' });

  const del = await hnAdmin.del(`/api/grants/${g.body.id}`);
  assert.equal(del.status, 204);
  assert.ok(!(await grantsOf(nlsh.id)).some((x) => x.id === g.body.id), 'revoked grant still listed');
  assertProblem(await hnAdmin.del(`/api/grants/${g.body.id}`), 404, { context: 'revoke twice' });
  // The session that was open before the revocation has lost the access.
  assertProblem(await c.get(`/api/orgs/${nlsh.id}`), 404, { context: 'GET NLSH after revocation' });
  const after = await c.get('/api/orgs');
  assert.equal(after.status, 200);
  assert.equal(after.body.total, 0, 'a user without grants still sees nodes');
});

test('a user with no grant sees no node', async () => {
  const u = await newUser(hnAdmin);
  const c = await loginAs(srv, u.username, PASSWORD);
  const res = await c.get('/api/orgs');
  assertList(res, 'GET /api/orgs with no grants');
  assert.equal(res.body.total, 0);
  assertProblem(await c.get(`/api/orgs/${orgs.get('NLSH').id}`), 404, { context: 'home node without a grant' });
});

test('PATCH: display name, locale and password; stale version 412; disabled blocks login and ends sessions', async () => {
  const u = await newUser(hnAdmin);
  await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: orgs.get('NLSH').id, role: 'reader' });
  const c = await loginAs(srv, u.username, PASSWORD);

  const p1 = await hnAdmin.patch(`/api/users/${u.id}`, { display_name: 'Nytt Navn', locale: 'en' }, { 'if-match': etag(u.version) });
  assert.equal(p1.status, 200, JSON.stringify(p1.body));
  assert.equal(p1.body.display_name, 'Nytt Navn');
  assert.equal(p1.body.locale, 'en');
  assert.equal(p1.body.version, u.version + 1);
  assertProblem(await hnAdmin.patch(`/api/users/${u.id}`, { display_name: 'Gammel' }, { 'if-match': etag(u.version) }), 412, { context: 'stale user PATCH' });
  assertProblem(await hnAdmin.patch(`/api/users/${u.id}`, { display_name: 'Uten' }), 428, { context: 'user PATCH without If-Match' });
  assertProblem(await hnAdmin.patch(`/api/users/${u.id}`, { username: 'nytt.navn' }, { 'if-match': etag(p1.body.version) }), 400, { field: 'username', context: 'PATCH username' });
  assertProblem(await hnAdmin.patch(`/api/users/${u.id}`, { password: 'kort' }, { 'if-match': etag(p1.body.version) }), 400, { field: 'password', context: 'PATCH short password' });

  const dis = await hnAdmin.patch(`/api/users/${u.id}`, { disabled: true }, { 'if-match': etag(p1.body.version) });
  assert.equal(dis.status, 200, JSON.stringify(dis.body));
  assert.equal(dis.body.disabled, true);
  const login = await tryLogin(u.username, PASSWORD);
  assertProblem(login.res, 401, { context: 'disabled login' });
  assert.ok(`${login.res.body.title} ${login.res.body.detail ?? ''}`.includes(WRONG), JSON.stringify(login.res.body));
  assert.equal((await c.get('/api/session')).status, 401, 'a disabled user kept their session');

  const en = await hnAdmin.patch(`/api/users/${u.id}`, { disabled: false, password: 'et-helt-nytt-passord-99' }, { 'if-match': etag(dis.body.version) });
  assert.equal(en.status, 200, JSON.stringify(en.body));
  assert.equal(en.body.disabled, false);
  assert.equal((await tryLogin(u.username, PASSWORD)).res.status, 401, 'the old password still works');
  assert.equal((await tryLogin(u.username, 'et-helt-nytt-passord-99')).res.status, 200, 'the new password does not work');
});

test('GET /api/users lists users under the nodes the caller manages, with org_id and q filters', async () => {
  const u = await newUser(hnAdmin);
  const nlsh = orgs.get('NLSH').id;
  const hnIsl = await loginAs(srv, 'hn.isl');
  const unnIsl = await loginAs(srv, 'unn.isl');
  const hmnIsl = await loginAs(srv, 'hmn.isl');

  const byOrg = await hnIsl.get(`/api/users?org_id=${nlsh}&limit=500`);
  assertList(byOrg, 'hn.isl GET /api/users?org_id=NLSH');
  assert.ok(byOrg.body.items.some((x) => x.id === u.id));
  assert.ok(byOrg.body.items.every((x) => x.home_org.id === nlsh), 'org_id filter lets other users through');
  const byQ = await hnIsl.get(`/api/users?q=${encodeURIComponent(u.username)}`);
  assert.deepEqual(byQ.body.items.map((x) => x.username), [u.username]);

  for (const c of [unnIsl, hmnIsl]) {
    const all = await c.get('/api/users?limit=500');
    assertList(all, `${c.username} GET /api/users`);
    assert.ok(!all.body.items.some((x) => x.id === u.id), `${c.username} sees a user at NLSH`);
    assertProblem(await c.get(`/api/users/${u.id}`), 404, { context: `${c.username} GET NLSH user` });
  }
  const unnUsers = (await unnIsl.get('/api/users?limit=500')).body.items.map((x) => x.username);
  assert.ok(unnUsers.includes('unn.leser'), `unn.isl does not see unn.leser: ${unnUsers}`);
  assert.ok(!unnUsers.includes('sto.isl') && !unnUsers.includes('hnikt.isl'), `unn.isl sees users of other trusts: ${unnUsers}`);
  const hmnUsers = (await hmnIsl.get('/api/users?limit=500')).body.items.map((x) => x.username);
  assert.ok(hmnUsers.includes('sto.isl'), `hmn.isl does not see sto.isl: ${hmnUsers}`);
  assert.ok(!hmnUsers.some((n) => n.startsWith('unn.') || n.startsWith('hn.')), `hmn.isl sees HN users: ${hmnUsers}`);
});

test('no privilege escalation: manage is not administer, and no one grants above their own node', async () => {
  const hnIsl = await loginAs(srv, 'hn.isl');
  const u = await newUser(hnAdmin);
  const nlsh = orgs.get('NLSH').id;
  // A security officer (manage) may not create users or grant roles.
  assertProblem(await hnIsl.post('/api/users', { username: uniqUser('x'), display_name: 'X', password: PASSWORD, home_org_id: nlsh }), 403, { context: 'hn.isl creates a user' });
  assertProblem(await hnIsl.post(`/api/users/${u.id}/grants`, { org_id: nlsh, role: 'admin' }), 403, { context: 'hn.isl grants admin' });
  const hnIslSelf = (await hnIsl.get('/api/session')).body.user;
  assertProblem(await hnIsl.post(`/api/users/${hnIslSelf.id}/grants`, { org_id: orgs.get('HN').id, role: 'admin' }), 403, { context: 'hn.isl grants itself admin' });
  // A region admin cannot grant on the nation, nor on the other region, even to itself.
  const hnAdminSelf = (await hnAdmin.get('/api/session')).body.user;
  assertProblem(await hnAdmin.post(`/api/users/${hnAdminSelf.id}/grants`, { org_id: orgs.get('NO').id, role: 'admin' }), 404, { context: 'hn.admin grants itself admin on NO' });
  assertProblem(await hnAdmin.post(`/api/users/${u.id}/grants`, { org_id: orgs.get('STO').id, role: 'reader' }), 404, { context: 'hn.admin grants on STO' });
  // …nor create a user at home outside its subtree, nor touch the national admin.
  assertProblem(await hnAdmin.post('/api/users', { username: uniqUser('y'), display_name: 'Y', password: PASSWORD, home_org_id: orgs.get('STO').id }), 404, { context: 'hn.admin creates a user at STO' });
  const nationalAdmin = (await admin.get('/api/session')).body.user;
  assertProblem(await hnAdmin.get(`/api/users/${nationalAdmin.id}`), 404, { context: 'hn.admin GET national admin' });
  assertProblem(await hnAdmin.patch(`/api/users/${nationalAdmin.id}`, { disabled: true }, { 'if-match': etag(1) }), 404, { context: 'hn.admin disables the national admin' });
  // Nor revoke the national admin's grant.
  const noGrant = (await admin.get('/api/session')).body.grants.find((g) => g.role === 'admin');
  assertProblem(await hnAdmin.del(`/api/grants/${noGrant.id}`), 404, { context: "hn.admin revokes admin's grant" });
  assert.equal((await admin.get('/api/session')).status, 200);
  assert.deepEqual((await hnAdmin.get(`/api/users/${u.id}`)).body.grants, [], 'a refused grant was made anyway');
});

test('a disabled user is listed as disabled; a user id that does not exist is 404', async () => {
  const u = await newUser(hnAdmin);
  const dis = await hnAdmin.patch(`/api/users/${u.id}`, { disabled: true }, { 'if-match': etag(u.version) });
  assert.equal(dis.status, 200);
  const list = await hnAdmin.get(`/api/users?q=${encodeURIComponent(u.username)}`);
  assert.equal(list.body.items[0]?.disabled, true);
  assertProblem(await admin.get('/api/users/987654321'), 404, { context: 'unknown user' });
  assertProblem(await admin.patch('/api/users/987654321', { display_name: 'x' }, { 'if-match': etag(1) }), 404, { context: 'PATCH unknown user' });
  assertProblem(await admin.post('/api/users/987654321/grants', { org_id: orgs.get('NLSH').id, role: 'reader' }), 404, { context: 'grant to unknown user' });
  assertProblem(await admin.del('/api/grants/987654321'), 404, { context: 'revoke unknown grant' });
});
