// A requirement's history over the periods (the region's view): every period
// of every year its number recurs in, each trust's status and text; and the
// rule that a trust sees the region's document only once it is published.
//
// Demo data: Helse Nord's 2025 document (requirements 3, 21, 23, 51; T1, T2
// and the annual report 2025 reported and closed) and its 2026 document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, orgsByCode, etag, assertProblem, commissionDocument, requirementNumbered } from '../lib/api.mjs';

let srv;
const as = {};
let orgs;
let doc2026;
const id = (code) => orgs.get(code).id;

before(async () => {
  srv = await startServer();
  for (const u of ['hn.isl', 'unn.isl', 'unn.leser', 'hmn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as['hn.isl']);
  const list = await as['hn.isl'].get('/api/commission/documents');
  doc2026 = await commissionDocument(as['hn.isl'], list.body.items.find((d) => d.region.code === 'HN' && d.year === 2026).id);
});

after(async () => { await srv?.stop(); });

test('requirement 21\'s history runs through 2025 and 2026, each period with every trust\'s status and text', async () => {
  const r21 = requirementNumbered(doc2026, '21');
  const res = await as['hn.isl'].get(`/api/requirements/${r21.id}/history`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const h = res.body;
  assert.equal(h.requirement.id, r21.id);
  assert.equal(h.region.code, 'HN');
  assert.deepEqual(h.trusts.map((t) => t.code), ['FIN', 'HNIKT', 'HSYK', 'NLSH', 'SANO', 'UNN']);
  assert.deepEqual(h.periods.map((p) => `${p.period.year} ${p.period.kind}`),
    ['2025 T1', '2025 T2', '2025 ANNUAL', '2026 T1', '2026 T2', '2026 ANNUAL']);
  const unn = (p) => p.cells.find((c) => c.org_id === id('UNN'));
  const [t1of2025, , annual2025, t1of2026, t2of2026] = h.periods;
  assert.match(t1of2025.text, /^Utarbeide en lokal handlingsplan/, '2025 in that year\'s words');
  assert.notEqual(t1of2025.requirement_id, r21.id, 'the 2025 requirement is another one with the same number');
  assert.equal(t1of2026.requirement_id, r21.id);
  assert.deepEqual([unn(t1of2025).achievement, unn(t1of2025).state], ['not_started', 'locked']);
  assert.match(unn(t1of2025).text, /sikkerhetsorganisasjonen/);
  assert.deepEqual([unn(annual2025).achievement, unn(annual2025).state], ['achieved', 'locked']);
  assert.deepEqual([unn(t1of2026).achievement, unn(t1of2026).state], ['partly', 'approved']);
  assert.equal(unn(t2of2026).state, 'draft');
  const hsyk = t1of2026.cells.find((c) => c.org_id === id('HSYK'));
  assert.deepEqual([hsyk.applies, hsyk.state, hsyk.text], [true, null, null], 'nothing written yet');
  assert.equal(h.achievement_scale.length, 5);
  assert.equal(t1of2025.achievement_scale?.length, 5, 'a closed period keeps the scale it was closed with');
  assert.equal(t1of2026.achievement_scale, null, 'an open period uses the region\'s');
});

test('a requirement for one trust, or without a number, has the history it has', async () => {
  const r22 = requirementNumbered(doc2026, '22'); // HNIKT only, T1 and annual, 2026 only
  const h = (await as['hn.isl'].get(`/api/requirements/${r22.id}/history`)).body;
  assert.deepEqual(h.periods.map((p) => `${p.period.year} ${p.period.kind}`), ['2026 T1', '2026 ANNUAL']);
  assert.deepEqual(h.periods[0].cells.filter((c) => c.applies).map((c) => c.org_id), [id('HNIKT')]);

  const made = await as['hn.isl'].post(`/api/commission/documents/${doc2026.id}/requirements`, {
    chapter: '4.2', number: null, text: 'Et krav som ennå ikke har nummer.', reporting_points: ['T2'],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const u = (await as['hn.isl'].get(`/api/requirements/${made.body.id}/history`)).body;
  assert.deepEqual(u.periods.map((p) => `${p.period.year} ${p.period.kind}`), ['2026 T2']);
});

test('the history is the region\'s: trusts and other regions get 404', async () => {
  const r21 = requirementNumbered(doc2026, '21');
  assertProblem(await as['unn.isl'].get(`/api/requirements/${r21.id}/history`), 404);
  assertProblem(await as['hmn.isl'].get(`/api/requirements/${r21.id}/history`), 404);
  assertProblem(await as['hn.isl'].get('/api/requirements/999999/history'), 404);
});

test('a trust sees the region\'s document once it is published, not while it is a draft', async () => {
  const made = await as['hn.isl'].post('/api/commission/documents', { region_id: id('HN'), year: 2027, title: 'Krav i oppdragsdokument 2027' });
  assert.equal(made.status, 201);
  assert.equal((await as['hn.isl'].post(`/api/commission/documents/${made.body.id}/chapters`, { code: '4.2', title: 'Informasjonssikkerhet og personvern' })).status, 201);
  assert.equal((await as['hn.isl'].post(`/api/commission/documents/${made.body.id}/requirements`, {
    chapter: '4.2', number: '21', text: 'Utkast: revidere handlingsplanen for 2027.', reporting_points: ['T1'],
    deadlines: [{ phrase: 'innen 15. mars 2027', due_date: '2027-03-15' }],
  })).status, 201);
  const feed = await as['unn.leser'].post('/api/me/calendar-feed', {});
  assert.equal(feed.status, 201);
  const feedText = async () => (await fetch(`${srv.url}${feed.body.path}`)).text();
  assert.doesNotMatch(await feedText(), /innen 15\. mars 2027/, 'no deadline of a draft in a trust reader\'s calendar');
  const period = await as['hn.isl'].post(`/api/orgs/${id('HN')}/periods`, { year: 2027, kind: 'T1' });
  assert.equal(period.status, 201);

  const listed = async (client) => (await client.get('/api/commission/documents')).body.items.some((d) => d.id === made.body.id);
  assert.equal(await listed(as['hn.isl']), true, 'the region sees its draft');
  for (const u of ['unn.isl', 'unn.leser']) {
    assert.equal(await listed(as[u]), false, `${u} does not see the draft in the list`);
    assertProblem(await as[u].get(`/api/commission/documents/${made.body.id}`), 404, { context: `${u} GET the draft` });
    assertProblem(await as[u].get(`/api/commission/documents/${made.body.id}/requirements.csv`), 404);
    assertProblem(await as[u].get(`/api/commission/documents/${made.body.id}/requirements.xlsx`), 404);
    const report = (await as[u].get(`/api/orgs/${id('UNN')}/reports/${period.body.id}`)).body;
    assert.equal(report.document, null, `${u}'s report for T1 2027 shows no draft document`);
    assert.deepEqual(report.items, []);
  }

  const pub = await as['hn.isl'].request('POST', `/api/commission/documents/${made.body.id}/publish`, {}, { 'if-match': etag(made.body.version) });
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  assert.equal(await listed(as['unn.leser']), true);
  assert.equal((await as['unn.leser'].get(`/api/commission/documents/${made.body.id}`)).status, 200);
  const report = (await as['unn.leser'].get(`/api/orgs/${id('UNN')}/reports/${period.body.id}`)).body;
  assert.equal(report.document.title, 'Krav i oppdragsdokument 2027');
  assert.deepEqual(report.items.map((i) => i.requirement.number), ['21']);
  assert.match(await feedText(), /innen 15\. mars 2027/, 'published: the deadline is in the calendar');

  // And the 2027 requirement 21 joins 21's history.
  const h = (await as['hn.isl'].get(`/api/requirements/${requirementNumbered(doc2026, '21').id}/history`)).body;
  assert.equal(h.periods.at(-1).period.year, 2027);
});
