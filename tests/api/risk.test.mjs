// Risk management as a trust and its region go through it: the region's
// matrices (the default 5×5 and imports of CISO Assistant library files),
// an assessment at UNN with a risk scored per consequence area, acceptance by
// a leader at the right level and refusal at the wrong one, the history, the
// lists and the heat map, CSV out and back in, and the risk overview for a
// tertial report. Bad input answers 4xx problem+json naming the field and
// changes nothing.
//
// Demo data (src/demo/risk_demo.cpp): HN and HMN have the default matrix
// "helse-5x5"; UNN has "ROS-analyse: tilgangsstyring i pasientjournalen" with
// two risks owned by unn.leder (one accepted, one whose acceptance expired),
// UNN-HJE one with an overdue review, HNIKT the threat-assessment risk tied to
// requirement 22, NLSH and STO one each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, orgsByCode, etag, assertProblem, assertList, sql, commissionDocument, requirementNumbered } from '../lib/api.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.VARDE_FIXTURES_DIR || join(here, '..', '..', '..', 'shared', 'fixtures');
const fixture = (name) => readFileSync(join(fixtures, 'ciso-assistant', name), 'utf8');

let srv;
const as = {};
let orgs;
const id = (code) => orgs.get(code).id;
const count = (query) => Number(sql(srv.db, query));
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'hn.isl', 'unn.isl', 'unn.leder', 'unn.leser', 'hmn.isl', 'unn.medarbeider']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as.admin);
});

after(async () => { await srv?.stop(); });

test('every region has the default 5×5 matrix, and a trust reads its region\'s', async () => {
  const list = await as['unn.isl'].get(`/api/orgs/${id('UNN')}/risk-matrices`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const def = list.body.items.find((m) => m.is_default);
  assert.equal(def.key, 'helse-5x5');
  assert.equal(def.size, '5×5');
  const m = await as['unn.isl'].get(`/api/risk-matrices/${def.id}`);
  assert.equal(m.status, 200);
  assert.deepEqual(m.body.matrix.risk_levels.map((l) => l.label.nb), ['Lav', 'Middels', 'Høy']);
  assert.equal(m.body.matrix.areas.length, 5);
  // Likelihood 3 × consequence 3: medium, the trust director accepts.
  assert.deepEqual(m.body.matrix.cells[2][2], { risk_level: 1, accept_level: 3 });
  assert.equal(m.body.matrix.cells[4][4].accept_level, 0);
  // HMN's matrix is hidden from UNN.
  const hmn = (await as['hmn.isl'].get(`/api/orgs/${id('HMN')}/risk-matrices`)).body.items[0];
  assertProblem(await as['unn.isl'].get(`/api/risk-matrices/${hmn.id}`), 404);
});

test('the four CISO Assistant files import with their levels, colours and grid; a preview writes nothing', async () => {
  const expected = {
    'risk-matrix-3x3-mult.yaml': { size: '3×3', levels: 6, colour0: '#92D050', row0: [0, 1, 2], nb: '[1] Lite sannsynlig' },
    'risk-matrix-4x4-ebios-rm.yaml': { size: '4×4', levels: 3, colour0: '#59BBB2', row0: [0, 0, 0, 1], nb: 'Lite sannsynlig' },
    'risk-matrix-5x5-iso-27005.yaml': { size: '5×5', levels: 5, colour0: '#D3FF4E', row0: [0, 0, 1, 1, 1], nb: '1 - Lite sannsynlig' },
    'risk-matrix-6x6-detailed.yaml': { size: '6×6', levels: 4, colour0: '#00B050', row0: [0, 0, 0, 0, 1, 3], nb: 'Svært sjelden' },
  };
  for (const [file, want] of Object.entries(expected)) {
    const before = count('SELECT COUNT(*) FROM risk_matrix');
    const preview = await as['hn.isl'].post(`/api/orgs/${id('HN')}/imports/risk-matrix`, { yaml: fixture(file), dry_run: true });
    assert.equal(preview.status, 200, `${file}: ${JSON.stringify(preview.body).slice(0, 300)}`);
    assert.equal(preview.body.matrices[0].likelihood[0].label.nb, want.nb, file);
    assert.equal(count('SELECT COUNT(*) FROM risk_matrix'), before, `${file}: the preview wrote a matrix`);
    const done = await as['hn.isl'].post(`/api/orgs/${id('HN')}/imports/risk-matrix`, { yaml: fixture(file), file_name: file });
    assert.equal(done.status, 201, `${file}: ${JSON.stringify(done.body).slice(0, 300)}`);
    const m = done.body.matrices[0];
    assert.equal(m.size, want.size, file);
    assert.equal(m.source, file);
    assert.equal(m.matrix.risk_levels.length, want.levels, file);
    assert.equal(m.matrix.risk_levels[0].colour, want.colour0, file);
    assert.deepEqual(m.matrix.cells[0].map((c) => c.risk_level), want.row0, file);
    assert.ok(done.body.warnings.some((w) => /ingen regler for aksept/.test(w.message)), `${file}: no warning about acceptance rules`);
  }
  // A second import of a file is the next revision of its key.
  const again = await as['hn.isl'].post(`/api/orgs/${id('HN')}/imports/risk-matrix`, { yaml: fixture('risk-matrix-4x4-ebios-rm.yaml') });
  assert.equal(again.body.matrices[0].revision, 2);
  // The default stays the 5×5 one.
  const list = await as['hn.isl'].get(`/api/orgs/${id('HN')}/risk-matrices`);
  assert.equal(list.body.items.filter((m) => m.is_default).map((m) => m.key).join(), 'helse-5x5');
});

test('a broken matrix file is refused with its line, and nothing is written', async () => {
  const before = count('SELECT COUNT(*) FROM risk_matrix');
  const bad = 'objects:\n  risk_matrix:\n    - ref_id: x\n      name: X\n      probability: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]\n'
    + '      impact: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]\n'
    + '      risk: [{id: 0, name: Low, hexcolor: "#00FF00"}]\n      grid: [[0, 0, 0], [0, 0, 0], [0, 0, 9]]\n';
  const res = await as['hn.isl'].post(`/api/orgs/${id('HN')}/imports/risk-matrix`, { yaml: bad });
  assertProblem(res, 400, { field: 'risk_matrix[0].grid[2][2]' });
  assert.match(res.body.detail, /^Linje 8:/);
  assertProblem(await as['hn.isl'].post(`/api/orgs/${id('HN')}/imports/risk-matrix`, { yaml: 'a: [' }), 400);
  // Matrices belong to a region; a trust is not one. unn.isl cannot reach HN at all.
  assertProblem(await as.admin.post(`/api/orgs/${id('UNN')}/imports/risk-matrix`, { yaml: fixture('risk-matrix-3x3-mult.yaml') }), 400, { field: 'id' });
  assertProblem(await as['unn.isl'].post(`/api/orgs/${id('HN')}/imports/risk-matrix`, { yaml: fixture('risk-matrix-3x3-mult.yaml') }), 404);
  assert.equal(count('SELECT COUNT(*) FROM risk_matrix'), before);
});

test('an assessment, a risk scored per area, acceptance at the right level and refusal at the wrong one', async () => {
  const isl = as['unn.isl'];
  const a = await isl.post('/api/risk-assessments', {
    org_id: id('UNN'), title: 'ROS: ny løsning for digital innsjekk', subject_kind: 'change', subject: 'Innsjekk-kiosker',
    scope: 'Poliklinikkene i Tromsø', method: 'Arbeidsmøte', participants: 'ISL, poliklinikkleder', status: 'in_progress',
    assessed_on: '2026-11-02', next_review_on: inDays(300),
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(a.body.org.code, 'UNN');

  const leaders = await isl.get(`/api/orgs/${id('UNN')}/risk-owners`);
  const leader = leaders.body.find((u) => u.username === 'unn.leder');
  assert.equal(leader.leader_level, 3);

  // Bad scores and a non-leader owner are refused, naming the field.
  assertProblem(await isl.post(`/api/risk-assessments/${a.body.id}/risks`, { title: 'X', likelihood: 6, consequence: 1 }), 400, { field: 'likelihood' });
  assertProblem(await isl.post(`/api/risk-assessments/${a.body.id}/risks`, { title: 'X', consequences: { weather: 2 } }), 400, { field: 'consequences.weather' });
  const islUser = (await isl.get('/api/session')).body.user;
  assertProblem(await isl.post(`/api/risk-assessments/${a.body.id}/risks`, { title: 'X', owner_id: islUser.id }), 400, { field: 'owner_id' });

  const r = await isl.post(`/api/risk-assessments/${a.body.id}/risks`, {
    title: 'Pasientlister synlige på kiosken', threat: 'Innsyn fra andre i køen', vulnerability: 'Skjermen vender mot venterommet',
    assets: 'Innsjekk-kiosk', existing_controls: 'Personvernfilter', framework_controls: ['NSM 2.3.2'],
    likelihood: 4, consequences: { privacy: 3, reputation: 2 }, treatment: 'reduce', treatment_plan: 'Snu skjermene; vis bare initialer.',
    residual_likelihood: 3, residual_consequence: 3, owner_id: leader.id,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.consequence, 3, 'the worst area gives the consequence');
  assert.equal(r.body.inherent_level.label.nb, 'Høy');          // 4 × 3 = 12
  assert.equal(r.body.residual_level.label.nb, 'Middels');      // 3 × 3 = 9
  assert.equal(r.body.acceptance.state, 'none');
  assert.equal(r.body.acceptance.required_level, 3);

  // The reader and the security officer may not accept; the leader may.
  const acceptBody = { rationale: 'Tiltakene er på plass; restrisiko kan bæres.', expires_on: inDays(180) };
  assertProblem(await as['unn.leser'].post(`/api/risks/${r.body.id}/accept`, acceptBody), 403);
  assertProblem(await isl.post(`/api/risks/${r.body.id}/accept`, acceptBody), 403);
  assertProblem(await as['unn.leder'].post(`/api/risks/${r.body.id}/accept`, { ...acceptBody, expires_on: '2020-01-01' }), 400, { field: 'expires_on' });
  const ok = await as['unn.leder'].post(`/api/risks/${r.body.id}/accept`, acceptBody);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.acceptance.state, 'accepted');
  assert.equal(ok.body.acceptance.accepted_by, 'unn.leder');
  assert.equal(ok.body.acceptance.accepted_level, 3);

  // A worse residual score withdraws the acceptance; 4 × 4 = 16 needs the board.
  const stale = await isl.patch(`/api/risks/${r.body.id}`, { residual_consequence: 4 }, { 'if-match': etag(r.body.version) });
  assertProblem(stale, 412);
  const worse = await isl.patch(`/api/risks/${r.body.id}`, { residual_likelihood: 4, residual_consequence: 4 }, { 'if-match': etag(ok.body.version) });
  assert.equal(worse.status, 200, JSON.stringify(worse.body));
  assert.equal(worse.body.acceptance.state, 'none');
  assert.equal(worse.body.acceptance.required_level, 4);
  const refused = await as['unn.leder'].post(`/api/risks/${r.body.id}/accept`, acceptBody);
  assertProblem(refused, 403);
  assert.equal(refused.body.detail, 'Risikoen må aksepteres av styret eller regionen (nivå 4) eller høyere.');
  assert.equal(refused.body.required_level, 4);
  // 5 × 5: nobody without treatment.
  const worst = await isl.patch(`/api/risks/${r.body.id}`, { residual_likelihood: 5, residual_consequence: 5 }, { 'if-match': etag(worse.body.version) });
  const never = await as['unn.leder'].post(`/api/risks/${r.body.id}/accept`, acceptBody);
  assertProblem(never, 403);
  assert.match(never.body.detail, /ikke kan aksepteres uten tiltak/);
  assert.equal(never.body.acceptable, false);

  // The history: scores and treatment at creation, the acceptance, its withdrawal, the new scores.
  const full = await isl.get(`/api/risks/${r.body.id}`);
  assert.deepEqual(full.body.history.map((h) => h.kind),
    ['scores', 'treatment', 'acceptance', 'scores', 'acceptance_withdrawn', 'scores']);
  assert.equal(full.body.history[2].after.accepted_by, 'unn.leder');
  assert.equal(full.body.version, worst.body.version);
  // Every change is in the audit trail: created, accepted, changed twice (the stale edit wrote nothing).
  assert.equal(count(`SELECT COUNT(*) FROM audit_event WHERE entity = 'risk' AND entity_id = '${r.body.id}'`), 4);

  // Another trust's assessment is hidden from UNN's officer.
  const nlsh = await as['hn.isl'].post('/api/risk-assessments', { org_id: id('NLSH'), title: 'NLSH sin', subject_kind: 'system' });
  assertProblem(await isl.get(`/api/risk-assessments/${nlsh.body.id}`), 404);
  assertProblem(await isl.post(`/api/risk-assessments/${nlsh.body.id}/risks`, { title: 'X' }), 404);
  assertProblem(await isl.post('/api/risk-assessments', { org_id: id('NLSH'), title: 'X', subject_kind: 'system' }), 404);
  assertProblem(await as['unn.leser'].post('/api/risk-assessments', { org_id: id('UNN'), title: 'X', subject_kind: 'system' }), 403);
  assertProblem(await isl.post('/api/risk-assessments', { org_id: id('UNN'), title: 'X', subject_kind: 'person' }), 400, { field: 'subject_kind' });
});

test('lists filter in SQL by the caller\'s subtrees, owner, status, level and requirement', async () => {
  const mine = await as['unn.isl'].get('/api/risks?limit=500');
  assertList(mine, 'GET /api/risks');
  assert.ok(mine.body.items.length >= 3);
  assert.ok(mine.body.items.every((r) => r.org.code.startsWith('UNN')), mine.body.items.map((r) => r.org.code).join());
  const region = await as['hn.isl'].get('/api/risks?limit=500');
  const codes = new Set(region.body.items.map((r) => r.org.code));
  for (const c of ['UNN', 'HNIKT', 'NLSH']) assert.ok(codes.has(c), `hn.isl should see ${c}`);
  assert.ok(!codes.has('STO'));

  const leader = (await as['unn.leder'].get('/api/session')).body.user;
  const owned = await as['unn.isl'].get(`/api/risks?owner_id=${leader.id}&limit=500`);
  assert.ok(owned.body.items.every((r) => r.owner.id === leader.id));
  const expired = await as['unn.isl'].get('/api/risks?status=expired');
  assert.deepEqual(expired.body.items.map((r) => r.title), ['Felles pålogging på akuttmottakets arbeidsstasjoner']);
  const noOwner = await as['hn.isl'].get('/api/risks?without_owner=true&limit=500');
  assert.ok(noOwner.body.items.some((r) => r.title === 'Trusselvurderingen er tenkt offentlig'));
  assert.ok(noOwner.body.items.every((r) => r.owner === null));

  const doc = await commissionDocument(as['hn.isl'], (await as['hn.isl'].get('/api/commission/documents')).body.items.find((d) => d.year === 2026).id);
  const r22 = requirementNumbered(doc, '22');
  const tied = await as['hn.isl'].get(`/api/risks?requirement_id=${r22.id}`);
  assert.deepEqual(tied.body.items.map((r) => r.title), ['Trusselvurderingen er tenkt offentlig']);
  assert.deepEqual(tied.body.items[0].requirement_ids, [r22.id]);

  const high = await as['hn.isl'].get('/api/risks?level=2&limit=500');
  assert.ok(high.body.items.every((r) => (r.residual_level ?? r.inherent_level).index === 2));
  const cell = await as['unn.isl'].get('/api/risks?inherent_cell=3,4');
  assert.ok(cell.body.items.some((r) => r.title === 'Oppslag i journal uten tjenstlig behov'));
  assertProblem(await as['unn.isl'].get('/api/risks?inherent_cell=3'), 400, { field: 'inherent_cell' });
  assertProblem(await as['unn.isl'].get('/api/risks?status=maybe'), 400, { field: 'status' });
  assertProblem(await as['unn.isl'].get('/api/risks?sort=secret'), 400, { field: 'sort' });

  // The owner's own list: the expired acceptance and the overdue review first.
  const me = await as['unn.leder'].get('/api/me/risks');
  assert.equal(me.status, 200);
  const firstTwo = me.body.items.slice(0, 2).map((r) => r.title).sort();
  assert.deepEqual(firstTwo, ['Felles pålogging på akuttmottakets arbeidsstasjoner', 'Utstyr som ikke kan oppdateres står på klinisk nett']);
  assert.equal(me.body.items.find((r) => r.title.startsWith('Utstyr')).review_overdue, true);
  const attention = await as['unn.leder'].get('/api/me/risks?needs_attention=true');
  assert.equal(attention.body.total, 2);
});

test("the owner's calendar feed has the acceptance expiries and review dates of the risks they own", async () => {
  const made = await as['unn.leder'].post('/api/me/calendar-feed', {});
  assert.equal(made.status, 201);
  const res = await fetch(srv.url + made.body.path);
  assert.equal(res.status, 200);
  const ics = (await res.text()).replace(/\r\n /g, '');
  assert.match(ics, /SUMMARY:Risikoaksept utløper: Felles pålogging på akuttmottakets arbeidsstasjoner/);
  assert.match(ics, /SUMMARY:Gjennomgang av risiko: Utstyr som ikke kan oppdateres står på klinisk nett/);
  // Not the risks of others: the threat-assessment risk at HNIKT has no owner.
  assert.doesNotMatch(ics, /Trusselvurderingen er tenkt offentlig/);
  const other = await as['unn.isl'].post('/api/me/calendar-feed', {});
  const theirs = await (await fetch(srv.url + other.body.path)).text();
  assert.doesNotMatch(theirs, /Risikoaksept utløper/);
});

test('the heat map counts inherent and residual risks per cell; the region sees its trusts side by side', async () => {
  const unn = await as['unn.isl'].get(`/api/orgs/${id('UNN')}/risk-heatmap`);
  assert.equal(unn.status, 200, JSON.stringify(unn.body));
  const total = (g) => g.flat().reduce((a, b) => a + b, 0);
  const risks = await as['unn.isl'].get(`/api/risks?org_id=${id('UNN')}&limit=500&matrix_id=${unn.body.matrix.id}`);
  assert.equal(unn.body.total, risks.body.total);
  assert.equal(total(unn.body.inherent), risks.body.items.filter((r) => r.likelihood && r.consequence).length);
  // "Oppslag i journal": inherent 3 × 4, residual 2 × 4.
  assert.ok(unn.body.inherent[2][3] >= 1);
  assert.ok(unn.body.residual[1][3] >= 1);
  assert.deepEqual(unn.body.trusts, []);
  const hn = await as['hn.isl'].get(`/api/orgs/${id('HN')}/risk-heatmap`);
  assert.equal(hn.status, 200);
  const byCode = Object.fromEntries(hn.body.trusts.map((t) => [t.org.code, t]));
  assert.deepEqual(byCode.UNN.inherent, unn.body.inherent);
  assert.equal(byCode.HNIKT.inherent[2][2], 1);
  assert.equal(hn.body.total, hn.body.trusts.reduce((a, t) => a + t.total, 0));
  assertProblem(await as['unn.isl'].get(`/api/orgs/${id('NLSH')}/risk-heatmap`), 404);
});

test('risks go out as CSV and come back unchanged; an edited row changes that risk; a bad row writes nothing', async () => {
  const out = await as['unn.isl'].get(`/api/orgs/${id('UNN')}/risks.csv`);
  assert.equal(out.status, 200);
  assert.match(out.headers.get('content-type'), /text\/csv/);
  const csv = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
  assert.ok(csv.includes('Oppslag i journal uten tjenstlig behov'));
  const events = count("SELECT COUNT(*) FROM audit_event");
  const same = await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { csv });
  assert.equal(same.status, 201, JSON.stringify(same.body));
  assert.deepEqual([same.body.risks_created, same.body.risks_updated], [0, 0]);
  assert.equal(count('SELECT COUNT(*) FROM audit_event'), events, 'an unchanged file wrote audit events');

  const edited = csv.replace('Oppslag i journal uten tjenstlig behov', 'Oppslag i journal uten tjenstlig behov (revidert)')
    + 'NY;ROS fra regneark;Ny risiko fra regnearket;;;;;;2;3;reduce;;;;unn.leder;;;\r\n'.replace('NY', '');
  const preview = await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { csv: edited, dry_run: true });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.deepEqual(preview.body.rows.filter((r) => r.action === 'create').map((r) => r.title), ['Ny risiko fra regnearket']);
  const done = await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { csv: edited });
  assert.equal(done.status, 201, JSON.stringify(done.body));
  assert.deepEqual([done.body.risks_created, done.body.risks_updated, done.body.assessments_created], [1, 1, 1]);
  assert.equal(count("SELECT COUNT(*) FROM risk WHERE title = 'Oppslag i journal uten tjenstlig behov (revidert)'"), 1);

  const risksBefore = count('SELECT COUNT(*) FROM risk');
  const bad = edited + ';ROS fra regneark;Feil;;;;;;9;1;;;;;;;;\r\n';
  const res = await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { csv: bad });
  assertProblem(res, 400, { field: 'Sannsynlighet' });
  assert.match(res.body.detail, /^Linje \d+:/);
  assert.equal(count('SELECT COUNT(*) FROM risk'), risksBefore);
  // A row naming another trust's risk is refused.
  const nlshRisk = sql(srv.db, "SELECT r.id FROM risk r JOIN org o ON o.id = r.org_id WHERE o.code = 'NLSH' LIMIT 1");
  const foreign = csv.split('\r\n')[0] + `\r\n${nlshRisk};X;Kapret;;;;;;;;;;;;;;;\r\n`;
  assertProblem(await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { csv: foreign }), 400, { field: 'ID' });
});

test('risks go out as .xlsx and come back unchanged, through the API and the CLI', async () => {
  const res = await fetch(`${srv.url}/api/orgs/${id('UNN')}/risks.xlsx`, { headers: { cookie: as['unn.isl'].cookie } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const events = count('SELECT COUNT(*) FROM audit_event');
  const same = await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { xlsx: bytes.toString('base64') });
  assert.equal(same.status, 201, JSON.stringify(same.body));
  assert.deepEqual([same.body.risks_created, same.body.risks_updated], [0, 0]);
  assert.equal(count('SELECT COUNT(*) FROM audit_event'), events);
  assertProblem(await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { xlsx: 'not base64!' }), 400, { field: 'xlsx' });
  assertProblem(await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, { xlsx: Buffer.from('PK no zip').toString('base64') }), 400, { field: 'xlsx' });
  assertProblem(await as['unn.isl'].post(`/api/orgs/${id('UNN')}/imports/risks`, {}), 400, { field: 'csv' });

  const out = join(srv.db.startsWith('postgres') ? '/tmp' : dirname(srv.db), `risks-${process.pid}.xlsx`);
  const exp = cli(['export', 'risks', '--org', 'UNN', '--out', out, '--db', srv.db]);
  assert.equal(exp.status, 0, exp.stderr);
  const dry = cli(['import', 'risks', out, '--org', 'UNN', '--dry-run', '--db', srv.db]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /update risk \d+ in "ROS-analyse: tilgangsstyring i pasientjournalen"/);
  const real = cli(['import', 'risks', out, '--org', 'UNN', '--db', srv.db]);
  assert.equal(real.status, 0, real.stderr);
  assert.match(real.stdout, /0 risk\(s\) created, 0 changed/);
});

test('the risk overview per requirement comes out as Markdown, HTML, .docx and .xlsx', async () => {
  const md = await as['hn.isl'].get(`/api/orgs/${id('HNIKT')}/risk-overview/export?format=md`);
  assert.equal(md.status, 200);
  const text = String(md.body);
  assert.match(text, /Krav 22/);
  assert.match(text, /Trusselvurderingen er tenkt offentlig/);
  assert.match(text, /Høy \(S3 × K3\)|Middels \(S3 × K3\)/);
  assert.match(text, /Varmekart/);
  for (const format of ['docx', 'xlsx']) {
    const res = await fetch(`${srv.url}/api/orgs/${id('UNN')}/risk-overview/export?format=${format}`, { headers: { cookie: as['unn.isl'].cookie } });
    assert.equal(res.status, 200, format);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', `${format} is a zip`);
  }
  const html = await as['unn.isl'].get(`/api/orgs/${id('UNN')}/risk-overview/export?format=html`);
  assert.match(String(html.body), /<table/);
  assert.match(String(html.body), /<figure>\n<svg [^>]*role="img"/, 'the heat map as SVG in the HTML');
  assertProblem(await as['unn.isl'].get(`/api/orgs/${id('UNN')}/risk-overview/export?format=pdf`), 400, { field: 'format' });
});

test('the CLI imports a matrix file with --dry-run and for real', () => {
  const file = join(fixtures, 'ciso-assistant', 'risk-matrix-5x5-iso-27005.yaml');
  const before = count('SELECT COUNT(*) FROM risk_matrix');
  const dry = cli(['import', 'risk-matrix', file, '--org', 'HMN', '--dry-run', '--db', srv.db]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /5×5, 5 risk level/);
  assert.equal(count('SELECT COUNT(*) FROM risk_matrix'), before);
  const real = cli(['import', 'risk-matrix', file, '--org', 'HMN', '--db', srv.db]);
  assert.equal(real.status, 0, real.stderr);
  assert.equal(count('SELECT COUNT(*) FROM risk_matrix'), before + 1);
  const wrong = cli(['import', 'risk-matrix', file, '--org', 'STO', '--db', srv.db]);
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /belong to a region/);
});

test('an admin edits the per-area consequence texts and a cell\'s rule as a new matrix version; bad texts are refused', async () => {
  const list = await as['hn.isl'].get(`/api/orgs/${id('HN')}/risk-matrices`);
  const current = list.body.items.find((m) => m.key === 'helse-5x5' && m.is_default);
  const old = (await as['hn.isl'].get(`/api/risk-matrices/${current.id}`)).body;
  const matrix = structuredClone(old.matrix);
  assert.ok(matrix.consequence[2].per_area.privacy.nb, 'the default matrix has per-area texts');
  matrix.consequence[2].per_area.privacy = { nb: 'Helseopplysninger om inntil ti pasienter kommer på avveie', en: 'Health data on up to ten patients goes astray' };
  delete matrix.consequence[0].per_area.economy;
  matrix.cells[1][1].accept_level = 2;
  const post = (m) => as['hn.isl'].post(`/api/orgs/${id('HN')}/risk-matrices`, { matrix: m, make_default: true });

  // Refused, naming the field, and nothing saved: an area the matrix lacks,
  // a likelihood level with per-area texts, a text over 500 characters.
  const before = count('SELECT COUNT(*) FROM risk_matrix');
  const unknown = structuredClone(matrix);
  unknown.consequence[3].per_area.weather = { nb: 'Storm', en: 'Storm' };
  assertProblem(await post(unknown), 400, { field: 'consequence[3].per_area.weather' });
  const onLikelihood = structuredClone(matrix);
  onLikelihood.likelihood[0].per_area = { privacy: { nb: 'Sjelden', en: 'Rare' } };
  assertProblem(await post(onLikelihood), 400, { field: 'likelihood[0].per_area' });
  const long = structuredClone(matrix);
  long.consequence[4].per_area.privacy.nb = 'ø'.repeat(501);
  assertProblem(await post(long), 400, { field: 'consequence[4].per_area.privacy.nb' });
  assertProblem(await as['unn.isl'].post(`/api/orgs/${id('HN')}/risk-matrices`, { matrix }), 404);
  assert.equal(count('SELECT COUNT(*) FROM risk_matrix'), before);

  const saved = await post(matrix);
  assert.equal(saved.status, 201, JSON.stringify(saved.body).slice(0, 300));
  assert.equal(saved.body.revision, old.revision + 1);
  assert.equal(saved.body.source, 'api');
  const got = (await as['unn.isl'].get(`/api/risk-matrices/${saved.body.id}`)).body.matrix;
  assert.deepEqual(got.consequence[2].per_area.privacy, matrix.consequence[2].per_area.privacy);
  assert.equal(got.consequence[0].per_area.economy, undefined);
  assert.equal(got.cells[1][1].accept_level, 2);
  // The old version is kept as it was, for the assessments made with it.
  const kept = (await as['unn.isl'].get(`/api/risk-matrices/${old.id}`)).body.matrix;
  assert.deepEqual(kept.consequence[2].per_area.privacy, old.matrix.consequence[2].per_area.privacy);
  assert.equal(kept.cells[1][1].accept_level, old.matrix.cells[1][1].accept_level);
});
