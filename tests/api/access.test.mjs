// THE access matrix: every route of /api/openapi.json × every demo role ×
// an object in the caller's own trust and in other trusts.
//
// Targets (where the object of a request lives):
//   UNN  – the trust UNN itself (or a fresh child of it) – "own trust" of the unn.* users
//   NLSH – another trust in the same region (HN)
//   UNIT – the unit under UNN on which unn.medarbeider is contributor
//   STO  – a trust in the other region (HMN)
//
// Rules from docs/api.md: hidden objects (outside every subtree the user has a
// role on) answer 404; visible objects where the role lacks the permission
// answer 403; no session answers 401 on every non-public route.
//
// Choices where docs/api.md is silent (see the report):
//  * a node named in the request body (parent_id, home_org_id, org_id) that the
//    caller cannot see answers 404, like a hidden node in the path;
//  * ancestors are not visible: unn.medarbeider (contributor on a unit) gets 404
//    for UNN itself;
//  * "session (manage)" / "session (audit)" list routes answer either 403 or an
//    empty list to users without that permission anywhere (column value E).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD } from '../lib/server.mjs';
import {
  DEMO_USERS, loginAs, anonymous, allOrgs, orgsByCode, uniqCode, uniqUser, etag,
  under, pathsWith,
} from '../lib/api.mjs';

const ROLES = [...DEMO_USERS, 'anon'];
const TARGETS = ['UNN', 'NLSH', 'UNIT', 'STO'];

// One matrix row: statuses in ROLES order. A number is the status expected;
// E = 403, or 200 with an empty list.
function row(spec) {
  const cells = spec.trim().split(/\s+/);
  assert.equal(cells.length, ROLES.length, `matrix row "${spec}" needs ${ROLES.length} cells`);
  return Object.fromEntries(ROLES.map((r, i) => [r, cells[i] === 'E' ? 'E' : Number(cells[i])]));
}

// The matrices, one row per target. Columns:
//              admin hn.adm hn.isl unn.isl unn.pvo unn.led unn.med unn.les hn.rev hmn.isl anon
const READ = {
  UNN:  row(' 200   200    200    200     200     200     404     200     200    404     401'),
  NLSH: row(' 200   200    200    404     404     404     404     404     200    404     401'),
  UNIT: row(' 200   200    200    200     200     200     200     200     200    404     401'),
  STO:  row(' 200   404    404    404     404     404     404     404     404    200     401'),
};
const MANAGE = {
  UNN:  row(' 200   200    200    200     200     403     404     403     403    404     401'),
  NLSH: row(' 200   200    200    404     404     404     404     404     403    404     401'),
  UNIT: row(' 200   200    200    200     200     403     403     403     403    404     401'),
  STO:  row(' 200   404    404    404     404     404     404     404     404    200     401'),
};
// administer: `ok` is the success status of the route (200, 201, 204).
const ADMINISTER = (ok) => ({
  UNN:  row(`${ok}  ${ok}  403    403     403     403     404     403     403    404     401`),
  NLSH: row(`${ok}  ${ok}  403    404     404     404     404     404     403    404     401`),
  UNIT: row(`${ok}  ${ok}  403    403     403     403     403     403     403    404     401`),
  STO:  row(`${ok}  404    404    404     404     404     404     404     404    403     401`),
});
const PUBLIC = row('200   200    200    200     200     200     200     200     200    200     200');
const SESSION = (ok) => row(`${ok} ${ok} ${ok}  ${ok}   ${ok}   ${ok}   ${ok}   ${ok}   ${ok}  ${ok}   401`);
const LIST_MANAGE = row('200 200    200    200     200     E       E       E       E      200     401');
const LIST_AUDIT = row(' 200 200    E      E       E       E       E       E       200    E       401');

let srv;
const ctx = { clients: {}, sessions: {}, orgs: null, orgById: null, node: {}, users: {} };

// A fresh leaf node under the target, made by admin.
async function freshChild(target) {
  const res = await ctx.clients.admin.post('/api/orgs', {
    code: uniqCode('ACC'), name: `Tilgangstest under ${target}`, kind: 'unit', parent_id: ctx.node[target].id,
  });
  assert.equal(res.status, 201, `admin could not create a child of ${target}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// A user whose home node is the target, made by admin once per target.
async function fixtureUser(target) {
  if (!ctx.users[target]) {
    const res = await ctx.clients.admin.post('/api/users', {
      username: uniqUser('tilgang'), display_name: `Tilgang ${target}`, password: 'tilgang-test-passord-1',
      home_org_id: ctx.node[target].id,
    });
    assert.equal(res.status, 201, `admin could not create a user at ${target}: ${res.status} ${JSON.stringify(res.body)}`);
    ctx.users[target] = res.body;
  }
  return ctx.users[target];
}

async function grantsOn(nodeId) {
  const res = await ctx.clients.admin.get(`/api/orgs/${nodeId}/grants`);
  assert.equal(res.status, 200, `admin GET /api/orgs/${nodeId}/grants: ${res.status}`);
  return Array.isArray(res.body) ? res.body : res.body.items;
}

// Every route. `access` is what x-access in openapi.json must say; `expect`
// is one row (route not tied to a node) or a matrix by target; `request`
// builds the request; `prepare` makes fresh objects before each request;
// `unchanged` checks a refused write left everything as it was (returns a
// complaint or null); `cleanup` runs after each request; `check` looks at a
// 2xx answer (returns a complaint or null).
const ROUTES = {
  'GET /api/health': {
    access: { scope: 'public' }, expect: PUBLIC,
    request: () => ({ path: '/api/health' }),
    check: (res) => (res.body.status === 'ok' ? null : `status member ${res.body.status}`),
  },
  'GET /api/openapi.json': {
    access: { scope: 'public' }, expect: PUBLIC,
    request: () => ({ path: '/api/openapi.json' }),
    check: (res) => (res.body.paths ? null : 'no "paths"'),
  },
  'GET /metrics': {
    access: { scope: 'public' }, expect: PUBLIC,
    request: () => ({ path: '/metrics' }),
  },
  'POST /api/session': {
    access: { scope: 'public' }, expect: PUBLIC,
    // Anyone may log in; "anon" logs in as unn.leser. A fresh client each time,
    // so the sessions used by the other rows stay as they are.
    client: () => new Client(srv.url),
    request: (target, role) => ({ body: { username: role === 'anon' ? 'unn.leser' : role, password: DEMO_PASSWORD } }),
    check: (res, target, role) => (res.body.user?.username === (role === 'anon' ? 'unn.leser' : role) && res.body.csrf_token ? null : 'no user/csrf_token'),
  },
  'GET /api/session': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/session' }),
    check: (res, target, role) => (res.body.user?.username === role ? null : `user ${res.body.user?.username}`),
  },
  'DELETE /api/session': {
    access: { scope: 'session' }, expect: SESSION(204),
    // Logging out: a fresh session of the role, so the shared one survives.
    client: async (role) => (role === 'anon' ? anonymous(srv) : loginAs(srv, role)),
    request: () => ({ path: '/api/session' }),
  },
  'GET /api/roles': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/roles' }),
    check: (res) => {
      const roles = (Array.isArray(res.body) ? res.body : []).map((r) => r.role).sort();
      const want = ['admin', 'auditor', 'contributor', 'leader', 'privacy_officer', 'reader', 'security_officer'];
      return JSON.stringify(roles) === JSON.stringify(want) ? null : `roles ${JSON.stringify(roles)}`;
    },
  },
  'GET /api/orgs': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/orgs?limit=500' }),
    check: (res, target, role) => {
      const allowed = pathsWith(ctx.sessions[role], 'read');
      const leaked = res.body.items.filter((o) => !under(o.path, allowed)).map((o) => o.code);
      if (leaked.length) return `sees nodes outside its subtrees: ${leaked.join(', ')}`;
      if (res.body.items.length === 0) return 'sees no node at all';
      return null;
    },
  },
  'POST /api/orgs': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(201), perTarget: true,
    request: (target) => {
      const code = uniqCode('ACC');
      return { body: { code, name: 'Ny enhet (tilgangstest)', kind: 'unit', parent_id: ctx.node[target].id }, code };
    },
    check: (res, target) => (res.body.parent_id === ctx.node[target].id ? null : `parent_id ${res.body.parent_id}`),
    unchanged: async (target, req) => {
      const r = await ctx.clients.admin.get(`/api/orgs?q=${req.code}`);
      return r.body.total === 0 ? null : `org ${req.code} was created anyway`;
    },
  },
  'GET /api/orgs/{id}': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}` }),
    check: (res, target) => (res.body.id === ctx.node[target].id ? null : `id ${res.body.id}`),
  },
  'PATCH /api/orgs/{id}': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(200), perTarget: true,
    prepare: (target) => freshChild(target),
    request: (target, role, org) => ({
      path: `/api/orgs/${org.id}`, body: { name: `Endret av ${role}` }, headers: { 'if-match': etag(org.version) },
    }),
    check: (res, target, role) => (res.body.name === `Endret av ${role}` ? null : `name ${res.body.name}`),
    unchanged: async (target, req, org) => {
      const r = await ctx.clients.admin.get(`/api/orgs/${org.id}`);
      return r.body.version === org.version && r.body.name === org.name ? null : `org changed anyway: ${JSON.stringify(r.body)}`;
    },
  },
  'DELETE /api/orgs/{id}': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(204), perTarget: true,
    prepare: (target) => freshChild(target),
    request: (target, role, org) => ({ path: `/api/orgs/${org.id}` }),
    unchanged: async (target, req, org) => {
      const r = await ctx.clients.admin.get(`/api/orgs/${org.id}`);
      return r.status === 200 ? null : `org deleted anyway (${r.status})`;
    },
  },
  'GET /api/orgs/{id}/grants': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/grants` }),
    check: (res) => (Array.isArray(res.body) || Array.isArray(res.body.items) ? null : 'not a list'),
  },
  'GET /api/users': {
    access: { scope: 'session', permission: 'manage' }, expect: LIST_MANAGE,
    request: () => ({ path: '/api/users?limit=500' }),
    check: async (res, target, role) => {
      const allowed = pathsWith(ctx.sessions[role], 'manage');
      const byId = new Map((await allOrgs(ctx.clients.admin)).map((o) => [o.id, o]));
      const leaked = res.body.items.filter((u) => !under(byId.get(u.home_org?.id)?.path ?? '?', allowed));
      return leaked.length ? `sees users outside its managed subtrees: ${leaked.map((u) => u.username).join(', ')}` : null;
    },
  },
  'POST /api/users': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(201), perTarget: true,
    request: (target) => {
      const username = uniqUser('ny');
      return { body: { username, display_name: 'Ny bruker', password: 'tilgang-test-passord-2', home_org_id: ctx.node[target].id }, username };
    },
    check: (res, target) => (res.body.home_org?.id === ctx.node[target].id ? null : `home_org ${JSON.stringify(res.body.home_org)}`),
    unchanged: async (target, req) => {
      const r = await ctx.clients.admin.get(`/api/users?q=${encodeURIComponent(req.username)}`);
      return (r.body.items || []).some((u) => u.username === req.username) ? `user ${req.username} was created anyway` : null;
    },
  },
  'GET /api/users/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    prepare: (target) => fixtureUser(target),
    request: (target, role, user) => ({ path: `/api/users/${user.id}` }),
    check: (res, target, role, user) => (res.body.username === user.username ? null : `username ${res.body.username}`),
  },
  'PATCH /api/users/{id}': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(200), perTarget: true,
    prepare: async (target) => {
      const u = await fixtureUser(target);
      const r = await ctx.clients.admin.get(`/api/users/${u.id}`);
      assert.equal(r.status, 200, `admin GET /api/users/${u.id}: ${r.status}`);
      return r.body;
    },
    request: (target, role, user) => ({
      path: `/api/users/${user.id}`, body: { display_name: `Navn satt av ${role}` }, headers: { 'if-match': etag(user.version) },
    }),
    check: (res, target, role) => (res.body.display_name === `Navn satt av ${role}` ? null : `display_name ${res.body.display_name}`),
    unchanged: async (target, req, user) => {
      const r = await ctx.clients.admin.get(`/api/users/${user.id}`);
      return r.body.version === user.version && r.body.display_name === user.display_name ? null : 'user changed anyway';
    },
  },
  'POST /api/users/{id}/grants': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(201), perTarget: true,
    prepare: (target) => fixtureUser(target),
    request: (target, role, user) => ({ path: `/api/users/${user.id}/grants`, body: { org_id: ctx.node[target].id, role: 'reader' } }),
    check: (res, target, role, user) => (res.body.user_id === user.id && res.body.role === 'reader' ? null : `grant ${JSON.stringify(res.body)}`),
    unchanged: async (target, req, user) => {
      const gs = await grantsOn(ctx.node[target].id);
      return gs.some((g) => g.user_id === user.id || g.user?.id === user.id) ? 'grant was made anyway' : null;
    },
    // Revoke what was granted, so the next role can grant it again.
    cleanup: async (target, req, user) => {
      for (const g of await grantsOn(ctx.node[target].id)) {
        if (g.user_id === user.id || g.user?.id === user.id) await ctx.clients.admin.del(`/api/grants/${g.id}`);
      }
    },
  },
  'DELETE /api/grants/{id}': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(204), perTarget: true,
    prepare: async (target) => {
      const u = await fixtureUser(target);
      const r = await ctx.clients.admin.post(`/api/users/${u.id}/grants`, { org_id: ctx.node[target].id, role: 'reader' });
      assert.equal(r.status, 201, `admin could not grant reader on ${target}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    request: (target, role, grant) => ({ path: `/api/grants/${grant.id}` }),
    unchanged: async (target, req, grant) => {
      const gs = await grantsOn(ctx.node[target].id);
      return gs.some((g) => g.id === grant.id) ? null : 'grant was revoked anyway';
    },
    cleanup: async (target, req, grant) => { await ctx.clients.admin.del(`/api/grants/${grant.id}`); },
  },
  'GET /api/audit': {
    access: { scope: 'session', permission: 'audit' }, expect: LIST_AUDIT,
    request: () => ({ path: '/api/audit?limit=500' }),
    check: async (res, target, role) => {
      const allowed = pathsWith(ctx.sessions[role], 'audit');
      const byId = new Map((await allOrgs(ctx.clients.admin)).map((o) => [o.id, o]));
      const root = [...byId.values()].find((o) => o.parent_id === null || o.parent_id === undefined);
      const bad = res.body.items.filter((e) => (e.org_id == null
        ? !allowed.includes(root.path)
        : !under(e.org_path ?? byId.get(e.org_id)?.path ?? '?', allowed)));
      return bad.length ? `sees ${bad.length} events outside its audit subtrees, e.g. ${JSON.stringify(bad[0])}` : null;
    },
  },
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const routeKey = (method, path) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{id}')}`;
let openapi;

before(async () => {
  srv = await startServer();
  for (const u of DEMO_USERS) {
    ctx.clients[u] = await loginAs(srv, u);
    ctx.sessions[u] = (await ctx.clients[u].get('/api/session')).body;
  }
  ctx.clients.anon = anonymous(srv);
  ctx.orgs = await orgsByCode(ctx.clients.admin);
  ctx.orgById = new Map([...ctx.orgs.values()].map((o) => [o.id, o]));
  for (const code of ['UNN', 'NLSH', 'STO']) {
    assert.ok(ctx.orgs.has(code), `demo data has no ${code}`);
    ctx.node[code] = ctx.orgs.get(code);
  }
  const unit = ctx.sessions['unn.medarbeider'].grants.find((g) => g.role === 'contributor');
  assert.ok(unit, 'unn.medarbeider has no contributor grant');
  assert.ok(unit.org.path.startsWith(ctx.node.UNN.path) && unit.org.id !== ctx.node.UNN.id,
    `unn.medarbeider's unit ${unit.org.code} is not below UNN`);
  ctx.node.UNIT = ctx.orgById.get(unit.org.id);
  const res = await fetch(srv.url + '/api/openapi.json');
  openapi = await res.json();
});

after(async () => { await srv?.stop(); });

function operations() {
  const ops = [];
  for (const [path, item] of Object.entries(openapi.paths || {})) {
    for (const m of METHODS) if (item[m]) ops.push({ key: routeKey(m, path), method: m.toUpperCase(), path, op: item[m] });
  }
  return ops;
}

test('every route in openapi.json has a row in the access table', () => {
  const missing = operations().map((o) => o.key).filter((k) => !(k in ROUTES));
  assert.deepEqual(missing, [], `routes without an access-table entry: ${missing.join(', ')}`);
});

test('every route in the access table exists in openapi.json', () => {
  const present = new Set(operations().map((o) => o.key));
  const gone = Object.keys(ROUTES).filter((k) => !present.has(k));
  assert.deepEqual(gone, [], `access-table entries for routes openapi.json does not list: ${gone.join(', ')}`);
});

test('every operation carries x-access, and it says what the table says', () => {
  const wrong = [];
  for (const { key, op } of operations()) {
    const xa = op['x-access'];
    if (!xa || typeof xa !== 'object') { wrong.push(`${key}: no x-access`); continue; }
    if (!['public', 'session', 'node'].includes(xa.scope)) wrong.push(`${key}: scope ${JSON.stringify(xa.scope)}`);
    if (xa.scope === 'node' && !xa.org_from) wrong.push(`${key}: node scope without org_from`);
    const want = ROUTES[key]?.access;
    if (!want) continue;
    if (xa.scope !== want.scope) wrong.push(`${key}: scope ${xa.scope}, table says ${want.scope}`);
    if (want.permission && xa.permission !== want.permission) wrong.push(`${key}: permission ${xa.permission}, table says ${want.permission}`);
  }
  assert.deepEqual(wrong, []);
});

test('anonymous gets 401 problem+json on every non-public route of openapi.json', async () => {
  const wrong = [];
  for (const { key, method, path, op } of operations()) {
    if (op['x-access']?.scope === 'public') continue;
    const concrete = path.replace(/\{[^}]+\}/g, String(ctx.node.UNN.id));
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
    const res = await ctx.clients.anon.request(method, concrete, body);
    if (res.status !== 401) wrong.push(`${key}: ${res.status}`);
    else if (!/^application\/problem\+json/.test(res.headers.get('content-type') || '')) wrong.push(`${key}: 401 not problem+json`);
  }
  assert.deepEqual(wrong, []);
});

// One test per route: every role × every target; all mismatches in one message.
for (const [key, entry] of Object.entries(ROUTES)) {
  test(`access matrix: ${key}`, async () => {
    const [method, template] = key.split(' ');
    const mismatches = [];
    for (const target of entry.perTarget ? TARGETS : [null]) {
      const expectRow = entry.perTarget ? entry.expect[target] : entry.expect;
      for (const role of ROLES) {
        const expected = expectRow[role];
        const prepared = entry.prepare ? await entry.prepare(target) : undefined;
        const req = entry.request(target, role, prepared);
        const client = entry.client ? await entry.client(role) : ctx.clients[role];
        const res = await client.request(method, req.path || template, req.body, req.headers || {});
        const where = `${key}${target ? ` [${target}]` : ''} as ${role}`;
        const listEmpty = res.status === 200 && Array.isArray(res.body?.items) && res.body.items.length === 0 && res.body.total === 0;
        const ok = expected === 'E' ? (res.status === 403 || listEmpty) : res.status === expected;
        if (!ok) {
          mismatches.push(`${where}: expected ${expected === 'E' ? '403 or an empty list' : expected}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`);
        } else if (res.status >= 400) {
          const ct = res.headers.get('content-type') || '';
          if (!/^application\/problem\+json/.test(ct)) mismatches.push(`${where}: ${res.status} with Content-Type "${ct}", not application/problem+json`);
        } else if (entry.check && res.status !== 204) {
          const complaint = await entry.check(res, target, role, prepared);
          if (complaint) mismatches.push(`${where}: ${complaint}`);
        }
        if (res.status >= 400 && entry.unchanged) {
          const complaint = await entry.unchanged(target, req, prepared);
          if (complaint) mismatches.push(`${where}: refused with ${res.status} but ${complaint}`);
        }
        if (entry.cleanup) await entry.cleanup(target, req, prepared);
      }
    }
    assert.deepEqual(mismatches, [], `${mismatches.length} mismatches:\n${mismatches.join('\n')}`);
  });
}
