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
  under, pathsWith, periodsOf, entryOf, sql,
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

// --- Commissioning documents, reporting periods and reports ---
//
// Where these objects live:
//  * a commissioning document, a reporting period and the region's matrix
//    belong to a region: for the targets UNN, NLSH and UNIT that is HN (own
//    region), for STO it is HMN (the other region);
//  * a trust's report and its entries belong to the trust: for UNIT that is
//    UNN, whose report the unit's path leads to.
// Choices where the rules are silent:
//  * reaches_down (x-access) lets a trust's users read what the region
//    publishes to them (the document, the periods) but does not make the
//    region visible: on the region's other routes they get 404, as for any
//    hidden node (ancestors are not visible), not 403;
//  * the report of a trust reached through a unit below it is checked as the
//    trust's report: a contributor on the unit gets 404 for it, as for UNN.
const REGION_OF = { UNN: 'HN', NLSH: 'HN', UNIT: 'HN', STO: 'HMN' };
const TRUST_OF = { UNN: 'UNN', NLSH: 'NLSH', UNIT: 'UNN', STO: 'STO' };
const PERIOD_KINDS = ['T1', 'T2', 'ANNUAL'];
const cx = { setup: {}, docs: {}, docYear: 2040, periodSeq: 0 };
const regionNode = (target) => ctx.orgs.get(REGION_OF[target]);
const trustNode = (target) => ctx.orgs.get(TRUST_OF[target]);
// One row per region, spread over the targets.
const byRegion = (hn, hmn) => ({ UNN: hn, NLSH: hn, UNIT: hn, STO: hmn });

// Per region: the 2026 document (HN's from the demo data, HMN's made here),
// two requirements of its own for the report rows (A: saved by PUT, B: moved
// through submit/approve/return) and the open T1 2026 period.
async function reportingSetup(target) {
  const code = REGION_OF[target];
  if (!cx.setup[code]) {
    const admin = ctx.clients.admin;
    const region = ctx.orgs.get(code);
    const list = await admin.get('/api/commission/documents');
    assert.equal(list.status, 200, `admin GET /api/commission/documents: ${list.status}`);
    let doc = list.body.items.find((d) => d.region.id === region.id && d.year === 2026);
    if (!doc) {
      const made = await admin.post('/api/commission/documents', { region_id: region.id, year: 2026, title: `Oppdragsdokument 2026 for ${code}` });
      assert.equal(made.status, 201, `admin could not create ${code}'s 2026 document: ${made.status} ${JSON.stringify(made.body)}`);
      const ch = await admin.post(`/api/commission/documents/${made.body.id}/chapters`, { code: '4.2', title: 'Informasjonssikkerhet og personvern' });
      assert.equal(ch.status, 201, `admin could not add a chapter: ${ch.status} ${JSON.stringify(ch.body)}`);
      const pub = await admin.request('POST', `/api/commission/documents/${made.body.id}/publish`, {}, { 'if-match': etag(made.body.version) });
      assert.equal(pub.status, 200, `admin could not publish: ${pub.status} ${JSON.stringify(pub.body)}`);
      doc = pub.body;
    }
    const req = {};
    for (const k of ['A', 'B']) {
      const r = await admin.post(`/api/commission/documents/${doc.id}/requirements`, {
        chapter: '4.2', number: `QA${k}`, text: `Krav ${k} for tilgangstesten`, reporting_points: ['T1'],
      });
      assert.equal(r.status, 201, `admin could not add requirement ${k} to ${code}'s document: ${r.status} ${JSON.stringify(r.body)}`);
      req[k] = r.body;
    }
    let period = (await periodsOf(admin, region.id)).find((p) => p.year === 2026 && p.kind === 'T1');
    if (!period) {
      const r = await admin.post(`/api/orgs/${region.id}/periods`, { year: 2026, kind: 'T1' });
      assert.equal(r.status, 201, `admin could not create ${code}'s T1 2026: ${r.status} ${JSON.stringify(r.body)}`);
      period = r.body;
    }
    cx.setup[code] = { doc, req, period };
  }
  return cx.setup[code];
}

// A draft document of the region (year 2030) with chapter K1, as it is now.
async function fixtureDocument(target) {
  const code = REGION_OF[target];
  const admin = ctx.clients.admin;
  if (!cx.docs[code]) {
    const r = await admin.post('/api/commission/documents', { region_id: regionNode(target).id, year: 2030, title: 'Tilgangstest' });
    assert.equal(r.status, 201, `admin could not create a 2030 document for ${code}: ${r.status} ${JSON.stringify(r.body)}`);
    const ch = await admin.post(`/api/commission/documents/${r.body.id}/chapters`, { code: 'K1', title: 'Kapittel for tilgangstest' });
    assert.equal(ch.status, 201, `admin could not add chapter K1: ${ch.status} ${JSON.stringify(ch.body)}`);
    cx.docs[code] = r.body.id;
  }
  const r = await admin.get(`/api/commission/documents/${cx.docs[code]}`);
  assert.equal(r.status, 200, `admin GET /api/commission/documents/${cx.docs[code]}: ${r.status}`);
  return r.body;
}

// A requirement (number PR) in the region's 2030 document, as it is now.
async function fixtureRequirement(target) {
  let doc = await fixtureDocument(target);
  if (!doc.requirements.some((r) => r.number === 'PR')) {
    const r = await ctx.clients.admin.post(`/api/commission/documents/${doc.id}/requirements`, {
      chapter: 'K1', number: 'PR', text: 'Krav som tilgangstesten endrer', reporting_points: ['T1'],
    });
    assert.equal(r.status, 201, `admin could not add requirement PR: ${r.status} ${JSON.stringify(r.body)}`);
    doc = await fixtureDocument(target);
  }
  return doc.requirements.find((r) => r.number === 'PR');
}

// A year and kind no period of any region has yet.
function freshPeriodSpec() {
  const n = cx.periodSeq++;
  return { year: 2031 + Math.floor(n / 3), kind: PERIOD_KINDS[n % 3] };
}

// A fresh period of the target's region, made (and closed) by admin.
async function freshPeriod(target, { closed = false } = {}) {
  const r = await ctx.clients.admin.post(`/api/orgs/${regionNode(target).id}/periods`, freshPeriodSpec());
  assert.equal(r.status, 201, `admin could not create a period: ${r.status} ${JSON.stringify(r.body)}`);
  if (!closed) return r.body;
  const c = await ctx.clients.admin.post(`/api/periods/${r.body.id}/close`, {});
  assert.equal(c.status, 200, `admin could not close period ${r.body.id}: ${c.status} ${JSON.stringify(c.body)}`);
  return c.body;
}

async function periodNow(target, id) {
  return (await periodsOf(ctx.clients.admin, regionNode(target).id)).find((p) => p.id === id);
}

// The entry of the target's trust for requirement B in T1 2026, brought by
// admin into `state` (draft or submitted).
async function fixtureEntry(target, state) {
  const admin = ctx.clients.admin;
  const s = await reportingSetup(target);
  const trust = trustNode(target);
  let e = await entryOf(admin, trust.id, s.period.id, s.req.B.id);
  if (!e) {
    const r = await admin.request('PUT', `/api/orgs/${trust.id}/reports/${s.period.id}/${s.req.B.id}`, { achievement: 'partly', text: 'Tilgangstest' });
    assert.equal(r.status, 200, `admin could not save an entry for ${trust.code}: ${r.status} ${JSON.stringify(r.body)}`);
    e = r.body;
  }
  const act = async (action) => {
    const r = await admin.post(`/api/report-entries/${e.id}/${action}`, {});
    assert.equal(r.status, 200, `admin could not ${action} entry ${e.id} (${e.state}): ${r.status} ${JSON.stringify(r.body)}`);
    e = r.body;
  };
  if (e.state === state) return e;
  if (e.state !== 'draft') await act('return');
  if (state === 'submitted') await act('submit');
  return e;
}

async function entryNow(target, entry) {
  const s = await reportingSetup(target);
  return entryOf(ctx.clients.admin, trustNode(target).id, s.period.id, entry.requirement_id);
}

//              admin hn.adm hn.isl unn.isl unn.pvo unn.led unn.med unn.les hn.rev hmn.isl anon
const REGION_READ_DOWN = byRegion(
  row(' 200   200    200    200     200     200     200     200     200    404     401'),
  row(' 200   404    404    404     404     404     404     404     404    200     401'));
const REGION_READ = byRegion(
  row(' 200   200    200    404     404     404     404     404     200    404     401'),
  row(' 200   404    404    404     404     404     404     404     404    200     401'));
const REGION_MANAGE = (ok) => byRegion(
  row(`${ok}  ${ok}  ${ok}  404     404     404     404     404     403    404     401`),
  row(`${ok}  404    404    404     404     404     404     404     404    ${ok}   401`));
// GET /api/orgs/{id}/periods: read on the node, or below it (reaches_down).
const PERIODS_READ = {
  UNN:  row(' 200   200    200    200     200     200     200     200     200    404     401'),
  NLSH: row(' 200   200    200    404     404     404     404     404     200    404     401'),
  UNIT: row(' 200   200    200    200     200     200     200     200     200    404     401'),
  STO:  row(' 200   404    404    404     404     404     404     404     404    200     401'),
};
// A trust's report is addressed by the trust itself: a unit's path does not
// lead to its trust's report (that would let a unit's contributor act on the
// whole trust), so UNIT answers 404 for every role.
const NOT_A_TRUST = row(' 404   404    404    404     404     404     404     404     404    404     401');
const REPORT_READ = { ...READ, UNIT: NOT_A_TRUST };
const CONTRIBUTE_UNN = row(' 200 200  200    200     200     200     404     403     403    404     401');
const CONTRIBUTE = {
  UNN:  CONTRIBUTE_UNN,
  NLSH: row(' 200   200    200    404     404     404     404     404     403    404     401'),
  UNIT: CONTRIBUTE_UNN,
  STO:  row(' 200   404    404    404     404     404     404     404     404    200     401'),
};
const APPROVE_UNN = row(' 200  200    403    403     403     200     404     403     403    404     401');
const APPROVE = {
  UNN:  APPROVE_UNN,
  NLSH: row(' 200   200    403    404     404     404     404     404     403    404     401'),
  UNIT: APPROVE_UNN,
  STO:  row(' 200   404    404    404     404     404     404     404     404    403     401'),
};

// The regions a user reaches (a read grant on, above or below the region).
function reachesRegion(role, regionPath) {
  return pathsWith(ctx.sessions[role], 'read').some((p) => p.startsWith(regionPath) || regionPath.startsWith(p));
}

// The rows for the entry actions: `from` is the state the entry is put in
// first, `to` the state the action leads to.
const entryAction = (action, from, to, expect) => ({
  access: { scope: 'node', permission: action === 'submit' ? 'contribute' : 'approve' }, expect, perTarget: true,
  prepare: (target) => fixtureEntry(target, from),
  request: (target, role, entry) => ({ path: `/api/report-entries/${entry.id}/${action}`, body: {} }),
  check: (res, target, role, entry) => (res.body.id === entry.id && res.body.state === to ? null : `entry ${JSON.stringify(res.body)}`),
  unchanged: async (target, req, entry) => {
    const now = await entryNow(target, entry);
    return now.state === entry.state && now.version === entry.version ? null : `entry changed anyway: ${JSON.stringify(now)}`;
  },
});

// --- Governing documents (styrende dokumenter) ---
//
// A governing document belongs to the node it governs (here: the target
// itself) and is read by everyone below it (reaches_down): a unit's
// contributor reads UNN's documents. The fixtures are Intern, so every
// role's default clearance covers them; what clearance hides is tested in
// tests/api/documents.test.mjs.
const gd = { seq: 100 };
async function govDoc(target, status = 'draft') {
  const admin = ctx.clients.admin;
  const r = await admin.post('/api/governing-documents', {
    org_id: ctx.node[target].id, code: `AT ${gd.seq++}`, title: `Tilgangstest ${target}`, type: 'routine',
    classification: 'internal', sections: [{ heading: 'Formål', body: 'Innhold for tilgangstesten.' }],
  });
  assert.equal(r.status, 201, `admin could not create a governing document at ${target}: ${r.status} ${JSON.stringify(r.body)}`);
  const act = async (action) => {
    const a = await admin.post(`/api/governing-documents/${r.body.id}/versions/1/${action}`, {});
    assert.equal(a.status, 200, `admin could not ${action} document ${r.body.id}: ${a.status} ${JSON.stringify(a.body)}`);
  };
  if (status === 'for_approval' || status === 'approved') await act('submit');
  if (status === 'approved') await act('approve');
  return (await admin.get(`/api/governing-documents/${r.body.id}`)).body;
}
async function govDocNow(doc) {
  return (await ctx.clients.admin.get(`/api/governing-documents/${doc.id}`)).body;
}
//              admin hn.adm hn.isl unn.isl unn.pvo unn.led unn.med unn.les hn.rev hmn.isl anon
const DOC_READ = { ...READ, UNN: row(' 200 200 200 200 200 200 200 200 200 404 401') };
const okAs = (matrix, ok) => Object.fromEntries(Object.entries(matrix).map(([t, r]) => [t, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 200 ? ok : v]))]));
const DOC_APPROVE = { ...APPROVE, UNIT: row(' 200 200 403 403 403 200 403 403 403 404 401') };
const docAction = (action, from, to, matrix) => ({
  access: { scope: 'node', permission: action === 'submit' ? 'manage' : 'approve' }, expect: matrix, perTarget: true,
  prepare: (target) => govDoc(target, from),
  request: (target, role, doc) => ({ path: `/api/governing-documents/${doc.id}/versions/1/${action}`, body: {} }),
  check: (res) => (res.body.number === 1 && res.body.status === to ? null : `version ${JSON.stringify(res.body).slice(0, 200)}`),
  unchanged: async (target, req, doc) => {
    const now = await govDocNow(doc);
    return now.status === doc.status && now.version === doc.version ? null : `document changed anyway: ${now.status} v${now.version}`;
  },
});
// --- Risk management (src/risk) ---
//
// Matrices belong to a region (HN for UNN, NLSH and UNIT; HMN for STO) and
// are read by the trusts below it (reaches_down); assessments and risks
// belong to the target node itself (for UNIT: the unit, where
// unn.medarbeider contributes). Accepting a risk needs approve on its node
// and then a leader level that meets the cell's rule: admins pass the access
// check but are not leaders, so they get 403 naming the level; unn.leder
// (level 3) accepts the fixture's residual 3 × 3, which asks for level 3.
const rx = { assessments: {}, risks: {} };
//              admin hn.adm hn.isl unn.isl unn.pvo unn.led unn.med unn.les hn.rev hmn.isl anon
const RISK_CONTRIBUTE = (ok) => ({
  UNN:  row(`${ok}  ${ok}  ${ok}  ${ok}   ${ok}   ${ok}   404     403     403    404     401`),
  NLSH: row(`${ok}  ${ok}  ${ok}  404     404     404     404     404     403    404     401`),
  UNIT: row(`${ok}  ${ok}  ${ok}  ${ok}   ${ok}   ${ok}   ${ok}   403     403    404     401`),
  STO:  row(`${ok}  404    404    404     404     404     404     404     404    ${ok}   401`),
});
const RISK_ACCEPT = {
  UNN:  row(' 403   403    403    403     403     200     404     403     403    404     401'),
  NLSH: row(' 403   403    403    404     404     404     404     404     403    404     401'),
  UNIT: row(' 403   403    403    403     403     200     403     403     403    404     401'),
  STO:  row(' 403   404    404    404     404     404     404     404     404    403     401'),
};

async function riskMatrixOf(target) {
  const list = await ctx.clients.admin.get(`/api/orgs/${regionNode(target).id}/risk-matrices`);
  assert.equal(list.status, 200, `admin GET risk-matrices: ${list.status}`);
  const def = list.body.items.find((m) => m.is_default);
  const full = await ctx.clients.admin.get(`/api/risk-matrices/${def.id}`);
  return full.body;
}

// An assessment on the target node, made by admin once, as it is now.
async function riskAssessment(target) {
  if (!rx.assessments[target]) {
    const r = await ctx.clients.admin.post('/api/risk-assessments', { org_id: ctx.node[target].id, title: `Tilgangstest ${target}`, subject_kind: 'system' });
    assert.equal(r.status, 201, `admin could not create an assessment at ${target}: ${r.status} ${JSON.stringify(r.body)}`);
    rx.assessments[target] = r.body.id;
  }
  return (await ctx.clients.admin.get(`/api/risk-assessments/${rx.assessments[target]}`)).body;
}

// A risk in that assessment with residual 3 × 3 (the trust director accepts), as it is now.
async function riskFixture(target) {
  if (!rx.risks[target]) {
    const a = await riskAssessment(target);
    const r = await ctx.clients.admin.post(`/api/risk-assessments/${a.id}/risks`, {
      title: `Risiko for tilgangstest ${target}`, likelihood: 4, consequence: 4, residual_likelihood: 3, residual_consequence: 3,
    });
    assert.equal(r.status, 201, `admin could not create a risk at ${target}: ${r.status} ${JSON.stringify(r.body)}`);
    rx.risks[target] = r.body.id;
  }
  return (await ctx.clients.admin.get(`/api/risks/${rx.risks[target]}`)).body;
}

const noLeak = (permission) => (res, target, role) => {
  const allowed = pathsWith(ctx.sessions[role], permission);
  const leaked = (res.body.items || []).filter((i) => !under(i.org.path, allowed)).map((i) => i.org.code);
  return leaked.length ? `sees objects outside its subtrees: ${leaked.join(', ')}` : null;
};

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
  'GET /api/commission/documents': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/commission/documents' }),
    check: (res, target, role) => {
      const items = res.body.items || [];
      const foreign = items.filter((d) => !reachesRegion(role, ctx.orgById.get(d.region?.id)?.path ?? '?'));
      if (foreign.length) return `sees documents of regions it does not reach: ${foreign.map((d) => `${d.region?.code} ${d.year}`).join(', ')}`;
      const hn = ctx.orgs.get('HN');
      if (reachesRegion(role, hn.path) && !items.some((d) => d.region.id === hn.id && d.year === 2026)) return 'does not see HN\'s 2026 document';
      return null;
    },
  },
  'POST /api/commission/documents': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(201), perTarget: true,
    request: (target) => {
      const year = cx.docYear++;
      return { body: { region_id: regionNode(target).id, year, title: `Oppdragsdokument ${year}` }, year };
    },
    check: (res, target) => (res.body.region?.id === regionNode(target).id && res.body.status === 'draft' ? null : `document ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req) => {
      const r = await ctx.clients.admin.get('/api/commission/documents');
      return r.body.items.some((d) => d.region.id === regionNode(target).id && d.year === req.year) ? `document for ${req.year} was created anyway` : null;
    },
  },
  'GET /api/commission/documents/{id}': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: REGION_READ_DOWN, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/commission/documents/${s.doc.id}` }),
    check: (res, target, role, s) => (res.body.id === s.doc.id && res.body.region?.id === regionNode(target).id && Array.isArray(res.body.requirements) && res.body.requirements.length > 0
      ? null : `document ${JSON.stringify(res.body).slice(0, 200)}`),
  },
  'POST /api/commission/documents/{id}/publish': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(200), perTarget: true,
    prepare: (target) => fixtureDocument(target),
    request: (target, role, doc) => ({ path: `/api/commission/documents/${doc.id}/publish`, body: {}, headers: { 'if-match': etag(doc.version) } }),
    check: (res, target, role, doc) => (res.body.status === 'published' && res.body.version > doc.version ? null : `document ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req, doc) => {
      const now = await fixtureDocument(target);
      return now.version === doc.version && now.status === doc.status ? null : `document changed anyway: ${now.status} v${now.version}`;
    },
  },
  'POST /api/commission/documents/{id}/chapters': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(201), perTarget: true,
    prepare: (target) => fixtureDocument(target),
    request: (target, role, doc) => {
      const code = uniqCode('K');
      return { path: `/api/commission/documents/${doc.id}/chapters`, body: { code, title: `Kapittel fra ${role}` }, code };
    },
    check: (res, target, role) => (res.body.title === `Kapittel fra ${role}` ? null : `chapter ${JSON.stringify(res.body)}`),
    unchanged: async (target, req) => {
      const now = await fixtureDocument(target);
      return now.chapters.some((c) => c.code === req.code) ? `chapter ${req.code} was added anyway` : null;
    },
  },
  'POST /api/commission/documents/{id}/requirements': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(201), perTarget: true,
    prepare: (target) => fixtureDocument(target),
    request: (target, role, doc) => {
      const number = uniqCode('N');
      return {
        path: `/api/commission/documents/${doc.id}/requirements`,
        body: { chapter: 'K1', number, text: `Krav lagt inn av ${role}`, reporting_points: ['T1', 'ANNUAL'] },
        number,
      };
    },
    check: (res, target, role) => (res.body.text === `Krav lagt inn av ${role}` && res.body.chapter === 'K1' ? null : `requirement ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req) => {
      const now = await fixtureDocument(target);
      return now.requirements.some((r) => r.number === req.number) ? `requirement ${req.number} was added anyway` : null;
    },
  },
  'GET /api/orgs/{id}/periods': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: PERIODS_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/periods` }),
    check: (res, target, role, s) => {
      const items = res.body.items || [];
      if (items.some((p) => p.region_id !== regionNode(target).id)) return `periods of another region: ${JSON.stringify(items.map((p) => p.region_id))}`;
      return items.some((p) => p.id === s.period.id) ? null : `T1 2026 (${s.period.id}) missing`;
    },
  },
  'POST /api/orgs/{id}/periods': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(201), perTarget: true,
    request: (target) => {
      const spec = freshPeriodSpec();
      return { path: `/api/orgs/${regionNode(target).id}/periods`, body: spec, spec };
    },
    check: (res, target, role, prepared) => (res.body.region_id === regionNode(target).id && res.body.status === 'open' ? null : `period ${JSON.stringify(res.body)}`),
    unchanged: async (target, req) => {
      const ps = await periodsOf(ctx.clients.admin, regionNode(target).id);
      return ps.some((p) => p.year === req.spec.year && p.kind === req.spec.kind) ? `period ${req.spec.kind} ${req.spec.year} was created anyway` : null;
    },
  },
  'POST /api/periods/{id}/close': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(200), perTarget: true,
    prepare: (target) => freshPeriod(target),
    request: (target, role, period) => ({ path: `/api/periods/${period.id}/close`, body: {} }),
    check: (res) => (res.body.status === 'closed' ? null : `status ${res.body.status}`),
    unchanged: async (target, req, period) => {
      const now = await periodNow(target, period.id);
      return now?.status === 'open' ? null : `period is ${now?.status} anyway`;
    },
  },
  'POST /api/periods/{id}/reopen': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(200), perTarget: true,
    prepare: (target) => freshPeriod(target, { closed: true }),
    request: (target, role, period) => ({ path: `/api/periods/${period.id}/reopen`, body: { reason: `Gjenåpnet av ${role} for retting` } }),
    check: (res) => (res.body.status === 'open' ? null : `status ${res.body.status}`),
    unchanged: async (target, req, period) => {
      const now = await periodNow(target, period.id);
      return now?.status === 'closed' ? null : `period is ${now?.status} anyway`;
    },
  },
  'GET /api/periods/{id}/matrix': {
    access: { scope: 'node', permission: 'read' }, expect: REGION_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/periods/${s.period.id}/matrix` }),
    check: (res, target) => {
      const region = regionNode(target);
      const want = [...ctx.orgs.values()].filter((o) => o.kind === 'trust' && o.path.startsWith(region.path)).map((o) => o.code).sort();
      const got = (res.body.trusts || []).map((t) => t.code).sort();
      return JSON.stringify(got) === JSON.stringify(want) ? null : `trusts ${got.join(',')}, want ${want.join(',')}`;
    },
  },
  'GET /api/orgs/{id}/reports/{id}': {
    access: { scope: 'node', permission: 'read' }, expect: REPORT_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/orgs/${ctx.node[target].id}/reports/${s.period.id}` }),
    check: (res, target, role, s) => (res.body.trust?.id === trustNode(target).id && res.body.period?.id === s.period.id
      && res.body.items.some((i) => i.requirement.id === s.req.A.id) ? null : `report ${JSON.stringify(res.body).slice(0, 200)}`),
  },
  'PUT /api/orgs/{id}/reports/{id}/{id}': {
    access: { scope: 'node', permission: 'contribute' }, expect: { ...CONTRIBUTE, UNIT: NOT_A_TRUST }, perTarget: true,
    prepare: async (target) => {
      const s = await reportingSetup(target);
      return { s, entry: await entryOf(ctx.clients.admin, trustNode(target).id, s.period.id, s.req.A.id) };
    },
    request: (target, role, { s, entry }) => ({
      path: `/api/orgs/${ctx.node[target].id}/reports/${s.period.id}/${s.req.A.id}`,
      body: { achievement: 'partly', text: `Rapportert av ${role} på ${target} (æøå)` },
      headers: entry ? { 'if-match': etag(entry.version) } : {},
    }),
    check: (res, target, role) => (res.body.text === `Rapportert av ${role} på ${target} (æøå)` && res.body.org_id === trustNode(target).id
      ? null : `entry ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req, { s, entry }) => {
      const now = await entryOf(ctx.clients.admin, trustNode(target).id, s.period.id, s.req.A.id);
      return (now?.version ?? null) === (entry?.version ?? null) ? null : `entry saved anyway: ${JSON.stringify(now)}`;
    },
  },
  'GET /api/orgs/{id}/reports/{id}/export': {
    access: { scope: 'node', permission: 'read' }, expect: REPORT_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/orgs/${ctx.node[target].id}/reports/${s.period.id}/export?format=md` }),
    check: (res, target, role, s) => (typeof res.body === 'string' && res.body.includes(s.req.A.text)
      ? null : `not the report: ${String(res.body).slice(0, 160)}`),
  },
  'POST /api/orgs/{id}/imports/commission-report': {
    // A preview (dry_run) changes nothing, so every row can be sent as it is.
    access: { scope: 'node', permission: 'manage' }, expect: { ...MANAGE, UNIT: NOT_A_TRUST }, perTarget: true,
    request: (target) => ({
      path: `/api/orgs/${ctx.node[target].id}/imports/commission-report`,
      body: {
        text: 'Krav i oppdragsdokument 2026\n\n4.2 Informasjonssikkerhet og personvern\n\n99\nEt krav til forhåndsvisning.\n\nAlle Tertialrapporter og Årlig melding\n\nRapporteringstekst:\nTekst.\n',
        period: 'T1', dry_run: true,
      },
    }),
    check: (res) => (res.body.dry_run === true && res.body.requirements?.length === 1 ? null : `preview ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'POST /api/report-entries/{id}/submit': entryAction('submit', 'draft', 'submitted', CONTRIBUTE),
  'POST /api/report-entries/{id}/approve': entryAction('approve', 'submitted', 'approved', APPROVE),
  'POST /api/report-entries/{id}/return': entryAction('return', 'submitted', 'draft', APPROVE),
  'GET /api/commission/documents/{id}/requirements.csv': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: REGION_READ_DOWN, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/commission/documents/${s.doc.id}/requirements.csv` }),
    check: (res, target, role, s) => (/^text\/csv/.test(res.headers.get('content-type') || '') && typeof res.body === 'string' && res.body.includes(s.req.A.text)
      ? null : `not the CSV of the document: ${res.headers.get('content-type')} ${String(res.body).slice(0, 120)}`),
  },
  // Issue 3, spreadsheets and the achievement scale.
  'GET /api/commission/documents/{id}/requirements.xlsx': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: REGION_READ_DOWN, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/commission/documents/${s.doc.id}/requirements.xlsx` }),
    check: (res) => (/spreadsheetml\.sheet/.test(res.headers.get('content-type') || '') && String(res.body).startsWith('PK')
      ? null : `not an .xlsx: ${res.headers.get('content-type')}`),
  },
  'GET /api/periods/{id}/matrix.xlsx': {
    access: { scope: 'node', permission: 'read' }, expect: REGION_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/periods/${s.period.id}/matrix.xlsx` }),
    check: (res) => (/spreadsheetml\.sheet/.test(res.headers.get('content-type') || '') && String(res.body).startsWith('PK')
      ? null : `not an .xlsx: ${res.headers.get('content-type')}`),
  },
  // The region's download of every trust's report (engineer D, issue 6).
  'GET /api/periods/{id}/reports/export': {
    access: { scope: 'node', permission: 'read' }, expect: REGION_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/periods/${s.period.id}/reports/export?format=md` }),
    check: (res, target, role, s) => {
      const region = regionNode(target);
      const trusts = [...ctx.orgs.values()].filter((o) => o.kind === 'trust' && o.path.startsWith(region.path));
      const missing = trusts.filter((t) => !String(res.body).includes(`${t.code} ${t.name}`)).map((t) => t.code);
      return typeof res.body === 'string' && res.body.includes(s.req.A.text) && !missing.length
        ? null : `not every trust's report (missing ${missing.join(',')}): ${String(res.body).slice(0, 160)}`;
    },
  },
  'GET /api/requirements/{id}/history': {
    access: { scope: 'node', permission: 'read' }, expect: REGION_READ, perTarget: true,
    prepare: (target) => reportingSetup(target),
    request: (target, role, s) => ({ path: `/api/requirements/${s.req.A.id}/history` }),
    check: (res, target, role, s) => (res.body.requirement?.id === s.req.A.id && Array.isArray(res.body.periods)
      && res.body.periods.some((p) => p.period.id === s.period.id) ? null : `history ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  // Every user of the region reads its scale (the report editor needs it), from any node in it.
  'GET /api/orgs/{id}/achievement-scale': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: PERIODS_READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/achievement-scale` }),
    check: (res, target) => (res.body.region_id === regionNode(target).id && res.body.levels?.length >= 2
      ? null : `scale ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'PUT /api/orgs/{id}/achievement-scale': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(200), perTarget: true,
    prepare: async (target) => (await ctx.clients.admin.get(`/api/orgs/${regionNode(target).id}/achievement-scale`)).body,
    request: (target, role, scale) => {
      const levels = scale.levels.map((l, i) => (i === 0 ? { ...l, label_nb: `Oppnådd (${role})` } : l));
      return { path: `/api/orgs/${regionNode(target).id}/achievement-scale`, body: { levels }, headers: { 'if-match': etag(scale.version) } };
    },
    check: (res, target, role) => (res.body.levels?.[0]?.label_nb === `Oppnådd (${role})` ? null : `scale ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req, scale) => {
      const now = (await ctx.clients.admin.get(`/api/orgs/${regionNode(target).id}/achievement-scale`)).body;
      return now.version === scale.version ? null : `the scale changed anyway (version ${scale.version} → ${now.version})`;
    },
  },
  'POST /api/commission/documents/{id}/requirements/import': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(201), perTarget: true,
    prepare: (target) => fixtureDocument(target),
    request: (target, role, doc) => {
      const number = uniqCode('I');
      const csv = 'Kapittel;Kapitteltittel;Nummer;Krav;Gjelder for;Rapportering;Frister\n'
        + `K1;Kapittel for tilgangstest;${number};Importert av ${role};Alle;1. tertial og Årlig melding;\n`;
      return { path: `/api/commission/documents/${doc.id}/requirements/import`, body: { csv }, number };
    },
    check: (res) => (res.body.summary?.requirements_created === 1 ? null : `summary ${JSON.stringify(res.body.summary)}`),
    unchanged: async (target, req) => {
      const now = await fixtureDocument(target);
      return now.requirements.some((r) => r.number === req.number) ? `requirement ${req.number} was imported anyway` : null;
    },
  },
  'PATCH /api/requirements/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(200), perTarget: true,
    prepare: (target) => fixtureRequirement(target),
    request: (target, role, r) => ({ path: `/api/requirements/${r.id}`, body: { text: `Endret av ${role}` }, headers: { 'if-match': etag(r.version) } }),
    check: (res, target, role) => (res.body.text === `Endret av ${role}` ? null : `requirement ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req, r) => {
      const now = await fixtureRequirement(target);
      return now.version === r.version && now.text === r.text ? null : `requirement changed anyway: v${now.version} ${now.text}`;
    },
  },
  'GET /api/me/calendar-feed': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/me/calendar-feed' }),
    check: (res) => (typeof res.body.active === 'boolean' ? null : `body ${JSON.stringify(res.body)}`),
  },
  'POST /api/me/calendar-feed': {
    access: { scope: 'session' }, expect: SESSION(201),
    request: () => ({ path: '/api/me/calendar-feed', body: {} }),
    check: (res) => (/^\/api\/calendar\/[^/]+\.ics$/.test(res.body.path || '') ? null : `path ${res.body.path}`),
  },
  'DELETE /api/me/calendar-feed': {
    access: { scope: 'session' }, expect: SESSION(204),
    request: () => ({ path: '/api/me/calendar-feed' }),
  },
  // The feed's address is its secret: anyone holding it gets unn.leser's
  // deadlines, and only those (HN's, not HMN's).
  'GET /api/calendar/{id}': {
    access: { scope: 'public' }, expect: PUBLIC,
    prepare: async () => {
      await reportingSetup('STO'); // HMN has a period, which unn.leser must not get
      const r = await ctx.clients['unn.leser'].post('/api/me/calendar-feed', {});
      assert.equal(r.status, 201, `unn.leser could not make a calendar feed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.path;
    },
    request: (target, role, path) => ({ path }),
    check: (res) => {
      const text = String(res.body);
      if (!/^text\/calendar/.test(res.headers.get('content-type') || '') || !text.startsWith('BEGIN:VCALENDAR')) return `not iCalendar: ${text.slice(0, 80)}`;
      if (!text.includes('Helse Nord RHF')) return 'no HN deadlines';
      return text.includes('Helse Midt-Norge') ? 'HMN deadlines in unn.leser\'s feed' : null;
    },
  },
  // --- Governing documents ---
  'GET /api/governing-documents': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/governing-documents?limit=500' }),
    check: (res, target, role) => {
      const reads = pathsWith(ctx.sessions[role], 'read');
      const foreign = res.body.items.filter((d) => {
        const path = ctx.orgById.get(d.org.id)?.path ?? '?';
        return !reads.some((p) => path.startsWith(p) || p.startsWith(path));
      });
      return foreign.length ? `sees documents it does not reach: ${foreign.map((d) => `${d.org.code} ${d.code}`).join(', ')}` : null;
    },
  },
  'POST /api/governing-documents': {
    access: { scope: 'node', permission: 'manage' }, expect: okAs(MANAGE, 201), perTarget: true,
    request: (target) => {
      const code = `AN ${gd.seq++}`;
      return { body: { org_id: ctx.node[target].id, code, title: 'Nytt dokument (tilgangstest)', type: 'guideline' }, code };
    },
    check: (res, target) => (res.body.org?.id === ctx.node[target].id && res.body.status === 'draft' ? null : `document ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req) => {
      const r = await ctx.clients.admin.get(`/api/governing-documents?org_id=${ctx.node[target].id}&q=${encodeURIComponent(req.code)}`);
      return r.body.total === 0 ? null : `document ${req.code} was created anyway`;
    },
  },
  'GET /api/governing-documents/{id}': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: DOC_READ, perTarget: true,
    prepare: (target) => govDoc(target, 'approved'),
    request: (target, role, doc) => ({ path: `/api/governing-documents/${doc.id}` }),
    check: (res, target, role, doc) => (res.body.id === doc.id && res.body.content_visible === true && res.body.sections?.[0]?.heading === 'Formål'
      ? null : `document ${JSON.stringify(res.body).slice(0, 200)}`),
  },
  'PATCH /api/governing-documents/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    prepare: (target) => govDoc(target),
    request: (target, role, doc) => ({ path: `/api/governing-documents/${doc.id}`, body: { title: `Endret av ${role}` }, headers: { 'if-match': etag(doc.version) } }),
    check: (res, target, role) => (res.body.title === `Endret av ${role}` ? null : `title ${res.body.title}`),
    unchanged: async (target, req, doc) => {
      const now = await govDocNow(doc);
      return now.title === doc.title && now.version === doc.version ? null : `document changed anyway: ${now.title}`;
    },
  },
  'POST /api/governing-documents/{id}/versions': {
    access: { scope: 'node', permission: 'manage' }, expect: okAs(MANAGE, 201), perTarget: true,
    prepare: (target) => govDoc(target, 'approved'),
    request: (target, role, doc) => ({ path: `/api/governing-documents/${doc.id}/versions`, body: { change_note: `Revisjon av ${role}` } }),
    check: (res) => (res.body.number === 2 && res.body.status === 'draft' && res.body.sections?.[0]?.heading === 'Formål' ? null : `version ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req, doc) => ((await govDocNow(doc)).versions.length === 1 ? null : 'a version was made anyway'),
  },
  'GET /api/governing-documents/{id}/versions/{id}': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: DOC_READ, perTarget: true,
    prepare: (target) => govDoc(target),
    request: (target, role, doc) => ({ path: `/api/governing-documents/${doc.id}/versions/1` }),
    check: (res) => (res.body.number === 1 && res.body.sections?.[0]?.body === 'Innhold for tilgangstesten.' ? null : `version ${JSON.stringify(res.body).slice(0, 200)}`),
  },
  'PUT /api/governing-documents/{id}/versions/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    prepare: async (target) => {
      const doc = await govDoc(target);
      const v = await ctx.clients.admin.get(`/api/governing-documents/${doc.id}/versions/1`);
      return { doc, v: v.body };
    },
    request: (target, role, { doc, v }) => ({
      path: `/api/governing-documents/${doc.id}/versions/1`,
      body: { sections: [{ heading: 'Formål', body: `Skrevet av ${role}` }] }, headers: { 'if-match': etag(v.version) },
    }),
    check: (res, target, role) => (res.body.sections?.[0]?.body === `Skrevet av ${role}` ? null : `version ${JSON.stringify(res.body).slice(0, 200)}`),
    unchanged: async (target, req, { doc }) => {
      const v = await ctx.clients.admin.get(`/api/governing-documents/${doc.id}/versions/1`);
      return v.body.sections[0].body === 'Innhold for tilgangstesten.' ? null : `sections changed anyway: ${v.body.sections[0].body}`;
    },
  },
  'POST /api/governing-documents/{id}/versions/{id}/submit': docAction('submit', 'draft', 'for_approval', MANAGE),
  'POST /api/governing-documents/{id}/versions/{id}/return': docAction('return', 'for_approval', 'draft', DOC_APPROVE),
  'POST /api/governing-documents/{id}/versions/{id}/approve': docAction('approve', 'for_approval', 'approved', DOC_APPROVE),
  'POST /api/governing-documents/{id}/versions/{id}/withdraw': docAction('withdraw', 'approved', 'withdrawn', DOC_APPROVE),
  'GET /api/governing-documents/{id}/export': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: DOC_READ, perTarget: true,
    prepare: (target) => govDoc(target, 'approved'),
    request: (target, role, doc) => ({ path: `/api/governing-documents/${doc.id}/export?format=md` }),
    check: (res) => (String(res.body).includes('## 1 Formål') ? null : `not the document: ${String(res.body).slice(0, 120)}`),
  },
  'GET /api/orgs/{id}/document-structure': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: DOC_READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/document-structure` }),
    check: (res) => (Array.isArray(res.body.nodes) && Array.isArray(res.body.documents) ? null : `structure ${JSON.stringify(res.body).slice(0, 200)}`),
  },
  'POST /api/orgs/{id}/document-structure': {
    access: { scope: 'node', permission: 'manage' }, expect: okAs(MANAGE, 201), perTarget: true,
    request: (target, role) => {
      const title = `Node fra ${role} ${gd.seq++}`;
      return { path: `/api/orgs/${ctx.node[target].id}/document-structure`, body: { title }, title };
    },
    check: (res, target, role) => (res.body.title?.startsWith(`Node fra ${role}`) ? null : `node ${JSON.stringify(res.body)}`),
    unchanged: async (target, req) => {
      const r = await ctx.clients.admin.get(`/api/orgs/${ctx.node[target].id}/document-structure`);
      return r.body.nodes.some((n) => n.title === req.title) ? `node ${req.title} was added anyway` : null;
    },
  },
  'POST /api/orgs/{id}/imports/governing-document': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/imports/governing-document`, body: { text: '1 Formål\n\nTekst om formålet.\n\n2 Omfang\n\nGjelder alle.\n', code: 'AI 01', dry_run: true } }),
    check: (res) => (res.body.dry_run === true && res.body.sections?.length === 2 && res.body.code === 'AI 01' ? null : `preview ${JSON.stringify(res.body).slice(0, 200)}`),
  },
  'PUT /api/grants/{id}/clearance': {
    access: { scope: 'node', permission: 'administer' }, expect: ADMINISTER(200), perTarget: true,
    prepare: async (target) => {
      const u = await fixtureUser(target);
      const r = await ctx.clients.admin.post(`/api/users/${u.id}/grants`, { org_id: ctx.node[target].id, role: 'reader' });
      assert.equal(r.status, 201, `admin could not grant reader on ${target}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    request: (target, role, grant) => ({ path: `/api/grants/${grant.id}/clearance`, body: { clearance: 'confidential' } }),
    check: (res, target, role, grant) => (res.body.grant_id === grant.id && res.body.effective === 'confidential' ? null : `clearance ${JSON.stringify(res.body)}`),
    cleanup: async (target, req, grant) => { await ctx.clients.admin.del(`/api/grants/${grant.id}`); },
  },
  'GET /api/orgs/{id}/risk-matrices': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: PERIODS_READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risk-matrices` }),
    check: (res, target) => (res.body.items?.length && res.body.items.every((m) => m.region_id === regionNode(target).id) ? null : `matrices ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'POST /api/orgs/{id}/risk-matrices': {
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(201), perTarget: true,
    prepare: (target) => riskMatrixOf(target),
    request: (target, role, m) => ({ path: `/api/orgs/${regionNode(target).id}/risk-matrices`, body: { matrix: { ...m.matrix, key: `tilgang-${role}` } } }),
    check: (res, target, role) => (res.body.key === `tilgang-${role}` && res.body.region_id === regionNode(target).id ? null : `matrix ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req) => {
      const list = await ctx.clients.admin.get(`/api/orgs/${regionNode(target).id}/risk-matrices`);
      return list.body.items.some((m) => m.key === req.body.matrix.key) ? `matrix ${req.body.matrix.key} was saved anyway` : null;
    },
  },
  'GET /api/risk-matrices/{id}': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: REGION_READ_DOWN, perTarget: true,
    prepare: (target) => riskMatrixOf(target),
    request: (target, role, m) => ({ path: `/api/risk-matrices/${m.id}` }),
    check: (res, target, role, m) => (res.body.id === m.id && res.body.matrix?.cells?.length ? null : `matrix ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'POST /api/orgs/{id}/imports/risk-matrix': {
    // A preview changes nothing.
    access: { scope: 'node', permission: 'manage' }, expect: REGION_MANAGE(200), perTarget: true,
    request: (target) => ({
      path: `/api/orgs/${regionNode(target).id}/imports/risk-matrix`,
      body: { dry_run: true, yaml: 'objects:\n  risk_matrix:\n    - ref_id: t\n      name: Low\n      probability: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]\n      impact: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]\n      risk: [{id: 0, name: Low, hexcolor: "#00FF00"}]\n      grid: [[0, 0, 0], [0, 0, 0], [0, 0, 0]]\n' },
    }),
    check: (res) => (res.body.dry_run === true && res.body.matrices?.length === 1 ? null : `preview ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'GET /api/risk-assessments': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/risk-assessments?limit=500' }),
    check: noLeak('read'),
  },
  'POST /api/risk-assessments': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(201), perTarget: true,
    request: (target, role) => ({ body: { org_id: ctx.node[target].id, title: `Opprettet av ${role} på ${target}`, subject_kind: 'process' } }),
    check: (res, target) => (res.body.org?.id === ctx.node[target].id ? null : `assessment ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req) => (Number(sql(srv.db, `SELECT COUNT(*) FROM risk_assessment WHERE title = '${req.body.title}'`)) === 0 ? null : 'assessment created anyway'),
  },
  'GET /api/risk-assessments/{id}': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    prepare: (target) => riskAssessment(target),
    request: (target, role, a) => ({ path: `/api/risk-assessments/${a.id}` }),
    check: (res, target, role, a) => (res.body.id === a.id && res.body.matrix?.matrix && Array.isArray(res.body.risks) ? null : `assessment ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'PATCH /api/risk-assessments/{id}': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(200), perTarget: true,
    prepare: (target) => riskAssessment(target),
    request: (target, role, a) => ({ path: `/api/risk-assessments/${a.id}`, body: { scope: `Endret av ${role}` }, headers: { 'if-match': etag(a.version) } }),
    check: (res, target, role) => (res.body.scope === `Endret av ${role}` ? null : `assessment ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req, a) => ((await riskAssessment(target)).version === a.version ? null : 'assessment changed anyway'),
  },
  'POST /api/risk-assessments/{id}/risks': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(201), perTarget: true,
    prepare: (target) => riskAssessment(target),
    request: (target, role, a) => ({ path: `/api/risk-assessments/${a.id}/risks`, body: { title: `Risiko fra ${role}`, likelihood: 2, consequence: 2 } }),
    check: (res, target, role, a) => (res.body.assessment_id === a.id && res.body.inherent_level?.index === 0 ? null : `risk ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req, a) => ((await riskAssessment(target)).risk_count === a.risk_count ? null : 'risk added anyway'),
  },
  'GET /api/risks': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/risks?limit=500' }),
    check: noLeak('read'),
  },
  'GET /api/me/risks': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/me/risks' }),
    check: (res, target, role) => ((res.body.items || []).every((r) => r.owner?.id === ctx.sessions[role].user.id) ? null : 'risks of another owner'),
  },
  'GET /api/risks/{id}': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    prepare: (target) => riskFixture(target),
    request: (target, role, r) => ({ path: `/api/risks/${r.id}` }),
    check: (res, target, role, r) => (res.body.id === r.id && Array.isArray(res.body.history) ? null : `risk ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'PATCH /api/risks/{id}': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(200), perTarget: true,
    prepare: (target) => riskFixture(target),
    request: (target, role, r) => ({ path: `/api/risks/${r.id}`, body: { description: `Endret av ${role}` }, headers: { 'if-match': etag(r.version) } }),
    check: (res, target, role) => (res.body.description === `Endret av ${role}` ? null : `risk ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req, r) => ((await riskFixture(target)).version === r.version ? null : 'risk changed anyway'),
  },
  'POST /api/risks/{id}/accept': {
    access: { scope: 'node', permission: 'approve' }, expect: RISK_ACCEPT, perTarget: true,
    prepare: (target) => riskFixture(target),
    request: (target, role, r) => ({ path: `/api/risks/${r.id}/accept`, body: { rationale: `Akseptert av ${role}`, expires_on: '2099-12-31' } }),
    check: (res, target, role) => (res.body.acceptance?.state === 'accepted' && res.body.acceptance.rationale === `Akseptert av ${role}` ? null : `risk ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req, r) => ((await riskFixture(target)).version === r.version ? null : 'risk accepted anyway'),
  },
  'GET /api/orgs/{id}/risk-owners': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risk-owners` }),
    check: (res) => (Array.isArray(res.body) ? null : 'not a list'),
  },
  'GET /api/orgs/{id}/risk-heatmap': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risk-heatmap` }),
    check: (res, target) => (res.body.org?.id === ctx.node[target].id && Array.isArray(res.body.inherent) ? null : `heat map ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'GET /api/orgs/{id}/risks.csv': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risks.csv` }),
    check: (res) => (/^text\/csv/.test(res.headers.get('content-type') || '') && String(res.body).includes('Risikovurdering') ? null : 'not the CSV'),
  },
  'GET /api/orgs/{id}/risks.xlsx': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risks.xlsx` }),
    check: (res) => (/spreadsheetml/.test(res.headers.get('content-type') || '') ? null : 'not the workbook'),
  },
  'POST /api/orgs/{id}/imports/risks': {
    // A preview changes nothing.
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(200), perTarget: true,
    request: (target) => ({
      path: `/api/orgs/${ctx.node[target].id}/imports/risks`,
      body: { dry_run: true, csv: 'ID;Risikovurdering;Tittel;Beskrivelse;Trussel;Sårbarhet;Verdier og systemer;Eksisterende tiltak;Sannsynlighet;Konsekvens;Behandling;Tiltaksplan;Sannsynlighet etter tiltak;Konsekvens etter tiltak;Eier (brukernavn);Neste gjennomgang;Krav (id);Kontrollpunkter\n;Tilgangstest;Ny;;;;;;2;2;;;;;;;;\n' },
    }),
    check: (res) => (res.body.dry_run === true && res.body.rows?.length === 1 ? null : `preview ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'GET /api/orgs/{id}/risk-overview/export': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risk-overview/export?format=md` }),
    check: (res) => (String(res.body).includes('Risikooversikt') ? null : `not the overview: ${String(res.body).slice(0, 120)}`),
  },
  // ---- the heat map as a picture (engineer A, session 3) ----
  'GET /api/orgs/{id}/risk-heatmap.png': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/risk-heatmap.png` }),
    check: (res) => (res.headers.get('content-type') === 'image/png' && String(res.body).slice(1, 4) === 'PNG' ? null : 'not a PNG'),
  },
};

// --- Action plans (src/actions) ---
//
// Each target has a plan of its own node (UNN's, NLSH's, the unit's, STO's)
// made by admin, with an area A1 and a measure that names the target itself
// responsible. Choices where the rules are silent:
//  * a plan's reading routes reach down (x-access): a user with read below
//    the plan's node sees the plan with only the measures its trust answers
//    for (here none), so unn.medarbeider gets 200 for UNN's plan;
//  * a measure is read and followed up at the plan's node, or at a trust it
//    names responsible: with the measure naming the target, the rows are
//    those of READ and of contributing on the target.
const ax = { plans: {}, risk: 1000 };
const withOk = (matrix, ok) => Object.fromEntries(Object.entries(matrix).map(([t, r]) =>
  [t, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 200 ? ok : v]))]));
const PLAN_READ_DOWN = { ...READ, UNN: row(' 200   200    200    200     200     200     200     200     200    404     401') };
//              admin hn.adm hn.isl unn.isl unn.pvo unn.led unn.med unn.les hn.rev hmn.isl anon
const PLAN_CONTRIBUTE = (ok) => ({
  UNN:  row(`${ok}  ${ok}  ${ok}  ${ok}   ${ok}   ${ok}   404     403     403    404     401`),
  NLSH: row(`${ok}  ${ok}  ${ok}  404     404     404     404     404     403    404     401`),
  UNIT: row(`${ok}  ${ok}  ${ok}  ${ok}   ${ok}   ${ok}   ${ok}   403     403    404     401`),
  STO:  row(`${ok}  404    404    404     404     404     404     404     404    ${ok}   401`),
});

// A fresh plan of the target's node with area A1 and one measure, made by admin.
async function freshPlan(target) {
  const admin = ctx.clients.admin;
  const node = ctx.node[target];
  const p = await admin.post('/api/action-plans', { org_id: node.id, title: `Tilgangsplan ${uniqCode('P')}`, period_text: '2030' });
  assert.equal(p.status, 201, `admin could not create a plan for ${target}: ${p.status} ${JSON.stringify(p.body)}`);
  const a = await admin.post(`/api/action-plans/${p.body.id}/areas`, { code: 'A1', title: 'Område for tilgangstest' });
  assert.equal(a.status, 201, `admin could not add an area: ${a.status} ${JSON.stringify(a.body)}`);
  const m = await admin.post(`/api/action-plans/${p.body.id}/measures`, { area: 'A1', title: `Tiltak for ${target}`, period: '2030', responsible: node.name });
  assert.equal(m.status, 201, `admin could not add a measure: ${m.status} ${JSON.stringify(m.body)}`);
  return { plan: (await admin.get(`/api/action-plans/${p.body.id}`)).body, measure: m.body };
}
async function fixturePlan(target) {
  if (!ax.plans[target]) ax.plans[target] = await freshPlan(target);
  const plan = (await ctx.clients.admin.get(`/api/action-plans/${ax.plans[target].plan.id}`)).body;
  const measure = (await ctx.clients.admin.get(`/api/measures/${ax.plans[target].measure.id}`)).body;
  return { plan, measure };
}
const planUnchanged = async (target, req, s) => {
  const now = (await ctx.clients.admin.get(`/api/action-plans/${s.plan.id}`)).body;
  return now.version === s.plan.version && now.measures.length === s.plan.measures.length && now.areas.length === s.plan.areas.length
    ? null : `plan changed anyway: v${now.version}, ${now.measures.length} measures, ${now.areas.length} areas`;
};
const measureUnchanged = async (target, req, s) => {
  const now = (await ctx.clients.admin.get(`/api/measures/${s.measure.id}`)).body;
  return now.version === s.measure.version ? null : `measure changed anyway: v${now.version}`;
};
const seesOnly = (role, items, pathOf) => {
  const reads = pathsWith(ctx.sessions[role], 'read');
  const bad = items.filter((x) => !under(pathOf(x) ?? '?', reads) && !x.responsible?.some?.((r) => r.each_trust || under(ctx.orgById.get(r.org_id)?.path ?? '?', reads)));
  return bad.length ? `sees ${bad.length} outside its subtrees, e.g. ${JSON.stringify(bad[0]).slice(0, 160)}` : null;
};
const PLAN_TEXT = 'Plan for tilgangstest\nPlanperiode: 2030-2031\n\n1.1 Område\n\nEt tiltak\n\nBeskrivelse: Noe.\n\nStatus: Ikke startet\n\nTidsperiode: 2030\n\nAnsvarlig: Ingen\n';

const ACTION_ROUTES = {
  'GET /api/action-statuses': {
    access: { scope: 'session' }, expect: SESSION(200),
    request: () => ({ path: '/api/action-statuses' }),
    check: (res) => (Array.isArray(res.body) && res.body.map((s) => s.label_nb).join(',') === 'Ikke startet,Pågår,Fullført,Kontinuerlig,Utsatt,Avbrutt' ? null : `scale ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'GET /api/action-plans': {
    access: { scope: 'session' }, expect: SESSION(200),
    prepare: () => fixturePlan('STO'),
    request: () => ({ path: '/api/action-plans' }),
    check: (res, target, role) => seesOnly(role, res.body.items.filter((p) => ctx.orgById.get(p.org.id)?.kind !== 'region'), (p) => ctx.orgById.get(p.org.id)?.path),
  },
  'POST /api/action-plans': {
    access: { scope: 'node', permission: 'manage' }, expect: withOk(MANAGE, 201), perTarget: true,
    request: (target) => {
      const title = `Ny plan ${uniqCode('NP')}`;
      return { path: '/api/action-plans', body: { org_id: ctx.node[target].id, title }, title };
    },
    check: (res, target) => (res.body.org?.id === ctx.node[target].id ? null : `plan ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req) => {
      const r = await ctx.clients.admin.get(`/api/action-plans?org_id=${ctx.node[target].id}`);
      return r.body.items.some((p) => p.title === req.title) ? 'the plan was created anyway' : null;
    },
  },
  'GET /api/action-plans/{id}': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: PLAN_READ_DOWN, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}` }),
    check: (res, target, role, s) => (res.body.id === s.plan.id ? seesOnly(role, res.body.measures, () => ctx.node[target].path) : `plan ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'PATCH /api/action-plans/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}`, body: { intro: `Endret av ${role}` }, headers: { 'if-match': etag(s.plan.version) } }),
    check: (res, target, role) => (res.body.intro === `Endret av ${role}` ? null : `plan ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: planUnchanged,
  },
  'POST /api/action-plans/{id}/revise': {
    access: { scope: 'node', permission: 'manage' }, expect: withOk(MANAGE, 201), perTarget: true,
    prepare: (target) => freshPlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/revise`, body: {}, headers: { 'if-match': etag(s.plan.version) } }),
    check: (res, target, role, s) => (res.body.previous_id === s.plan.id && res.body.revision === 2 ? null : `revision ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: planUnchanged,
  },
  'GET /api/action-plans/{id}/changes': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: PLAN_READ_DOWN, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/changes` }),
    check: (res, target, role, s) => (res.body.to?.id === s.plan.id ? null : `changes ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'GET /api/action-plans/{id}/overview': {
    access: { scope: 'node', permission: 'read', reaches_down: true }, expect: PLAN_READ_DOWN, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/overview` }),
    check: (res, target, role) => {
      const whole = under(ctx.node[target].path, pathsWith(ctx.sessions[role], 'read'));
      return res.body.all?.total === (whole ? 1 : 0) ? null : `overview counts ${res.body.all?.total} measures`;
    },
  },
  'POST /api/action-plans/{id}/areas': {
    access: { scope: 'node', permission: 'manage' }, expect: withOk(MANAGE, 201), perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/areas`, body: { code: uniqCode('A'), title: `Område fra ${role}` } }),
    unchanged: planUnchanged,
  },
  'POST /api/action-plans/{id}/measures': {
    access: { scope: 'node', permission: 'manage' }, expect: withOk(MANAGE, 201), perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/measures`, body: { area: 'A1', title: `Tiltak fra ${role}`, period: '2031' } }),
    check: (res, target, role) => (res.body.title === `Tiltak fra ${role}` && res.body.status.code === 'not_started' ? null : `measure ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: planUnchanged,
  },
  'GET /api/measures': {
    access: { scope: 'session' }, expect: SESSION(200),
    prepare: () => fixturePlan('STO'),
    request: () => ({ path: '/api/measures?limit=500' }),
    check: (res, target, role, s) => {
      const should = under(ctx.node.STO.path, pathsWith(ctx.sessions[role], 'read'));
      return res.body.items.some((m) => m.id === s.measure.id) === should ? null : `${should ? 'misses' : 'sees'} STO's measure`;
    },
  },
  'GET /api/measures/{id}': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/measures/${s.measure.id}` }),
    check: (res, target, role, s) => (res.body.id === s.measure.id && Array.isArray(res.body.updates) ? null : `measure ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'PATCH /api/measures/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/measures/${s.measure.id}`, body: { description: `Endret av ${role}` }, headers: { 'if-match': etag(s.measure.version) } }),
    check: (res, target, role) => (res.body.description === `Endret av ${role}` ? null : `measure ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: measureUnchanged,
  },
  'POST /api/measures/{id}/updates': {
    access: { scope: 'node', permission: 'contribute' }, expect: PLAN_CONTRIBUTE(201), perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/measures/${s.measure.id}/updates`, body: { comment: `Oppdatert av ${role}` }, headers: { 'if-match': etag(s.measure.version) } }),
    check: (res, target, role) => (res.body.updates?.at(-1)?.comment === `Oppdatert av ${role}` ? null : `measure ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: measureUnchanged,
  },
  'POST /api/measures/{id}/links': {
    access: { scope: 'node', permission: 'manage' }, expect: withOk(MANAGE, 201), perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/measures/${s.measure.id}/links`, body: { target_kind: 'control', target_id: ax.risk++ } }),
    unchanged: measureUnchanged,
  },
  'DELETE /api/measures/{id}/links/{id}/{id}': {
    access: { scope: 'node', permission: 'manage' }, expect: withOk(MANAGE, 204), perTarget: true,
    prepare: async (target) => {
      const s = await fixturePlan(target);
      const id = ax.risk++;
      const r = await ctx.clients.admin.post(`/api/measures/${s.measure.id}/links`, { target_kind: 'control', target_id: id });
      assert.equal(r.status, 201, `admin could not link: ${r.status} ${JSON.stringify(r.body)}`);
      return { ...s, measure: r.body, link: id };
    },
    request: (target, role, s) => ({ path: `/api/measures/${s.measure.id}/links/control/${s.link}` }),
    unchanged: measureUnchanged,
  },
  'POST /api/orgs/{id}/imports/action-plan': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    request: (target) => ({ path: `/api/orgs/${ctx.node[target].id}/imports/action-plan`, body: { text: PLAN_TEXT, dry_run: true } }),
    check: (res) => (res.body.dry_run === true && res.body.measures?.length === 1 ? null : `preview ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'GET /api/action-plans/{id}/export': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/export?format=md` }),
    check: (res, target) => (String(res.body).includes(`Tiltak for ${target}`) ? null : 'the export lacks the measure'),
  },
  'GET /api/action-plans/{id}/measures.csv': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/measures.csv` }),
    check: (res, target) => (String(res.body).includes(`Tiltak for ${target}`) ? null : 'the CSV lacks the measure'),
  },
  'GET /api/action-plans/{id}/measures.xlsx': {
    access: { scope: 'node', permission: 'read' }, expect: READ, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/measures.xlsx` }),
  },
  'POST /api/action-plans/{id}/measures/import': {
    access: { scope: 'node', permission: 'manage' }, expect: MANAGE, perTarget: true,
    prepare: (target) => fixturePlan(target),
    request: (target, role, s) => ({ path: `/api/action-plans/${s.plan.id}/measures/import`, body: { csv: 'Område;Tiltak\nA1;Fra regneark\n', dry_run: true } }),
    check: (res) => (res.body.measures?.length === 1 ? null : `preview ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: planUnchanged,
  },
};
Object.assign(ROUTES, ACTION_ROUTES);

// --- The measures that treat a risk (src/risk/measure_routes.cpp) ---
//
// Linking changes the risk: contribute on the risk's node, as for editing
// it. The measure is a fresh one in the target's own plan, so every caller
// who reaches the risk also sees the measure.
async function riskAndMeasure(target) {
  const risk = await riskFixture(target);
  const { plan } = await fixturePlan(target);
  const m = await ctx.clients.admin.post(`/api/action-plans/${plan.id}/measures`, { area: 'A1', title: `Behandler risiko ${ax.risk++}` });
  assert.equal(m.status, 201, `admin could not add a measure at ${target}: ${m.status} ${JSON.stringify(m.body)}`);
  return { risk, measure: m.body };
}
const riskLinks = (s) => Number(sql(srv.db, `SELECT COUNT(*) FROM measure_link WHERE target_kind = 'risk' AND target_id = ${s.risk.id} AND measure_id = ${s.measure.id}`));
const RISK_MEASURE_ROUTES = {
  'GET /api/risks/{id}/measure-candidates': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(200), perTarget: true,
    prepare: (target) => riskAndMeasure(target),
    request: (target, role, s) => ({ path: `/api/risks/${s.risk.id}/measure-candidates?q=${encodeURIComponent(s.measure.title)}` }),
    check: (res, target, role, s) => (res.body.items?.length === 1 && res.body.items[0].id === s.measure.id ? null : `candidates ${JSON.stringify(res.body).slice(0, 160)}`),
  },
  'POST /api/risks/{id}/measures': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(201), perTarget: true,
    prepare: (target) => riskAndMeasure(target),
    request: (target, role, s) => ({ path: `/api/risks/${s.risk.id}/measures`, body: { measure_id: s.measure.id } }),
    check: (res, target, role, s) => (Array.isArray(res.body) && res.body.some((m) => m.id === s.measure.id) ? null : `measures ${JSON.stringify(res.body).slice(0, 160)}`),
    unchanged: async (target, req, s) => (riskLinks(s) === 0 ? null : 'linked anyway'),
  },
  'DELETE /api/risks/{id}/measures/{id}': {
    access: { scope: 'node', permission: 'contribute' }, expect: RISK_CONTRIBUTE(204), perTarget: true,
    prepare: async (target) => {
      const s = await riskAndMeasure(target);
      const r = await ctx.clients.admin.post(`/api/risks/${s.risk.id}/measures`, { measure_id: s.measure.id });
      assert.equal(r.status, 201, `admin could not link: ${r.status} ${JSON.stringify(r.body)}`);
      return s;
    },
    request: (target, role, s) => ({ path: `/api/risks/${s.risk.id}/measures/${s.measure.id}` }),
    unchanged: async (target, req, s) => (riskLinks(s) === 1 ? null : 'unlinked anyway'),
  },
};
Object.assign(ROUTES, RISK_MEASURE_ROUTES);

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
