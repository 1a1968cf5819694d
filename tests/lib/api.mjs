// Helpers shared by the API tests (tests/api/*.test.mjs): logging in as the
// demo users, reading the organisation tree, checking problem+json answers,
// raw HTTP for bodies fetch() will not send, and SQL straight into the store
// (for tampering tests and for checks the API cannot make).
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { Client, DEMO_PASSWORD, storeKind } from './server.mjs';

// The demo users, in the column order of the access matrix.
export const DEMO_USERS = [
  'admin', 'hn.admin', 'hn.isl', 'unn.isl', 'unn.pvo', 'unn.leder',
  'unn.medarbeider', 'unn.leser', 'hn.revisor', 'hmn.isl',
];

// The permissions of each role, as docs/api.md lists them.
export const ROLE_PERMISSIONS = {
  reader: ['read'],
  auditor: ['read', 'audit'],
  contributor: ['read', 'contribute'],
  leader: ['read', 'contribute', 'approve'],
  privacy_officer: ['read', 'contribute', 'manage'],
  security_officer: ['read', 'contribute', 'manage'],
  admin: ['read', 'contribute', 'approve', 'manage', 'administer', 'audit'],
};

export async function loginAs(srv, username, password = DEMO_PASSWORD) {
  const c = new Client(srv.url);
  await c.login(username, password);
  c.username = username;
  return c;
}

export function anonymous(srv) {
  const c = new Client(srv.url);
  c.username = 'anonymous';
  return c;
}

// Every organisation node the client can see, paging through the list.
export async function allOrgs(client, query = '') {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const sep = query ? '&' : '';
    const res = await client.get(`/api/orgs?${query}${sep}limit=500&offset=${offset}`);
    assert.equal(res.status, 200, `GET /api/orgs as ${client.username}: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return items;
  }
}

export async function orgsByCode(client) {
  return new Map((await allOrgs(client)).map((o) => [o.code, o]));
}

let counter = 0;
const runTag = (process.pid % 46656).toString(36).toUpperCase();
// A fresh organisation code (upper-case letters and digits).
export function uniqCode(prefix = 'QA') {
  counter += 1;
  return `${prefix}${runTag}X${counter}`;
}
// A fresh user name (lower-case, dotted like the demo users).
export function uniqUser(prefix = 'qa') {
  counter += 1;
  return `${prefix}.${runTag.toLowerCase()}${counter}`;
}

export const etag = (version) => `"${version}"`;

// Asserts an RFC 9457 problem answer: the status (or one of several), the
// media type, the members `status` and `title`, and `field` when given
// (the field to blame must be named in `field` or in `errors[].field`).
export function assertProblem(res, status, { field, context = '' } = {}) {
  const statuses = Array.isArray(status) ? status : [status];
  const what = `${context} → ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body)?.slice(0, 300)}`;
  assert.ok(statuses.includes(res.status), `expected status ${statuses.join(' or ')}: ${what}`);
  const ct = res.headers.get('content-type') || '';
  assert.match(ct, /^application\/problem\+json/, `Content-Type should be application/problem+json, was "${ct}": ${what}`);
  assert.equal(typeof res.body, 'object', `problem body should be JSON: ${what}`);
  assert.equal(res.body.status, res.status, `problem "status" member should equal the HTTP status: ${what}`);
  assert.equal(typeof res.body.title, 'string', `problem needs a "title": ${what}`);
  assert.ok(res.body.title.length > 0, `problem "title" is empty: ${what}`);
  if (field !== undefined) {
    assert.ok(problemNames(res.body, field), `problem should name field "${field}" (in "field" or "errors[].field"): ${what}`);
  }
}

export function problemNames(body, field) {
  if (!body || typeof body !== 'object') return false;
  if (body.field === field) return true;
  return Array.isArray(body.errors) && body.errors.some((e) => e && e.field === field);
}

// A list answer of the documented shape.
export function assertList(res, context = '') {
  assert.equal(res.status, 200, `${context}: ${res.status} ${JSON.stringify(res.body)}`);
  assert.ok(Array.isArray(res.body.items), `${context}: "items" should be an array`);
  for (const k of ['total', 'limit', 'offset']) {
    assert.equal(typeof res.body[k], 'number', `${context}: "${k}" should be a number, body ${JSON.stringify(res.body).slice(0, 200)}`);
  }
}

// The total number of audit events the client can see.
export async function auditTotal(client) {
  const res = await client.get('/api/audit?limit=1');
  assertList(res, 'GET /api/audit');
  return res.body.total;
}

// Runs SQL straight against the store behind the server; returns the output
// (rows separated by newlines, columns by '|').
export function sql(dbUrl, query) {
  if (storeKind === 'postgres') {
    return execFileSync('psql', [dbUrl, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', query], { stdio: 'pipe' }).toString().trim();
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbUrl, query], { stdio: 'pipe' }).toString().trim();
}

// One HTTP request with node:http, for bodies and failures fetch() hides
// (huge bodies, raw bytes). Resolves with the answer even when the server
// stops reading the body early; rejects only when no answer came at all.
export function rawRequest(base, method, path, { headers = {}, body } = {}) {
  return new Promise((resolveAnswer, reject) => {
    const url = new URL(path, base);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed = text;
        const ct = res.headers['content-type'] || '';
        if (ct.includes('json') && text) { try { parsed = JSON.parse(text); } catch { /* keep text */ } }
        resolveAnswer({ status: res.statusCode, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: parsed });
      });
      res.on('error', (e) => reject(e));
    });
    req.on('error', (e) => {
      if (!answered) reject(new Error(`${method} ${path}: no answer from the server (${e.code || e.message})`));
    });
    if (body !== undefined) {
      req.write(body, () => req.end());
    } else {
      req.end();
    }
  });
}

// Headers for a raw request on behalf of a logged-in Client.
export function authHeaders(client, extra = {}) {
  const h = { ...extra };
  if (client.cookie) h.cookie = client.cookie;
  if (client.csrf) h['x-csrf-token'] = client.csrf;
  return h;
}

// Whether `path` lies in the subtree of one of `prefixes`.
export const under = (path, prefixes) => prefixes.some((p) => path.startsWith(p));

// The subtree paths on which the user (GET /api/session answer) holds `permission`.
export function pathsWith(session, permission) {
  return session.grants.filter((g) => (ROLE_PERMISSIONS[g.role] || []).includes(permission)).map((g) => g.org.path);
}

// --- Commissioning documents, periods and reports (tests/api/commission.test.mjs, access.test.mjs) ---

// The reporting periods of the region of node `orgId`, as the client sees them.
export async function periodsOf(client, orgId) {
  const res = await client.get(`/api/orgs/${orgId}/periods`);
  assert.equal(res.status, 200, `GET /api/orgs/${orgId}/periods as ${client.username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

// One period of the region of node `orgId` by year and kind (T1, T2, ANNUAL).
export async function periodOf(client, orgId, year, kind) {
  const p = (await periodsOf(client, orgId)).find((x) => x.year === year && x.kind === kind);
  assert.ok(p, `no period ${kind} ${year} in the region of org ${orgId}`);
  return p;
}

// A trust's report for a period (GET /api/orgs/{id}/reports/{period_id}), asserting 200.
export async function trustReport(client, orgId, periodId) {
  const res = await client.get(`/api/orgs/${orgId}/reports/${periodId}`);
  assert.equal(res.status, 200, `GET /api/orgs/${orgId}/reports/${periodId} as ${client.username}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  return res.body;
}

// The item of a report for a requirement (by id), or undefined.
export const reportItem = (report, requirementId) => report.items.find((i) => i.requirement.id === requirementId);

// The entry of a trust for a requirement in a period as `client` sees it (null: none yet).
export async function entryOf(client, orgId, periodId, requirementId) {
  const item = reportItem(await trustReport(client, orgId, periodId), requirementId);
  assert.ok(item, `requirement ${requirementId} is not in the report of org ${orgId} for period ${periodId}`);
  return item.entry;
}

// A commissioning document with chapters and requirements, asserting 200.
export async function commissionDocument(client, id) {
  const res = await client.get(`/api/commission/documents/${id}`);
  assert.equal(res.status, 200, `GET /api/commission/documents/${id} as ${client.username}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  return res.body;
}

// The requirement of a document with this number ("21").
export function requirementNumbered(doc, number) {
  const r = doc.requirements.find((x) => x.number === number);
  assert.ok(r, `document ${doc.id} has no requirement numbered ${number}`);
  return r;
}

// Audit events matching a query string (e.g. "entity=reporting_period&entity_id=3"), newest first.
export async function auditEvents(client, query = '') {
  const res = await client.get(`/api/audit?limit=500${query ? `&${query}` : ''}`);
  assertList(res, `GET /api/audit?${query}`);
  return res.body.items;
}
