// The measures that treat a risk (issue 5), linked from the risk's side:
// what the risk's page lists, what the picker offers, who may link and
// unlink, what the measure's page shows back, and a plan's yearly revision.
//
// Demo data (src/demo/risk_demo.cpp, actions_demo.cpp): Helse Nord's
// regional plan with "Grunnkurs i informasjonssikkerhet for alle nyansatte"
// (every trust responsible), "Phishingøvelse for ledere" (UNN),
// "Tofaktorinnlogging for fjerntilgang" (HNIKT only), "Felles mal for
// ledelsens gjennomgang" (the RHF only) and "Månedlig rapportering av
// sikkerhetshendelser" (the RHF and every trust). UNN's risk "Oppslag i
// journal uten tjenstlig behov" is linked to the Grunnkurs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, orgsByCode, etag, assertProblem, sql } from '../lib/api.mjs';

let srv;
const as = {};
let orgs;
const id = (code) => orgs.get(code).id;
const count = (query) => Number(sql(srv.db, query));

async function riskTitled(title) {
  const res = await as.admin.get('/api/risks?limit=500');
  const r = res.body.items.find((x) => x.title === title);
  assert.ok(r, `no demo risk "${title}"`);
  return r;
}

async function measureTitled(title) {
  const res = await as.admin.get('/api/measures?limit=500');
  const m = res.body.items.find((x) => x.title === title);
  assert.ok(m, `no demo measure "${title}"`);
  return m;
}

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'hn.isl', 'unn.isl', 'unn.leser', 'hmn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as.admin);
});

after(async () => { await srv?.stop(); });

test("a demo risk lists the measure that treats it, and the measure lists the risk back", async () => {
  const risk = await riskTitled('Oppslag i journal uten tjenstlig behov');
  const got = await as['unn.leser'].get(`/api/risks/${risk.id}`);
  assert.equal(got.status, 200, JSON.stringify(got.body));
  assert.deepEqual(got.body.measures.map((m) => m.title), ['Grunnkurs i informasjonssikkerhet for alle nyansatte']);
  const m = got.body.measures[0];
  assert.equal(m.plan.org_code, 'HN');
  assert.match(m.plan.title, /Regional handlingsplan/);
  assert.equal(m.status.code, 'in_progress');
  assert.equal(m.status.label_nb, 'Pågår');
  assert.equal(m.responsible_text, 'De enkelte HF');
  assert.equal(typeof m.overdue, 'boolean');

  const back = await as['unn.leser'].get(`/api/measures/${m.id}`);
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.deepEqual(back.body.risks.map((r) => [r.title, r.org_code]), [['Oppslag i journal uten tjenstlig behov', 'UNN']]);
  assert.equal(back.body.risks[0].assessment_id, risk.assessment_id);
  assert.ok(back.body.links.some((l) => l.target_kind === 'risk' && l.label === risk.title));
});

test("the picker offers the trust's measures and the regional ones it answers for, matching the search", async () => {
  const risk = await riskTitled('Felles pålogging på akuttmottakets arbeidsstasjoner');
  const all = await as['unn.isl'].get(`/api/risks/${risk.id}/measure-candidates`);
  assert.equal(all.status, 200, JSON.stringify(all.body));
  const titles = all.body.items.map((m) => m.title);
  assert.ok(titles.includes('Phishingøvelse for ledere'), titles.join(' | '));
  assert.ok(titles.includes('Grunnkurs i informasjonssikkerhet for alle nyansatte'));
  assert.ok(!titles.includes('Tofaktorinnlogging for fjerntilgang'), 'HNIKT\'s own measure is not UNN\'s');
  assert.ok(!titles.includes('Felles mal for ledelsens gjennomgang'), 'the RHF\'s own measure is not UNN\'s');

  // The search folds case and Norwegian letters the same way on both engines.
  const found = await as['unn.isl'].get(`/api/risks/${risk.id}/measure-candidates?q=${encodeURIComponent('PHISHINGØVELSE')}`);
  assert.deepEqual(found.body.items.map((m) => m.title), ['Phishingøvelse for ledere']);

  // A linked measure is not offered again.
  const linked = await riskTitled('Oppslag i journal uten tjenstlig behov');
  const again = await as['unn.isl'].get(`/api/risks/${linked.id}/measure-candidates?q=grunnkurs`);
  assert.deepEqual(again.body.items, []);

  // Only those who may change the risk get the picker's list.
  assertProblem(await as['unn.leser'].get(`/api/risks/${risk.id}/measure-candidates`), 403);
  assertProblem(await as['hmn.isl'].get(`/api/risks/${risk.id}/measure-candidates`), 404);
  assertProblem(await as['unn.isl'].get(`/api/risks/${risk.id}/measure-candidates?q=${'x'.repeat(201)}`), 400, { field: 'q' });
});

test('linking and unlinking: audited, refused without write access to the risk or sight of the measure', async () => {
  const risk = await riskTitled('Felles pålogging på akuttmottakets arbeidsstasjoner');
  const phishing = await measureTitled('Phishingøvelse for ledere');
  const twoFactor = await measureTitled('Tofaktorinnlogging for fjerntilgang');
  const links = () => count(`SELECT COUNT(*) FROM measure_link WHERE target_kind = 'risk' AND target_id = ${risk.id}`);
  const before = links();
  const versionBefore = (await as['unn.isl'].get(`/api/risks/${risk.id}`)).body.version;

  // Refused: a reader (403), a measure UNN does not see (404 naming measure_id), another region (404).
  assertProblem(await as['unn.leser'].post(`/api/risks/${risk.id}/measures`, { measure_id: phishing.id }), 403);
  assertProblem(await as['unn.isl'].post(`/api/risks/${risk.id}/measures`, { measure_id: twoFactor.id }), 404, { field: 'measure_id' });
  assertProblem(await as['unn.isl'].post(`/api/risks/${risk.id}/measures`, { measure_id: 999999 }), 404, { field: 'measure_id' });
  assertProblem(await as['hmn.isl'].post(`/api/risks/${risk.id}/measures`, { measure_id: phishing.id }), 404);
  assertProblem(await as['unn.isl'].post(`/api/risks/${risk.id}/measures`, { measure_id: 'x' }), 400, { field: 'measure_id' });
  assertProblem(await as['unn.isl'].post(`/api/risks/${risk.id}/measures`, {}), 400, { field: 'measure_id' });
  assert.equal(links(), before, 'a refused link writes nothing');

  const ok = await as['unn.isl'].post(`/api/risks/${risk.id}/measures`, { measure_id: phishing.id });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.ok(ok.body.some((m) => m.id === phishing.id && m.title === 'Phishingøvelse for ledere'));
  assert.equal(links(), before + 1);
  assertProblem(await as['unn.isl'].post(`/api/risks/${risk.id}/measures`, { measure_id: phishing.id }), 409, { field: 'measure_id' });
  const audit = sql(srv.db, `SELECT action, org_id, actor FROM audit_event WHERE entity = 'risk' AND entity_id = '${risk.id}' AND action LIKE 'risk.%link_measure' ORDER BY seq`);
  assert.equal(audit, `risk.link_measure|${id('UNN')}|unn.isl`);

  const shown = await as['unn.leser'].get(`/api/risks/${risk.id}`);
  assert.ok(shown.body.measures.some((m) => m.id === phishing.id));
  assert.equal(shown.body.version, versionBefore, "a link does not change the risk's own fields or version");
  const back = await as['unn.leser'].get(`/api/measures/${phishing.id}`);
  assert.ok(back.body.risks.some((r) => r.id === risk.id));

  // Unlinking: a reader may not; then gone, and again is 404.
  assertProblem(await as['unn.leser'].del(`/api/risks/${risk.id}/measures/${phishing.id}`), 403);
  const gone = await as['unn.isl'].del(`/api/risks/${risk.id}/measures/${phishing.id}`);
  assert.equal(gone.status, 204);
  assertProblem(await as['unn.isl'].del(`/api/risks/${risk.id}/measures/${phishing.id}`), 404, { field: 'measure_id' });
  assert.equal(links(), before);
  assert.equal(count(`SELECT COUNT(*) FROM audit_event WHERE entity = 'risk' AND entity_id = '${risk.id}' AND action = 'risk.unlink_measure'`), 1);
  assert.ok(!(await as['unn.leser'].get(`/api/risks/${risk.id}`)).body.measures.some((m) => m.id === phishing.id));
});

test("a regional measure shows each trust only its own risks; the region sees them all", async () => {
  const monthly = await measureTitled('Månedlig rapportering av sikkerhetshendelser');
  const nlsh = await riskTitled('Bilder utilgjengelige ved løsepengevirus');
  const unn = await riskTitled('Felles pålogging på akuttmottakets arbeidsstasjoner');
  assert.equal((await as['hn.isl'].post(`/api/risks/${nlsh.id}/measures`, { measure_id: monthly.id })).status, 201);
  assert.equal((await as['unn.isl'].post(`/api/risks/${unn.id}/measures`, { measure_id: monthly.id })).status, 201);

  const forUnn = await as['unn.isl'].get(`/api/measures/${monthly.id}`);
  assert.deepEqual(forUnn.body.risks.map((r) => r.org_code), ['UNN']);
  assert.ok(!forUnn.body.links.some((l) => l.target_kind === 'risk' && l.target_id === nlsh.id), 'NLSH\'s risk is not in UNN\'s links');
  const forRegion = await as['hn.isl'].get(`/api/measures/${monthly.id}`);
  const codes = forRegion.body.risks.map((r) => r.org_code);
  assert.ok(codes.includes('UNN') && codes.includes('NLSH') && codes.includes('HNIKT'), codes.join(', '));
  // UNN's officer may not link NLSH's risk.
  assertProblem(await as['unn.isl'].post(`/api/risks/${nlsh.id}/measures`, { measure_id: monthly.id }), 404);
});

test("after the plan's yearly revision the risk lists the measure once, from the current revision", async () => {
  const risk = await riskTitled('Oppslag i journal uten tjenstlig behov');
  const old = (await as['hn.isl'].get(`/api/risks/${risk.id}`)).body.measures[0];
  const plan = await as['hn.isl'].get(`/api/action-plans/${old.plan.id}`);
  const rev = await as['hn.isl'].request('POST', `/api/action-plans/${old.plan.id}/revise`, { period_text: '2026–2027' }, { 'if-match': etag(plan.body.version) });
  assert.equal(rev.status, 201, JSON.stringify(rev.body));
  const now = (await as['unn.isl'].get(`/api/risks/${risk.id}`)).body.measures;
  assert.equal(now.length, 1);
  assert.equal(now[0].title, old.title);
  assert.equal(now[0].plan.id, rev.body.id);
  assert.notEqual(now[0].id, old.id);
  // The old revision's measures take no new links; the picker offers the current ones only.
  const other = await riskTitled('Felles pålogging på akuttmottakets arbeidsstasjoner');
  const phishingOld = (await as['hn.isl'].get(`/api/action-plans/${old.plan.id}`)).body.measures.find((m) => m.title === 'Phishingøvelse for ledere');
  assert.ok(phishingOld, 'the finished measure stays in the old revision');
  assertProblem(await as['unn.isl'].post(`/api/risks/${other.id}/measures`, { measure_id: phishingOld.id }), 409, { field: 'measure_id' });
  const offered = (await as['unn.isl'].get(`/api/risks/${other.id}/measure-candidates`)).body.items;
  assert.ok(offered.length > 0 && offered.every((m) => m.plan.id === rev.body.id), JSON.stringify(offered.map((m) => m.plan)));
});

test("a measure is linked from its own side only to a risk the caller reads", async () => {
  const measure = await measureTitled('Grunnkurs i informasjonssikkerhet for alle nyansatte');
  const all = (await as.admin.get('/api/risks?limit=500')).body.items;
  // A risk in Helse Midt-Norge, which hn.isl does not read.
  const hmnTrust = [...orgs.values()].find((o) => o.kind === 'trust' && o.path.startsWith(orgs.get('HMN').path));
  const a = await as.admin.post('/api/risk-assessments', {
    org_id: hmnTrust.id, title: 'ROS: nytt adgangskontrollsystem', subject_kind: 'system', subject: 'Adgangskort',
    status: 'in_progress', assessed_on: '2026-11-20',
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const otherRegion = (await as.admin.post(`/api/risk-assessments/${a.body.id}/risks`, { title: 'Kort som ikke sperres', likelihood: 2, consequence: 3 })).body;
  assert.ok(otherRegion.id, JSON.stringify(otherRegion));
  const before = count('SELECT COUNT(*) FROM measure_link');
  const refused = await as['hn.isl'].post(`/api/measures/${measure.id}/links`, { target_kind: 'risk', target_id: otherRegion.id });
  assertProblem(refused, 400, { field: 'target_id' });
  const missing = await as['hn.isl'].post(`/api/measures/${measure.id}/links`, { target_kind: 'risk', target_id: 987654321 });
  assertProblem(missing, 400, { field: 'target_id' });
  assert.equal(refused.body.detail, missing.body.detail, 'an unseen risk answers as a missing one');
  assert.equal(count('SELECT COUNT(*) FROM measure_link'), before, 'nothing was linked');

  const unnAssessment = all.find((r) => r.org.code === 'UNN').assessment_id;
  const own = (await as.admin.post(`/api/risk-assessments/${unnAssessment}/risks`, { title: 'Delt passord på vaktrommet', likelihood: 3, consequence: 2 })).body;
  const ok = await as['hn.isl'].post(`/api/measures/${measure.id}/links`, { target_kind: 'risk', target_id: own.id });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
});
