// The achievement scale (måloppnåelse) of a region: the default until the
// region's security officer sets its own; read by everyone in the region,
// used when a trust saves an entry, in the matrix and in the exports; kept in
// a closed period's snapshot. Bad scales are refused naming the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, orgsByCode, etag, assertProblem, periodsOf, commissionDocument, requirementNumbered, auditEvents } from '../lib/api.mjs';

let srv;
const as = {};
let orgs;
let t1;
let doc;
const id = (code) => orgs.get(code).id;
const scalePath = (code) => `/api/orgs/${id(code)}/achievement-scale`;

const DEFAULT_CODES = ['achieved', 'partly', 'not_achieved', 'not_started', 'not_relevant'];

async function scaleOf(client, code) {
  const r = await client.get(scalePath(code));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

function put(client, code, levels, version) {
  return client.request('PUT', scalePath(code), { levels }, version === undefined ? {} : { 'if-match': etag(version) });
}

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'hn.isl', 'unn.isl', 'unn.leder', 'unn.leser', 'hn.revisor', 'hmn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as['hn.isl']);
  t1 = (await periodsOf(as['hn.isl'], id('HN'))).find((p) => p.year === 2026 && p.kind === 'T1');
  const list = await as['hn.isl'].get('/api/commission/documents');
  doc = await commissionDocument(as['hn.isl'], list.body.items.find((d) => d.region.code === 'HN' && d.year === 2026).id);
});

after(async () => { await srv?.stop(); });

test('a region starts with the default scale, which every user in it reads from their own node', async () => {
  const s = await scaleOf(as['unn.leser'], 'UNN');
  assert.equal(s.region_id, id('HN'));
  assert.equal(s.is_default, true);
  assert.equal(s.version, 1);
  assert.deepEqual(s.levels.map((l) => l.code), DEFAULT_CODES);
  assert.deepEqual(s.levels[0], { code: 'achieved', label_nb: 'Oppnådd', label_en: 'Achieved', colour: '#1b5e20' });
  assertProblem(await as['hmn.isl'].get(scalePath('UNN')), 404, { context: 'another region' });
});

test('the security officer sets a scale of the region\'s own; trusts, the matrix and the exports use it', async () => {
  const before = await scaleOf(as['hn.isl'], 'HN');
  const levels = [
    ...before.levels.slice(0, 2),
    { code: 'in_progress', label_nb: 'Under arbeid', label_en: 'In progress', colour: '#0d47a1' },
    ...before.levels.slice(2),
  ];
  levels[0] = { ...levels[0], label_nb: 'Nådd', colour: '#2e7d32' };
  const r = await put(as['hn.isl'], 'HN', levels, before.version);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.headers.get('etag'), etag(2));
  assert.equal(r.body.is_default, false);
  assert.deepEqual(r.body.levels.map((l) => l.code), ['achieved', 'partly', 'in_progress', 'not_achieved', 'not_started', 'not_relevant']);
  assert.deepEqual((await scaleOf(as['unn.leser'], 'UNN')).levels, r.body.levels, 'the trust reads the region\'s scale');
  const events = await auditEvents(as.admin, `entity=achievement_scale&entity_id=${id('HN')}`);
  assert.ok(events.some((e) => e.action === 'commission.scale.update'), 'the change is audited');

  // A trust may now use the new level, and not one the scale lacks.
  const r21 = requirementNumbered(doc, '21');
  const path = `/api/orgs/${id('UNN')}/reports/${t1.id}/${r21.id}`;
  const entry = (await as['unn.isl'].get(`/api/orgs/${id('UNN')}/reports/${t1.id}`)).body.items.find((i) => i.requirement.id === r21.id).entry;
  const headers = entry ? { 'if-match': etag(entry.version) } : {};
  if (entry?.state && entry.state !== 'draft') {
    const back = await as['unn.leder'].post(`/api/report-entries/${entry.id}/return`, {});
    assert.equal(back.status, 200, JSON.stringify(back.body));
    headers['if-match'] = etag(back.body.version);
  }
  const saved = await as['unn.isl'].request('PUT', path, { achievement: 'in_progress', text: 'Revisjonen er i gang.' }, headers);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.achievement, 'in_progress');
  assertProblem(await as['unn.isl'].request('PUT', path, { achievement: 'maybe' }, { 'if-match': etag(saved.body.version) }), 400, { field: 'achievement' });

  const report = (await as['unn.isl'].get(`/api/orgs/${id('UNN')}/reports/${t1.id}`)).body;
  assert.equal(report.achievement_scale[2].label_nb, 'Under arbeid');
  const matrix = (await as['hn.isl'].get(`/api/periods/${t1.id}/matrix`)).body;
  assert.equal(matrix.achievement_scale[0].label_nb, 'Nådd');
  const md = await as['unn.isl'].get(`/api/orgs/${id('UNN')}/reports/${t1.id}/export?format=md`);
  assert.match(md.body, /Under arbeid/, 'the export prints the region\'s label');
});

test('a stale version gets 412 with the scale as it is; others may not change it', async () => {
  const now = await scaleOf(as['hn.isl'], 'HN');
  const r = await put(as['hn.isl'], 'HN', now.levels, now.version - 1);
  assertProblem(r, 412, { field: 'version' });
  assert.deepEqual(r.body.current.levels, now.levels);
  assertProblem(await put(as['hn.isl'], 'HN', now.levels), 428);
  assertProblem(await put(as['hn.revisor'], 'HN', now.levels, now.version), 403);
  assertProblem(await put(as['unn.isl'], 'HN', now.levels, now.version), 404);
  assertProblem(await put(as['unn.isl'], 'UNN', now.levels, now.version), 400, { field: 'id', context: 'UNN is a trust: the scale is the region\'s' });
  assert.equal((await scaleOf(as['hn.isl'], 'HN')).version, now.version, 'nothing changed');
});

test('bad scales are refused naming the field, and a level in use cannot be removed', async () => {
  const now = await scaleOf(as['hn.isl'], 'HN');
  const L = now.levels;
  const cases = [
    [[L[0]], 'levels', /mellom 2 og 12/],
    [[L[0], { ...L[1], code: L[0].code }], 'levels[1].code', /to ganger/],
    [[L[0], { ...L[1], code: 'Delvis OK' }], 'levels[1].code', /små bokstaver/],
    [[L[0], { ...L[1], label_en: L[0].label_en }], 'levels[1].label_en', /to ganger/],
    [[{ ...L[0], colour: 'grønn' }, L[1]], 'levels[0].colour', /#rrggbb/],
    [[{ ...L[0], colour: '#9ccc65' }, L[1]], 'levels[0].colour', /kontrast/],
  ];
  for (const [levels, field, message] of cases) {
    const r = await put(as['hn.isl'], 'HN', levels, now.version);
    assertProblem(r, 400, { field, context: JSON.stringify(levels).slice(0, 80) });
    assert.match(r.body.detail, message);
  }
  // UNN's entries use "achieved": it may be renamed, not removed.
  const without = L.filter((l) => l.code !== 'achieved');
  const r = await put(as['hn.isl'], 'HN', without, now.version);
  assertProblem(r, 409, { field: 'levels' });
  assert.match(r.body.detail, /«achieved» er brukt/);
  assert.equal((await scaleOf(as['hn.isl'], 'HN')).version, now.version);
  // A trust cannot have a scale of its own.
  assertProblem(await put(as['hn.isl'], 'UNN', L, now.version), 400, { field: 'id' });
});

test('a closed period keeps the scale it was closed with', async () => {
  const closed = await as['hn.isl'].post(`/api/periods/${t1.id}/close`, {});
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const now = await scaleOf(as['hn.isl'], 'HN');
  const renamed = now.levels.map((l) => (l.code === 'in_progress' ? { ...l, label_nb: 'Påbegynt' } : l));
  assert.equal((await put(as['hn.isl'], 'HN', renamed, now.version)).status, 200);
  const report = (await as['unn.isl'].get(`/api/orgs/${id('UNN')}/reports/${t1.id}`)).body;
  assert.equal(report.from_snapshot, true);
  assert.equal(report.achievement_scale.find((l) => l.code === 'in_progress').label_nb, 'Under arbeid', 'as when it was closed');
  const md = await as['unn.isl'].get(`/api/orgs/${id('UNN')}/reports/${t1.id}/export?format=md`);
  assert.match(md.body, /Under arbeid/);
  assert.doesNotMatch(md.body, /Påbegynt/);
});
