// The platform around the routes: health, the OpenAPI document, metrics,
// request ids, unknown paths, the UI fallback, headers and shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer, freshDatabase, cli, storeKind } from '../lib/server.mjs';
import { loginAs, orgsByCode, assertProblem } from '../lib/api.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
});
after(async () => { await srv?.stop(); });

// The routes of the table in docs/api.md.
function documentedRoutes() {
  const md = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
  const out = [];
  for (const line of md.split('\n')) {
    const m = /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*(\/\S*)\s*\|/.exec(line);
    if (m) out.push(`${m[1]} ${m[2].replace(/\{[^}]+\}/g, '{}')}`);
  }
  return out;
}

test('GET /api/health: ok, with the database kind', async () => {
  const res = await fetch(srv.url + '/api/health');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /^application\/json; ?charset=utf-8/i);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database, storeKind);
});

test('GET /api/openapi.json is valid OpenAPI 3.1 and lists every route of docs/api.md', async () => {
  const res = await fetch(srv.url + '/api/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /json/);
  const doc = await res.json();
  assert.match(String(doc.openapi), /^3\.1\./, `openapi version ${doc.openapi}`);
  const validator = new Validator();
  const result = await validator.validate(doc);
  assert.ok(result.valid, `not valid OpenAPI: ${JSON.stringify(result.errors, null, 1)?.slice(0, 3000)}`);

  const listed = new Set();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of ['get', 'put', 'post', 'patch', 'delete']) if (item[m]) listed.add(`${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`);
  }
  const documented = documentedRoutes();
  assert.ok(documented.length >= 20, `read only ${documented.length} routes from docs/api.md`);
  const missing = documented.filter((r) => !listed.has(r));
  assert.deepEqual(missing, [], `routes of docs/api.md missing from openapi.json: ${missing.join(', ')}`);
  const extra = [...listed].filter((r) => !documented.includes(r));
  assert.deepEqual(extra, [], `routes in openapi.json that docs/api.md does not document: ${extra.join(', ')}`);
});

function metricSum(text, pred) {
  let sum = 0;
  let n = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !pred(line)) continue;
    const v = Number(line.trim().split(/\s+/).pop());
    if (!Number.isNaN(v)) { sum += v; n += 1; }
  }
  return { sum, n };
}

test('/metrics: Prometheus counters and histograms per route template', async () => {
  const orgs = await orgsByCode(admin);
  const unn = orgs.get('UNN');
  await admin.get(`/api/orgs/${unn.id}`);
  await admin.get(`/api/orgs/${orgs.get('STO').id}`);
  const m1 = await fetch(srv.url + '/metrics');
  assert.equal(m1.status, 200);
  assert.match(m1.headers.get('content-type') || '', /^text\/plain/);
  const t1 = await m1.text();
  const counters = [...t1.matchAll(/^# TYPE (\S+) counter$/gm)].map((m) => m[1]);
  const histograms = [...t1.matchAll(/^# TYPE (\S+) histogram$/gm)].map((m) => m[1]);
  assert.ok(counters.length > 0, 'no counter in /metrics');
  assert.ok(histograms.length > 0, 'no histogram in /metrics');
  const h = histograms[0];
  assert.match(t1, new RegExp(`^${h}_bucket\\{[^}]*le="\\+Inf"[^}]*\\} `, 'm'), `${h} has no +Inf bucket`);
  assert.match(t1, new RegExp(`^${h}_sum(\\{| )`, 'm'));
  assert.match(t1, new RegExp(`^${h}_count(\\{| )`, 'm'));
  // Labelled by the route template, not the concrete path (bounded cardinality).
  assert.ok(t1.includes('"/api/orgs/{id}"'), 'no series labelled with the route template /api/orgs/{id}');
  assert.ok(!t1.includes(`/api/orgs/${unn.id}"`), 'a series is labelled with a concrete id');

  const isHealthCounter = (line) => counters.some((c) => line.startsWith(`${c}{`)) && line.includes('"/api/health"');
  const before = metricSum(t1, isHealthCounter);
  assert.ok(before.n > 0, 'no counter series for /api/health');
  for (let i = 0; i < 3; i += 1) await fetch(srv.url + '/api/health');
  const t2 = await (await fetch(srv.url + '/metrics')).text();
  const after = metricSum(t2, isHealthCounter);
  assert.ok(after.sum - before.sum >= 3, `the /api/health counter went from ${before.sum} to ${after.sum} after 3 requests`);
  // A histogram series for the route exists too.
  assert.ok(t2.split('\n').some((l) => l.startsWith(`${h}_count`) && l.includes('"/api/health"')) || histograms.some((hh) => t2.split('\n').some((l) => l.startsWith(`${hh}_count`) && l.includes('"/api/health"'))), 'no histogram series for /api/health');
});

test('X-Request-Id is echoed, or made when the client sent none', async () => {
  const mine = await fetch(srv.url + '/api/health', { headers: { 'x-request-id': 'qa-7f3a-1234' } });
  assert.equal(mine.headers.get('x-request-id'), 'qa-7f3a-1234');
  const made = await fetch(srv.url + '/api/health');
  assert.ok((made.headers.get('x-request-id') || '').length >= 8, 'no X-Request-Id made by the server');
  const other = await fetch(srv.url + '/api/health');
  assert.notEqual(other.headers.get('x-request-id'), made.headers.get('x-request-id'), 'request ids repeat');
  const err = await fetch(srv.url + '/api/finnes-ikke', { headers: { 'x-request-id': 'qa-err-5678' } });
  assert.equal(err.headers.get('x-request-id'), 'qa-err-5678', 'not echoed on an error answer');
});

test('an unknown /api path is 404 problem+json, also for writes; a wrong method is 405', async () => {
  assertProblem(await admin.get('/api/finnes-ikke'), 404, { context: 'GET unknown' });
  assertProblem(await admin.get('/api/orgs/1/finnes-ikke'), 404, { context: 'GET unknown below a route' });
  assertProblem(await admin.post('/api/finnes-ikke', {}), 404, { context: 'POST unknown' });
  const wrong = await admin.request('DELETE', '/api/health');
  assertProblem(wrong, 405, { context: 'DELETE /api/health' });
  assert.ok(wrong.headers.get('allow')?.includes('GET'), `405 without Allow: GET (${wrong.headers.get('allow')})`);
});

test('JSON answers are application/json; charset=utf-8 and say nosniff; session data is not cached', async () => {
  const res = await admin.get('/api/session');
  assert.match(res.headers.get('content-type') || '', /^application\/json; ?charset=utf-8/i);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('cache-control') || '', /no-store/);
});

const dist = join(root, 'web', 'dist');
test('a UI path like /organisasjon serves index.html', { skip: !existsSync(join(dist, 'index.html')) && 'web/dist has no index.html' }, async () => {
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  for (const p of ['/organisasjon', '/', '/organisasjon/42/rediger']) {
    const res = await fetch(srv.url + p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type') || '', /^text\/html/, p);
    assert.equal(await res.text(), index, `${p} does not serve index.html`);
  }
  // Unknown API paths never fall back to the UI.
  const api = await fetch(srv.url + '/api/finnes-ikke');
  assert.doesNotMatch(api.headers.get('content-type') || '', /html/);
});

test('SIGTERM: the server exits with code 0', async () => {
  const s = await startServer({ demo: false });
  const exited = new Promise((r) => s.child.once('exit', (code, signal) => r({ code, signal })));
  await s.stop();
  const { code, signal } = await exited;
  assert.equal(signal, null, `killed by ${signal}, not a clean exit`);
  assert.equal(code, 0);
});

test('health answers 503 when PostgreSQL goes away, and the server survives it', { skip: storeKind !== 'postgres' && 'PostgreSQL only' }, async () => {
  const db = freshDatabase();
  const r = cli(['init', '--db', db.url]);
  assert.equal(r.status, 0, r.stderr);
  const s = await startServer({ db: db.url });
  const name = new URL(db.url).pathname.slice(1);
  const psql = (...cmds) => execFileSync('psql', [process.env.VARDE_TEST_PG_URL, '-q', ...cmds.flatMap((c) => ['-c', c])], { stdio: 'pipe' });
  try {
    assert.equal((await fetch(s.url + '/api/health')).status, 200);
    psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    const res = await fetch(s.url + '/api/health');
    assert.equal(res.status, 503, `health with the database gone: ${res.status} ${await res.text()}`);
    assert.equal(s.child.exitCode, null, 'the server died with its database');
    psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i += 1) back = (await fetch(s.url + '/api/health')).status;
    assert.equal(back, 200, 'health does not recover when the database is back');
  } finally {
    try { psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`); } catch { /* gone already */ }
    await s.stop();
    db.drop();
  }
});
