// Bad input on every write route of /api/openapi.json: malformed JSON, wrong
// shapes and types, unknown fields, invalid UTF-8, huge and empty bodies.
// Each answers 4xx application/problem+json (never 5xx), naming the field to
// blame where there is one; nothing changes; the server stays up.
// Also: bad query strings and path ids, injection probes, oversized headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  loginAs, orgsByCode, uniqCode, uniqUser, etag, assertProblem, auditTotal, rawRequest, authHeaders, problemNames,
  periodsOf, trustReport, commissionDocument,
} from '../lib/api.mjs';

let srv;
let admin;
let orgs;
let openapi;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  orgs = await orgsByCode(admin);
  openapi = await (await fetch(srv.url + '/api/openapi.json')).json();
});
after(async () => { await srv?.stop(); });

const fixtures = {};
async function fixtureOrg() {
  if (!fixtures.org) {
    const r = await admin.post('/api/orgs', { code: uniqCode('ROB'), name: 'Robusthet', kind: 'unit', parent_id: orgs.get('UNN').id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    fixtures.org = r.body;
  }
  return fixtures.org;
}
async function fixtureUser() {
  if (!fixtures.user) {
    const r = await admin.post('/api/users', { username: uniqUser('robust'), display_name: 'Robust', password: 'robust-passord-123', home_org_id: orgs.get('UNN').id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    fixtures.user = r.body;
  }
  return fixtures.user;
}
// Commissioning and reporting, all in Helse Nord (HN) and for UNN, on years
// the demo data does not use, so a valid request would change only fresh
// objects: a draft document for 2090 with chapter R1 and one requirement per
// target (RA: no entry yet; RB: a draft entry with an achievement; RC and RD:
// submitted entries; RP: edited by PATCH), and the period T1 2090; an open
// period (T1 2094) to close and a closed one (T2 2094) to reopen. Other years
// are left free for the targets that would create them: 2091 (document),
// 2092 (report import), 2093 (period).
const YEAR = { reporting: 2090, document: 2091, reportImport: 2092, period: 2093, closing: 2094 };
const hn = () => orgs.get('HN');
const unn = () => orgs.get('UNN');
async function ok(res, status, what) {
  assert.equal(res.status, status, `${what}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  return res.body;
}
async function fixtureReporting() {
  if (!fixtures.reporting) {
    const doc = await ok(await admin.post('/api/commission/documents', { region_id: hn().id, year: YEAR.reporting, title: 'Robusthet 2090' }), 201, 'fixture document');
    await ok(await admin.post(`/api/commission/documents/${doc.id}/chapters`, { code: 'R1', title: 'Robusthet' }), 201, 'fixture chapter');
    const req = {};
    for (const n of ['RA', 'RB', 'RC', 'RD', 'RP']) {
      req[n] = await ok(await admin.post(`/api/commission/documents/${doc.id}/requirements`, {
        chapter: 'R1', number: n, text: `Krav ${n} for robusthetstesten`, applies_to: ['UNN'], reporting_points: ['T1', 'ANNUAL'],
      }), 201, `fixture requirement ${n}`);
    }
    const period = await ok(await admin.post(`/api/orgs/${hn().id}/periods`, { year: YEAR.reporting, kind: 'T1' }), 201, 'fixture period');
    const entry = {};
    for (const n of ['RB', 'RC', 'RD']) {
      entry[n] = await ok(await admin.request('PUT', `/api/orgs/${unn().id}/reports/${period.id}/${req[n].id}`, { achievement: 'partly', text: `Rapportert på ${n}` }), 200, `fixture entry ${n}`);
    }
    for (const n of ['RC', 'RD']) entry[n] = await ok(await admin.post(`/api/report-entries/${entry[n].id}/submit`, {}), 200, `submitting entry ${n}`);
    const toClose = await ok(await admin.post(`/api/orgs/${hn().id}/periods`, { year: YEAR.closing, kind: 'T1' }), 201, 'period to close');
    const open = await ok(await admin.post(`/api/orgs/${hn().id}/periods`, { year: YEAR.closing, kind: 'T2' }), 201, 'period to reopen');
    const toReopen = await ok(await admin.post(`/api/periods/${open.id}/close`, {}), 200, 'closing the period to reopen');
    fixtures.reporting = { doc, req, period, entry, toClose, toReopen };
  }
  return fixtures.reporting;
}
// What the fixtures look like now, for the "nothing changed" comparison.
async function documentsNow() {
  const r = await admin.get('/api/commission/documents');
  assert.equal(r.status, 200, `GET /api/commission/documents: ${r.status}`);
  return r.body.items.map((d) => `${d.id} ${d.region.code} ${d.year} ${d.status} r${d.revision} v${d.version}`);
}
async function documentNow(id) {
  const d = await commissionDocument(admin, id);
  return {
    document: `${d.status} r${d.revision} v${d.version} ${d.title}`,
    revisions: d.revisions.length,
    chapters: d.chapters.map((c) => `${c.id} ${c.code} ${c.title}`),
    requirements: d.requirements.map((r) => `${r.id} ${r.chapter} ${r.number} v${r.version}`),
  };
}
async function periodsNow() {
  return (await periodsOf(admin, hn().id)).map((p) => `${p.id} ${p.kind} ${p.year} ${p.status} v${p.version}`);
}
async function entriesNow(periodId) {
  return (await trustReport(admin, unn().id, periodId)).items.filter((i) => i.entry)
    .map((i) => `${i.requirement.number}: ${i.entry.id} ${i.entry.state} v${i.entry.version}`);
}
async function reportingNow() {
  const f = await fixtureReporting();
  return { periods: await periodsNow(), entries: await entriesNow(f.period.id) };
}
async function requirementNow(id) {
  const f = await fixtureReporting();
  const r = (await commissionDocument(admin, f.doc.id)).requirements.find((x) => x.id === id);
  assert.ok(r, `requirement ${id} is gone`);
  return r;
}

// Governing documents: one fresh document of UNN per target, in the status
// the target's valid request starts from.
const govFixtures = {};
let govSeq = 900;
async function fixtureGov(name, status = 'draft') {
  if (!govFixtures[name]) {
    const d = await ok(await admin.post('/api/governing-documents', {
      org_id: unn().id, code: `RB ${govSeq++}`, title: `Robusthet ${name}`, type: 'routine', classification: 'internal',
      sections: [{ heading: 'Formål', body: 'Robust innhold.' }],
    }), 201, `fixture governing document ${name}`);
    if (status !== 'draft') await ok(await admin.post(`/api/governing-documents/${d.id}/versions/1/submit`, {}), 200, 'submitting');
    if (status === 'approved') await ok(await admin.post(`/api/governing-documents/${d.id}/versions/1/approve`, {}), 200, 'approving');
    govFixtures[name] = d;
  }
  return govFixtures[name];
}
async function govNow(name) {
  const d = (await admin.get(`/api/governing-documents/${govFixtures[name].id}`)).body;
  return `${d.code} ${d.title} ${d.status} v${d.version} ${d.versions.map((v) => `${v.number}:${v.status}:${v.version}`).join(',')}`;
}
async function govListNow() {
  return (await admin.get(`/api/governing-documents?org_id=${unn().id}&limit=500`)).body.items.map((d) => `${d.id} ${d.code} v${d.version}`);
}
const govAct = (name, from, action) => ({
  path: async () => `/api/governing-documents/${(await fixtureGov(name, from)).id}/versions/1/${action}`,
  base: () => ({}),
  state: () => govNow(name),
});

async function currentVersion(path) {
  const r = await admin.get(path);
  assert.equal(r.status, 200, `GET ${path}: ${r.status}`);
  return r.body.version;
}

// How to aim a request at each write route: the concrete path, a valid body
// (the bad bodies are variations of it), headers, and what to compare after.
// A write route in openapi.json without an entry here fails the test.
const TARGETS = {
  'POST /api/session': {
    path: async () => '/api/session',
    base: () => ({ username: 'robust.finnes.ikke', password: 'feil-passord' }),
    // docs/api.md: "401 ... for any failure" at login; a 400 for a body that is not
    // a login at all is fine as well. Failed logins may be audited.
    statuses: [400, 401, 422], fieldOptional: true, auditMayGrow: true,
  },
  'POST /api/orgs': {
    path: async () => '/api/orgs',
    base: () => ({ code: uniqCode('ROB'), name: 'Robust enhet', kind: 'unit', parent_id: orgs.get('UNN').id }),
  },
  'PATCH /api/orgs/{id}': {
    path: async () => `/api/orgs/${(await fixtureOrg()).id}`,
    base: () => ({ name: 'Robust nytt navn' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  'POST /api/users': {
    path: async () => '/api/users',
    base: () => ({ username: uniqUser('rob'), display_name: 'Robust Bruker', email: 'robust@example.no', password: 'robust-passord-123', home_org_id: orgs.get('UNN').id, locale: 'nb' }),
  },
  'PATCH /api/users/{id}': {
    path: async () => `/api/users/${(await fixtureUser()).id}`,
    base: () => ({ display_name: 'Robust Endret' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  'POST /api/users/{id}/grants': {
    path: async () => `/api/users/${(await fixtureUser()).id}/grants`,
    base: () => ({ org_id: orgs.get('UNN').id, role: 'reader' }),
  },
  // `state` adds what the route could change to the "nothing changed" snapshot.
  'POST /api/commission/documents': {
    path: async () => '/api/commission/documents',
    base: () => ({ region_id: hn().id, year: YEAR.document, title: 'Robust oppdragsdokument' }),
    state: () => documentsNow(),
  },
  'POST /api/commission/documents/{id}/publish': {
    path: async () => {
      const f = await fixtureReporting();
      f.docVersion = (await commissionDocument(admin, f.doc.id)).version;
      return `/api/commission/documents/${f.doc.id}/publish`;
    },
    base: () => ({ version: fixtures.reporting.docVersion }),
    state: async () => ({ documents: await documentsNow(), document: (await documentNow(fixtures.reporting.doc.id)).document }),
  },
  'POST /api/commission/documents/{id}/chapters': {
    path: async () => `/api/commission/documents/${(await fixtureReporting()).doc.id}/chapters`,
    base: () => ({ code: uniqCode('K'), title: 'Robust kapittel', general_text: 'Innledning til kapitlet.' }),
    state: () => documentNow(fixtures.reporting.doc.id),
  },
  'POST /api/commission/documents/{id}/requirements': {
    path: async () => `/api/commission/documents/${(await fixtureReporting()).doc.id}/requirements`,
    base: () => ({
      chapter: 'R1', number: uniqCode('N'), text: 'Robust krav', applies_to: ['UNN'], reporting_points: ['T1', 'ANNUAL'],
      deadlines: [{ phrase: 'innen 15. mars', due_date: '2090-03-15', yearly: false }],
    }),
    state: () => documentNow(fixtures.reporting.doc.id),
  },
  'POST /api/commission/documents/{id}/requirements/import': {
    path: async () => `/api/commission/documents/${(await fixtureReporting()).doc.id}/requirements/import`,
    base: () => ({
      csv: 'Kapittel;Kapitteltittel;Nummer;Krav;Gjelder for;Rapportering;Frister\n'
        + `R2;Importert kapittel;${uniqCode('I')};Importert krav;Alle;1. tertial og Årlig melding;\n`,
      dry_run: false,
    }),
    state: () => documentNow(fixtures.reporting.doc.id),
  },
  'PUT /api/orgs/{id}/achievement-scale': {
    path: async () => `/api/orgs/${hn().id}/achievement-scale`,
    base: () => ({
      levels: [
        { code: 'achieved', label_nb: 'Oppnådd', label_en: 'Achieved', colour: '#1b5e20' },
        { code: 'partly', label_nb: 'Delvis oppnådd', label_en: 'Partly achieved', colour: '#8a5300' },
        { code: 'not_achieved', label_nb: 'Ikke oppnådd', label_en: 'Not achieved', colour: '#b71c1c' },
        { code: 'not_started', label_nb: 'Ikke startet', label_en: 'Not started', colour: '#4a4a4a' },
        { code: 'not_relevant', label_nb: 'Ikke relevant', label_en: 'Not relevant', colour: '#37474f' },
      ],
    }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  'PATCH /api/requirements/{id}': {
    path: async () => `/api/requirements/${(await fixtureReporting()).req.RP.id}`,
    base: () => ({
      number: 'RP2', text: 'Robust endret krav', applies_to: ['UNN'], reporting_points: ['T2'],
      deadlines: [{ phrase: 'innen 1. juni', due_date: '2090-06-01', yearly: true }],
    }),
    headers: async () => ({ 'if-match': etag((await requirementNow(fixtures.reporting.req.RP.id)).version) }),
    state: async () => {
      const r = await requirementNow(fixtures.reporting.req.RP.id);
      return `v${r.version} ${r.number} ${r.text} ${r.reporting_points.join(',')} ${JSON.stringify(r.targets)} ${JSON.stringify(r.deadlines)}`;
    },
  },
  'POST /api/orgs/{id}/periods': {
    path: async () => `/api/orgs/${hn().id}/periods`,
    base: () => ({ year: YEAR.period, kind: 'T2', due_on: '2093-09-15' }),
    state: () => periodsNow(),
  },
  'POST /api/periods/{id}/close': {
    path: async () => `/api/periods/${(await fixtureReporting()).toClose.id}/close`,
    base: () => ({}),
    state: () => reportingNow(),
  },
  'POST /api/periods/{id}/reopen': {
    path: async () => `/api/periods/${(await fixtureReporting()).toReopen.id}/reopen`,
    base: () => ({ reason: 'Robusthetstesten gjenåpner perioden' }),
    state: () => reportingNow(),
  },
  'PUT /api/orgs/{id}/reports/{id}/{id}': {
    // RA has no entry yet: a valid request makes one, without a version.
    path: async () => {
      const f = await fixtureReporting();
      return `/api/orgs/${unn().id}/reports/${f.period.id}/${f.req.RA.id}`;
    },
    base: () => ({ achievement: 'partly', text: 'Robust rapportering' }),
    state: () => reportingNow(),
  },
  'POST /api/report-entries/{id}/submit': {
    path: async () => `/api/report-entries/${(await fixtureReporting()).entry.RB.id}/submit`,
    base: () => ({}),
    state: () => reportingNow(),
  },
  'POST /api/report-entries/{id}/approve': {
    path: async () => `/api/report-entries/${(await fixtureReporting()).entry.RC.id}/approve`,
    base: () => ({}),
    state: () => reportingNow(),
  },
  'POST /api/report-entries/{id}/return': {
    path: async () => `/api/report-entries/${(await fixtureReporting()).entry.RD.id}/return`,
    base: () => ({}),
    state: () => reportingNow(),
  },
  'POST /api/orgs/{id}/imports/commission-report': {
    path: async () => `/api/orgs/${unn().id}/imports/commission-report`,
    base: () => ({
      text: `Krav i oppdragsdokument ${YEAR.reportImport}\n\n4.2 Informasjonssikkerhet og personvern\n\n27\n`
        + 'Oppdatere handlingsplanen.\n\nAlle Tertialrapporter og Årlig melding\n\nRapporteringstekst:\nOppdatert.\n',
      period: 'T1', year: YEAR.reportImport, dry_run: false,
    }),
    state: async () => ({ documents: await documentsNow(), periods: await periodsNow() }),
  },
  'POST /api/me/calendar-feed': {
    path: async () => '/api/me/calendar-feed',
    base: () => ({}),
    state: async () => (await admin.get('/api/me/calendar-feed')).body,
  },
  // --- Governing documents ---
  'POST /api/governing-documents': {
    path: async () => '/api/governing-documents',
    base: () => ({ org_id: unn().id, code: 'RB 800', title: 'Robust nytt dokument', type: 'guideline', sections: [{ heading: 'Formål', body: 'Tekst' }] }),
    state: () => govListNow(),
  },
  'PATCH /api/governing-documents/{id}': {
    path: async () => `/api/governing-documents/${(await fixtureGov('patch')).id}`,
    base: () => ({ title: 'Robust ny tittel', review_interval_months: 24 }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    state: () => govNow('patch'),
  },
  'POST /api/governing-documents/{id}/versions': {
    path: async () => `/api/governing-documents/${(await fixtureGov('newversion', 'approved')).id}/versions`,
    base: () => ({ change_note: 'Robust revisjon' }),
    state: () => govNow('newversion'),
  },
  'PUT /api/governing-documents/{id}/versions/{id}': {
    path: async () => `/api/governing-documents/${(await fixtureGov('sections')).id}/versions/1`,
    base: () => ({ sections: [{ heading: 'Formål', body: 'Robust ny tekst' }], change_note: 'Robust' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    state: () => govNow('sections'),
  },
  'POST /api/governing-documents/{id}/versions/{id}/submit': govAct('submit', 'draft', 'submit'),
  'POST /api/governing-documents/{id}/versions/{id}/return': govAct('return', 'for_approval', 'return'),
  'POST /api/governing-documents/{id}/versions/{id}/approve': govAct('approve', 'for_approval', 'approve'),
  'POST /api/governing-documents/{id}/versions/{id}/withdraw': govAct('withdraw', 'approved', 'withdraw'),
  'POST /api/orgs/{id}/document-structure': {
    path: async () => `/api/orgs/${unn().id}/document-structure`,
    base: () => ({ title: 'Robust node' }),
    state: async () => (await admin.get(`/api/orgs/${unn().id}/document-structure`)).body.nodes.length,
  },
  'POST /api/orgs/{id}/imports/governing-document': {
    path: async () => `/api/orgs/${unn().id}/imports/governing-document`,
    base: () => ({ text: '1 Formål\n\nRobust tekst.\n', code: 'RB 700', title: 'Robust import', dry_run: false }),
    state: () => govListNow(),
  },
  'PUT /api/grants/{id}/clearance': {
    path: async () => {
      const u = await fixtureUser();
      if (!fixtures.clearanceGrant) fixtures.clearanceGrant = await ok(await admin.post(`/api/users/${u.id}/grants`, { org_id: hn().id, role: 'auditor' }), 201, 'fixture grant');
      return `/api/grants/${fixtures.clearanceGrant.id}/clearance`;
    },
    base: () => ({ clearance: 'confidential' }),
  },
};

// --- Action plans (src/actions): a plan of UNN with area A1 and one measure ---
const actionFixture = {};
async function fixtureActionPlan(fresh = false) {
  if (actionFixture.plan && !fresh) return actionFixture;
  const p = await admin.post('/api/action-plans', { org_id: orgs.get('UNN').id, title: `Robust plan ${uniqCode('RP')}`, period_text: '2030' });
  assert.equal(p.status, 201, `plan: ${p.status} ${JSON.stringify(p.body)}`);
  assert.equal((await admin.post(`/api/action-plans/${p.body.id}/areas`, { code: 'A1', title: 'Robust område' })).status, 201);
  const m = await admin.post(`/api/action-plans/${p.body.id}/measures`, { area: 'A1', title: 'Robust tiltak', period: '2030' });
  assert.equal(m.status, 201, `measure: ${m.status} ${JSON.stringify(m.body)}`);
  const f = { plan: p.body, measure: m.body };
  if (!fresh) Object.assign(actionFixture, f);
  return f;
}
const planState = async () => {
  const p = (await admin.get(`/api/action-plans/${actionFixture.plan.id}`)).body;
  return { version: p.version, areas: p.areas.length, measures: p.measures.length };
};
let robustRisk = 5000;
Object.assign(TARGETS, {
  'POST /api/action-plans': {
    path: async () => '/api/action-plans',
    base: () => ({ org_id: orgs.get('UNN').id, title: `Robust plan ${uniqCode('NP')}`, period_text: '2030', intro: 'Innledning.' }),
  },
  'PATCH /api/action-plans/{id}': {
    path: async () => `/api/action-plans/${(await fixtureActionPlan()).plan.id}`,
    base: () => ({ intro: 'Robust endret innledning' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  'POST /api/action-plans/{id}/revise': {
    path: async () => {
      const f = await fixtureActionPlan(true);
      actionFixture.revise = f.plan;
      return `/api/action-plans/${f.plan.id}/revise`;
    },
    base: () => ({ period_text: '2031' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p.replace(/\/revise$/, ''))) }),
  },
  'POST /api/action-plans/{id}/areas': {
    path: async () => `/api/action-plans/${(await fixtureActionPlan()).plan.id}/areas`,
    base: () => ({ code: uniqCode('RA'), title: 'Robust område', intro: 'Tekst.' }),
    state: planState,
  },
  'POST /api/action-plans/{id}/measures': {
    path: async () => `/api/action-plans/${(await fixtureActionPlan()).plan.id}/measures`,
    base: () => ({ area: 'A1', title: 'Robust nytt tiltak', description: 'Beskrivelse.', period: '2030', responsible: 'Universitetssykehuset Nord-Norge HF', due_date: '2030-06-30' }),
    state: planState,
  },
  'POST /api/action-plans/{id}/measures/import': {
    path: async () => `/api/action-plans/${(await fixtureActionPlan()).plan.id}/measures/import`,
    base: () => ({ csv: 'Område;Tiltak;Fremdrift\nA1;Robust fra regneark;Pågår\n', dry_run: false }),
    state: planState,
  },
  'PATCH /api/measures/{id}': {
    path: async () => `/api/measures/${(await fixtureActionPlan()).measure.id}`,
    base: () => ({ description: 'Robust endret beskrivelse', period: '2031' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  'POST /api/measures/{id}/updates': {
    path: async () => `/api/measures/${(await fixtureActionPlan()).measure.id}/updates`,
    base: () => ({ status: 'in_progress', comment: 'Robust oppdatering' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p.replace(/\/updates$/, ''))) }),
  },
  'POST /api/measures/{id}/links': {
    path: async () => `/api/measures/${(await fixtureActionPlan()).measure.id}/links`,
    // A control: the catalogue is not in Varde yet, so any id is taken; a
    // risk must be one the caller reads (tests/api/risk-measures.test.mjs).
    base: () => ({ target_kind: 'control', target_id: robustRisk++ }),
  },
  'POST /api/orgs/{id}/imports/action-plan': {
    path: async () => `/api/orgs/${orgs.get('UNN').id}/imports/action-plan`,
    base: () => ({ text: 'Plan\nPlanperiode: 2030-2031\n\n1.1 Område\n\nEt tiltak\n\nBeskrivelse: Noe.\n\nStatus: Ikke startet\n\nTidsperiode: 2030\n\nAnsvarlig: UNN\n', title: `Robust importert ${uniqCode('IP')}`, dry_run: false }),
  },
});

// --- Risk management (src/risk): an assessment of UNN with one risk; matrices
// and imports aimed at HN as previews (nothing is written by a valid one) ---
const riskFixture = {};
async function fixtureRisk() {
  if (!riskFixture.risk) {
    const a = await admin.post('/api/risk-assessments', { org_id: orgs.get('UNN').id, title: 'Robust ROS', subject_kind: 'system' });
    assert.equal(a.status, 201, `assessment: ${a.status} ${JSON.stringify(a.body)}`);
    const r = await admin.post(`/api/risk-assessments/${a.body.id}/risks`, { title: 'Robust risiko', likelihood: 2, consequence: 2, residual_likelihood: 1, residual_consequence: 1 });
    assert.equal(r.status, 201, `risk: ${r.status} ${JSON.stringify(r.body)}`);
    Object.assign(riskFixture, { assessment: a.body, risk: r.body });
  }
  return riskFixture;
}
const ROBUST_MATRIX_YAML = 'objects:\n  risk_matrix:\n    - ref_id: robust\n      name: Robust\n'
  + '      probability: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]\n'
  + '      impact: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]\n'
  + '      risk: [{id: 0, name: Low, hexcolor: "#00FF00"}, {id: 1, name: High, hexcolor: "#FF0000"}]\n'
  + '      grid: [[0, 0, 1], [0, 1, 1], [1, 1, 1]]\n';
let robustMatrix = null;
let robustLinkMeasure = 0;
Object.assign(TARGETS, {
  'POST /api/orgs/{id}/risk-matrices': {
    path: async () => {
      if (!robustMatrix) {
        const list = (await admin.get(`/api/orgs/${hn().id}/risk-matrices`)).body.items;
        robustMatrix = (await admin.get(`/api/risk-matrices/${list.find((m) => m.is_default).id}`)).body.matrix;
      }
      return `/api/orgs/${hn().id}/risk-matrices`;
    },
    base: () => ({ matrix: { ...robustMatrix, key: `robust-${uniqCode('M')}` } }),
  },
  'POST /api/orgs/{id}/imports/risk-matrix': {
    path: async () => `/api/orgs/${hn().id}/imports/risk-matrix`,
    base: () => ({ yaml: ROBUST_MATRIX_YAML, dry_run: true, file_name: 'robust.yaml' }),
  },
  'POST /api/risk-assessments': {
    path: async () => '/api/risk-assessments',
    base: () => ({ org_id: orgs.get('UNN').id, title: `Robust ny ROS ${uniqCode('RR')}`, subject_kind: 'process', next_review_on: '2030-01-31' }),
  },
  'PATCH /api/risk-assessments/{id}': {
    path: async () => `/api/risk-assessments/${(await fixtureRisk()).assessment.id}`,
    base: () => ({ scope: 'Robust omfang', status: 'in_progress' }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  'POST /api/risks/{id}/measures': {
    // Each run links a measure of a fresh plan of UNN, the risk's trust.
    path: async () => {
      robustLinkMeasure = (await fixtureActionPlan(true)).measure.id;
      return `/api/risks/${(await fixtureRisk()).risk.id}/measures`;
    },
    base: () => ({ measure_id: robustLinkMeasure }),
  },
  'POST /api/risk-assessments/{id}/risks': {
    path: async () => `/api/risk-assessments/${(await fixtureRisk()).assessment.id}/risks`,
    base: () => ({ title: 'Robust ny risiko', likelihood: 3, consequence: 2, consequences: { privacy: 2 }, requirement_ids: [] }),
    state: async () => (await admin.get(`/api/risk-assessments/${riskFixture.assessment.id}`)).body.risk_count,
  },
  'PATCH /api/risks/{id}': {
    path: async () => `/api/risks/${(await fixtureRisk()).risk.id}`,
    base: () => ({ description: 'Robust endret', residual_likelihood: 2 }),
    headers: async (p) => ({ 'if-match': etag(await currentVersion(p)) }),
    version: true,
  },
  // Admin is no leader, so no body it sends is accepted: the bad ones are
  // refused by the schema (400) before the leader level is looked at.
  'POST /api/risks/{id}/accept': {
    path: async () => `/api/risks/${(await fixtureRisk()).risk.id}/accept`,
    base: () => ({ rationale: 'Robust aksept', expires_on: '2030-01-31' }),
    statuses: [400, 422],
    state: async () => (await admin.get(`/api/risks/${riskFixture.risk.id}`)).body.version,
  },
  'POST /api/orgs/{id}/imports/risks': {
    path: async () => `/api/orgs/${orgs.get('UNN').id}/imports/risks`,
    base: () => ({ csv: 'ID;Risikovurdering;Tittel;Beskrivelse;Trussel;Sårbarhet;Verdier og systemer;Eksisterende tiltak;Sannsynlighet;Konsekvens;Behandling;Tiltaksplan;Sannsynlighet etter tiltak;Konsekvens etter tiltak;Eier (brukernavn);Neste gjennomgang;Krav (id);Kontrollpunkter\n;Robust ROS;Fra regneark;;;;;;2;2;;;;;;;;\n', dry_run: true }),
  },
});

const METHODS = ['post', 'put', 'patch', 'delete'];
const routeKey = (method, path) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{id}')}`;

function resolveRef(schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 10; i += 1) {
    const parts = s.$ref.replace(/^#\//, '').split('/');
    s = parts.reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], openapi);
  }
  return s;
}

function writeRoutes() {
  const out = [];
  for (const [path, item] of Object.entries(openapi.paths || {})) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      if (m === 'delete' && !op.requestBody) continue;
      if (m === 'post' && !op.requestBody && !(routeKey(m, path) in TARGETS)) continue;
      const schema = resolveRef(resolveRef(op.requestBody)?.content?.['application/json']?.schema);
      out.push({ key: routeKey(m, path), method: m.toUpperCase(), schema });
    }
  }
  return out;
}

// The type each field must have: from the schema, else from the valid body.
function fieldTypes(schema, base) {
  const types = {};
  for (const [k, v] of Object.entries(base)) types[k] = Number.isInteger(v) ? 'integer' : typeof v;
  for (const [k, raw] of Object.entries(schema?.properties || {})) {
    const p = resolveRef(raw) || {};
    let t = p.type;
    if (Array.isArray(t)) t = t.find((x) => x !== 'null');
    if (!t && Array.isArray(p.anyOf || p.oneOf)) t = (p.anyOf || p.oneOf).map((x) => resolveRef(x)?.type).find((x) => x && x !== 'null');
    if (t) types[k] = t;
  }
  return types;
}

const WRONG = {
  string: [12345, true, ['liste'], { a: 1 }],
  integer: ['abc', 1.5, true, [1]],
  number: ['abc', true],
  boolean: ['true', 1, null],
  object: ['tekst', 1],
  array: ['tekst', 1],
};

async function snapshot(target) {
  const s = {
    orgs: (await admin.get('/api/orgs?limit=1')).body.total,
    users: (await admin.get('/api/users?limit=1')).body.total,
    audit: await auditTotal(admin),
  };
  if (target.version) s.version = await currentVersion(target.concretePath);
  if (target.state) s.state = await target.state();
  return s;
}

function bigBody(size) {
  const head = Buffer.from('{"name":"');
  const tail = Buffer.from('"}');
  return Buffer.concat([head, Buffer.alloc(size, 0x61), tail]);
}

for (const key of Object.keys(TARGETS)) {
  // Registered per documented write route; the coverage test below catches new ones.
  test(`robustness: ${key}`, async () => {
    const route = writeRoutes().find((r) => r.key === key);
    assert.ok(route, `${key} is not in openapi.json`);
    const target = TARGETS[key];
    target.concretePath = await target.path();
    const base = target.base();
    const types = fieldTypes(route.schema, base);
    // An empty body ({}: close, submit, ...) has no field: the string cases then go in an unknown one.
    const firstString = Object.keys(base).find((k) => typeof base[k] === 'string' && k !== 'password') || Object.keys(base)[0] || 'ukjent';

    const cases = [
      { name: 'malformed JSON', raw: '{"name": "halv', want: [400] },
      { name: 'trailing garbage', raw: `${JSON.stringify(base)} x`, want: [400] },
      { name: 'JSON array', raw: JSON.stringify([base]) },
      { name: 'empty array', raw: '[]' },
      { name: 'JSON string', raw: '"hei"' },
      { name: 'JSON number', raw: '42' },
      { name: 'JSON null', raw: 'null' },
      { name: 'empty body', raw: '' },
      { name: 'unknown field', body: { ...base, hacker: 1 }, field: 'hacker', want: [400] },
      { name: 'unknown field __proto__', raw: JSON.stringify(base).replace(/^\{/, `{"__proto__":{"admin":true}${Object.keys(base).length ? ',' : ''}`), field: '__proto__', want: [400] },
      { name: 'deeply nested JSON', raw: `${'['.repeat(100000)}${']'.repeat(100000)}` },
      { name: 'deeply nested value', raw: JSON.stringify({ ...base, [firstString]: 0 }).replace(`"${firstString}":0`, `"${firstString}":${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}`) },
      {
        name: `invalid UTF-8 in "${firstString}"`,
        buffer: (() => {
          const marker = 'XXUTF8XX';
          const [a, b] = JSON.stringify({ ...base, [firstString]: marker }).split(marker);
          return Buffer.concat([Buffer.from(a), Buffer.from([0x41, 0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(b)]);
        })(),
      },
      { name: 'a lone UTF-16 surrogate escape', raw: JSON.stringify({ ...base, [firstString]: 'ZZSURZZ' }).replace('ZZSURZZ', 'a\\ud800b') },
    ];
    for (const [field, type] of Object.entries(types)) {
      for (const wrong of WRONG[type] || []) {
        cases.push({ name: `${field} as ${JSON.stringify(wrong)} (wants ${type})`, body: { ...base, [field]: wrong }, field });
      }
      if (type === 'integer') {
        cases.push({ name: `${field} beyond 64 bits`, raw: JSON.stringify({ ...base, [field]: 7 }).replace(`"${field}":7`, `"${field}":99999999999999999999999`), field, want: [400, 404, 422] });
      }
    }

    const complaints = [];
    for (const c of cases) {
      const beforeState = await snapshot(target);
      const headers = { 'content-type': 'application/json', ...(target.headers ? await target.headers(target.concretePath) : {}) };
      const payload = c.buffer ?? c.raw ?? JSON.stringify(c.body);
      const res = await rawRequest(srv.url, route.method, target.concretePath, { headers: authHeaders(admin, headers), body: payload });
      const want = target.statuses || c.want || [400, 422];
      const ct = res.headers.get('content-type') || '';
      const what = `${c.name}: ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 120) : JSON.stringify(res.body).slice(0, 160)}`;
      if (res.status >= 500) complaints.push(`${what} (5xx)`);
      else if (!want.includes(res.status)) complaints.push(`${what} (expected ${want.join('/')})`);
      else if (!/^application\/problem\+json/.test(ct)) complaints.push(`${what} (Content-Type "${ct}")`);
      else if (res.body?.status !== res.status || typeof res.body?.title !== 'string') complaints.push(`${what} (problem lacks status/title)`);
      else if (c.field && !target.fieldOptional && !problemNames(res.body, c.field)) complaints.push(`${what} (should name field "${c.field}")`);
      const afterState = await snapshot(target);
      if (target.auditMayGrow) { delete afterState.audit; delete beforeState.audit; }
      if (JSON.stringify(afterState) !== JSON.stringify(beforeState)) complaints.push(`${c.name}: something changed: ${JSON.stringify(beforeState)} → ${JSON.stringify(afterState)}`);
    }

    // 20 MB is over any sane limit: 413, before the server reads it all.
    {
      const beforeState = await snapshot(target);
      const headers = { 'content-type': 'application/json', ...(target.headers ? await target.headers(target.concretePath) : {}) };
      let res;
      try {
        res = await rawRequest(srv.url, route.method, target.concretePath, { headers: authHeaders(admin, headers), body: bigBody(20 * 1024 * 1024) });
      } catch (e) {
        complaints.push(`20 MB body: ${e.message}`);
      }
      if (res) {
        if (res.status !== 413) complaints.push(`20 MB body: ${res.status}, expected 413`);
        else if (!/^application\/problem\+json/.test(res.headers.get('content-type') || '')) complaints.push('20 MB body: 413 is not problem+json');
      }
      const afterState = await snapshot(target);
      if (target.auditMayGrow) { delete afterState.audit; delete beforeState.audit; }
      if (JSON.stringify(afterState) !== JSON.stringify(beforeState)) complaints.push('20 MB body: something changed');
    }

    const health = await fetch(srv.url + '/api/health');
    if (health.status !== 200) complaints.push(`server unhealthy afterwards: ${health.status}`);
    if (srv.child.exitCode !== null) complaints.push(`server exited with ${srv.child.exitCode}`);
    assert.deepEqual(complaints, [], `${key}: ${complaints.length} problems:\n${complaints.join('\n')}`);
  });
}

test('every write route in openapi.json has a robustness target', () => {
  const missing = writeRoutes().map((r) => r.key).filter((k) => !(k in TARGETS));
  assert.deepEqual(missing, [], `write routes without a robustness target: ${missing.join(', ')}`);
});

// Each target's valid body is taken (2xx) as it is, so the bad variants above
// were refused for what they changed, not for a wrong path, id or base.
test('each robustness target aims a valid request at its route (control)', async () => {
  const complaints = [];
  for (const [key, target] of Object.entries(TARGETS)) {
    if (target.statuses) continue;
    const path = await target.path();
    const headers = target.headers ? await target.headers(path) : {};
    const res = await admin.request(key.split(' ')[0], path, target.base(), headers);
    if (res.status < 200 || res.status > 299) complaints.push(`${key} (${path}): ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`);
  }
  assert.deepEqual(complaints, []);
});

test('a good request still works after all that (control)', async () => {
  const r = await admin.post('/api/orgs', TARGETS['POST /api/orgs'].base());
  assert.equal(r.status, 201, JSON.stringify(r.body));
});

test('a NUL character in a name is refused or stored exactly, never a 5xx', async () => {
  const before = (await admin.get('/api/orgs?limit=1')).body.total;
  const res = await admin.post('/api/orgs', { code: uniqCode('NUL'), name: 'før\u0000etter', kind: 'unit', parent_id: orgs.get('UNN').id });
  assert.ok(res.status < 500, `${res.status} ${JSON.stringify(res.body)}`);
  if (res.status === 201) {
    assert.equal((await admin.get(`/api/orgs/${res.body.id}`)).body.name, 'før\u0000etter');
  } else {
    assertProblem(res, 400, { field: 'name', context: 'NUL in name' });
    assert.equal((await admin.get('/api/orgs?limit=1')).body.total, before);
  }
});

test('a very long name is refused with 400 naming "name" (not stored, not 5xx)', async () => {
  const res = await admin.post('/api/orgs', { code: uniqCode('LANG'), name: 'ø'.repeat(1024 * 1024), kind: 'unit', parent_id: orgs.get('UNN').id });
  assertProblem(res, [400, 413, 422], { context: '1 Mi-character name' });
  if (res.status !== 413) assertProblem(res, res.status, { field: 'name' });
});

test('bad query strings and path ids answer 4xx problem+json, never 5xx', async () => {
  const cases = [
    ['/api/orgs?parent_id=abc', 400, 'parent_id'],
    ['/api/orgs?parent_id=1e99', 400, 'parent_id'],
    ['/api/orgs?limit=99999999999999999999999', 400, 'limit'],
    ['/api/users?org_id=abc', 400, 'org_id'],
    ['/api/audit?actor_id=abc', 400, 'actor_id'],
    ['/api/audit?to=31.12.2024', 400, 'to'],
    ['/api/orgs/abc', [400, 404]],
    ['/api/orgs/1.5', [400, 404]],
    ['/api/orgs/-1', [400, 404]],
    ['/api/orgs/99999999999999999999999', [400, 404]],
    ['/api/orgs/0x10', [400, 404]],
    ['/api/users/abc', [400, 404]],
    ['/api/orgs?q=%ZZ', [200, 400]],
  ];
  const complaints = [];
  for (const [path, status, field] of cases) {
    const res = await admin.get(path);
    const statuses = Array.isArray(status) ? status : [status];
    if (!statuses.includes(res.status)) complaints.push(`GET ${path}: ${res.status}, expected ${statuses.join('/')}`);
    else if (res.status >= 400 && !/^application\/problem\+json/.test(res.headers.get('content-type') || '')) complaints.push(`GET ${path}: not problem+json`);
    else if (field && !problemNames(res.body, field)) complaints.push(`GET ${path}: does not name "${field}": ${JSON.stringify(res.body)}`);
  }
  assert.deepEqual(complaints, []);
});

test('injection probes in q find nothing extra', async () => {
  const unnIsl = await loginAs(srv, 'unn.isl');
  const unnPath = orgs.get('UNN').path;
  for (const q of ["' OR '1'='1", "%' OR 1=1 --", '%', '_', "') UNION SELECT path FROM org --", '\\']) {
    const res = await unnIsl.get(`/api/orgs?q=${encodeURIComponent(q)}&limit=500`);
    assert.equal(res.status, 200, `q=${q}: ${res.status}`);
    const leaked = res.body.items.filter((o) => !o.path.startsWith(unnPath));
    assert.deepEqual(leaked.map((o) => o.code), [], `q=${q} shows nodes outside UNN`);
  }
  // "%" and "_" are literal characters, not wildcards: no node is named "%".
  const pct = await admin.get(`/api/orgs?q=${encodeURIComponent('%')}`);
  assert.equal(pct.body.total, 0, 'q=% matches everything: LIKE wildcards are not escaped');
});

test('path traversal through the UI or the API never reaches the file system', async () => {
  for (const p of ['/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/api/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', '/..\\..\\..\\etc\\passwd']) {
    const res = await rawRequest(srv.url, 'GET', p);
    assert.ok(res.status < 500, `${p}: ${res.status}`);
    assert.ok(!String(typeof res.body === 'string' ? res.body : JSON.stringify(res.body)).includes('root:'), `${p} served /etc/passwd`);
  }
});

test('an oversized header is refused and the server stays up', async () => {
  let res;
  try {
    res = await rawRequest(srv.url, 'GET', '/api/session', { headers: { cookie: `varde_session=${'a'.repeat(200 * 1024)}` } });
  } catch { /* closing the connection is an acceptable answer too */ }
  if (res) assert.ok(res.status >= 400 && res.status < 500, `oversized header: ${res.status}`);
  assert.equal((await fetch(srv.url + '/api/health')).status, 200);
  assert.equal((await admin.get('/api/session')).status, 200);
});
