// A report entry's risk assessments and the risk overview attached to the
// trust's tertial report (issues 3 and 5). UNN assesses a risk tied to
// requirement 21 of Helse Nord's 2026 document: UNN's entry for 21 lists the
// assessment with the risk's levels (another trust's does not), the T1 export
// in every format says so under "Risikovurderinger" before
// "Rapporteringstekst:" and ends with the risk overview as an appendix, the
// export reads back as the same requirements and texts, the annual report has
// no appendix, and closing the period keeps all of it as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, orgsByCode, etag, periodOf, trustReport, commissionDocument, requirementNumbered } from '../lib/api.mjs';
import { pdfTextOf } from '../lib/office.mjs';

const work = mkdtempSync(join(tmpdir(), 'varde-report-risk-'));
const ASSESSMENT = 'ROS for tilgangsstyring i journalen';
const RISK = 'Tilgangsstyringen henger etter leverandørens nye versjon';

let srv;
let as;
let orgs;
let t1;
let annual;
let r21;
let risk;

const flat = (s) => s.replace(/\s+/g, ' ').trim();
const itemOf = (report, requirementId) => report.items.find((i) => i.requirement.id === requirementId);
// The export without the line that says when it was made.
const withoutTime = (md) => md.split('\n').filter((l) => !/Generert/.test(l)).join('\n');

async function exportOf(client, orgId, periodId, format) {
  const res = await fetch(`${srv.url}/api/orgs/${orgId}/reports/${periodId}/export?format=${format}`, { headers: { cookie: client.cookie } });
  assert.equal(res.status, 200, `export ${format}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

before(async () => {
  srv = await startServer();
  as = {};
  for (const u of ['unn.isl', 'hn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as['hn.isl']);
  t1 = await periodOf(as['unn.isl'], orgs.get('UNN').id, 2026, 'T1');
  annual = await periodOf(as['unn.isl'], orgs.get('UNN').id, 2026, 'ANNUAL');
  const docs = (await as['hn.isl'].get('/api/commission/documents')).body.items;
  const doc = await commissionDocument(as['hn.isl'], docs.find((d) => d.region.code === 'HN' && d.year === 2026).id);
  r21 = requirementNumbered(doc, '21');

  const a = await as['unn.isl'].post('/api/risk-assessments', {
    org_id: orgs.get('UNN').id, title: ASSESSMENT, subject_kind: 'requirement', subject: 'Krav 21', status: 'completed',
    assessed_on: '2026-03-02',
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const r = await as['unn.isl'].post(`/api/risk-assessments/${a.body.id}/risks`, {
    title: RISK, likelihood: 4, consequence: 4, residual_likelihood: 2, residual_consequence: 3, treatment: 'reduce',
    requirement_ids: [r21.id],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  risk = r.body;
});

after(async () => {
  await srv?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("UNN's entry for 21 lists UNN's assessment with the risk's levels; another trust's entry does not", async () => {
  const report = await trustReport(as['unn.isl'], orgs.get('UNN').id, t1.id);
  const item = itemOf(report, r21.id);
  const mine = item.risk_assessments.find((x) => x.title === ASSESSMENT);
  assert.ok(mine, `no "${ASSESSMENT}" under 21: ${JSON.stringify(item.risk_assessments)}`);
  assert.equal(mine.status, 'completed');
  assert.equal(mine.assessed_on, '2026-03-02');
  assert.equal(mine.org.code, 'UNN');
  assert.equal(mine.risks.length, 1);
  const [rk] = mine.risks;
  assert.equal(rk.id, risk.id);
  assert.equal(rk.title, RISK);
  assert.deepEqual([rk.likelihood, rk.consequence, rk.inherent_level.label.nb], [4, 4, 'Høy']);
  assert.deepEqual([rk.residual_likelihood, rk.residual_consequence, rk.residual_level.label.nb], [2, 3, 'Middels']);
  assert.match(rk.inherent_level.colour, /^#[0-9a-fA-F]{6}$/);
  assert.equal(rk.treatment, 'reduce');
  assert.equal(rk.acceptance.state, 'none');
  // Tied to 21 only: no other entry of UNN lists it.
  for (const other of report.items.filter((i) => i.requirement.id !== r21.id))
    assert.ok(!other.risk_assessments.some((x) => x.title === ASSESSMENT), `listed under ${other.requirement.number}`);

  const hnikt = await trustReport(as['hn.isl'], orgs.get('HNIKT').id, t1.id);
  const theirs = itemOf(hnikt, r21.id);
  assert.ok(Array.isArray(theirs.risk_assessments));
  assert.ok(!theirs.risk_assessments.some((x) => x.title === ASSESSMENT), "UNN's assessment in HNIKT's report");

  // The OpenAPI document describes the field.
  const openapi = (await as['unn.isl'].get('/api/openapi.json')).body;
  const schema = openapi.paths['/api/orgs/{id}/reports/{period_id}'].get.responses['200'].content['application/json'].schema;
  assert.ok(schema.properties.items.items.properties.risk_assessments.items.properties.risks, 'risk_assessments in the schema');
});

test('the T1 .docx lists the assessment before "Rapporteringstekst:", ends with the risk overview, and reads back the same', async () => {
  const file = join(work, 'unn-t1.docx');
  writeFileSync(file, await exportOf(as['unn.isl'], orgs.get('UNN').id, t1.id, 'docx'));
  const pdf = await pdfTextOf(file);
  const text = flat(pdf);
  const at = text.indexOf(`${ASSESSMENT} (UNN, Fullført, vurdert 02.03.2026)`);
  assert.ok(at > 0, 'the assessment with its node, status and date');
  assert.ok(text.lastIndexOf('Risikovurderinger', at) > text.lastIndexOf('Rapporteringstekst', at), '"Risikovurderinger" comes first');
  const line = text.indexOf(`${RISK}: iboende risiko Høy (S4 × K4), restrisiko Middels (S2 × K3); Redusere`, at);
  assert.ok(line > at, "the risk's levels and treatment");
  const label = text.indexOf('Rapporteringstekst', line);
  assert.ok(label > line && text.indexOf('Handlingsplanen er revidert', label) > label, 'then the reporting text');
  // The appendix: after every requirement, with the requirement's risks and the heat map as a table.
  const appendix = text.indexOf('Vedlegg: Risikooversikt');
  assert.ok(appendix > label, 'the appendix after the report');
  assert.ok(text.indexOf('Risikovurderinger per krav', appendix) > appendix);
  assert.ok(text.indexOf('Krav 21', appendix) > appendix, 'requirement 21 in the overview');
  assert.ok(text.indexOf(RISK, appendix) > appendix, 'the risk in the overview');
  const heat = text.indexOf('Varmekart', appendix);
  assert.ok(heat > appendix, 'the heat map');
  assert.ok(text.indexOf('Sannsynlighet (rader) mot konsekvens (kolonner)', heat) > heat, "the heat map's table");

  // Round trip: the PDF's text imports as the report's requirements and texts,
  // neither the field nor the appendix read into them.
  const report = await trustReport(as['unn.isl'], orgs.get('UNN').id, t1.id);
  const parsed = await as['unn.isl'].post(`/api/orgs/${orgs.get('UNN').id}/imports/commission-report`, {
    text: pdf, period: 'T1', year: 2026, dry_run: true,
  });
  assert.equal(parsed.status, 200, JSON.stringify(parsed.body).slice(0, 500));
  assert.deepEqual(parsed.body.requirements.map((r) => r.number), report.items.map((i) => i.requirement.number));
  for (const [k, r] of parsed.body.requirements.entries()) {
    const item = report.items[k];
    assert.equal(flat(r.text), flat(item.requirement.text), `the text of ${r.number}`);
    assert.equal(flat(r.reporting_text), flat(item.entry?.text ?? ''), `the reporting text of ${r.number}`);
    assert.ok(!/Risikovurdering|iboende risiko/.test(r.reporting_text), `risks read into the text of ${r.number}`);
  }
  assert.ok(!/Risikooversikt|Varmekart/.test(JSON.stringify(parsed.body.chapters ?? [])), 'the appendix read as a chapter');
  assert.ok(parsed.body.warnings.some((w) => /Risikooversikt/.test(w.message)), 'a warning at the appendix');
  assert.ok(!parsed.body.warnings.some((w) => w.severity === 'error'));
});

test('the T1 .xlsx, Markdown, HTML and the CLI carry the field and the appendix too', async () => {
  const file = join(work, 'unn-t1.xlsx');
  writeFileSync(file, await exportOf(as['unn.isl'], orgs.get('UNN').id, t1.id, 'xlsx'));
  const xlsx = flat(await pdfTextOf(file));
  for (const piece of ['Risikovurderinger', ASSESSMENT, 'Vedlegg: Risikooversikt', 'Sannsynlighet (rader) mot konsekvens (kolonner)'])
    assert.ok(xlsx.includes(piece), `"${piece}" not in the PDF of the .xlsx`);

  const md = (await exportOf(as['unn.isl'], orgs.get('UNN').id, t1.id, 'md')).toString('utf8');
  const field = md.indexOf('**Risikovurderinger:**');
  assert.ok(field > 0, md.slice(0, 2000));
  assert.ok(md.indexOf('**Rapporteringstekst:**', field) > field);
  assert.match(md, /## Vedlegg: Risikooversikt/);
  const html = (await exportOf(as['unn.isl'], orgs.get('UNN').id, t1.id, 'html')).toString('utf8');
  assert.match(html, /Vedlegg: Risikooversikt/);
  assert.match(html, /<svg/, 'the heat map as a picture in HTML');

  const out = join(work, 'cli-t1.md');
  const r = cli(['report', 'tertial', '--org', 'UNN', '--year', '2026', '--period', 'T1', '--format', 'md', '--out', out, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const fromCli = readFileSync(out, 'utf8');
  assert.ok(fromCli.includes('Vedlegg: Risikooversikt') && fromCli.includes(RISK));
});

test('the annual report lists the assessments but has no risk overview appendix', async () => {
  const md = (await exportOf(as['unn.isl'], orgs.get('UNN').id, annual.id, 'md')).toString('utf8');
  assert.ok(md.includes(ASSESSMENT), 'the assessment under 21');
  assert.ok(!md.includes('Vedlegg: Risikooversikt'), 'no appendix in the annual report');
  assert.ok(!md.includes('Varmekart'));
});

test('a closed T1 keeps its assessments and appendix whatever is rescored or unlinked afterwards', async () => {
  const closed = await as['hn.isl'].post(`/api/periods/${t1.id}/close`, {});
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const before = await trustReport(as['unn.isl'], orgs.get('UNN').id, t1.id);
  assert.equal(before.from_snapshot, true);
  const mdBefore = (await exportOf(as['unn.isl'], orgs.get('UNN').id, t1.id, 'md')).toString('utf8');
  assert.ok(mdBefore.includes(`${RISK}: iboende risiko Høy (S4 × K4)`));

  const changed = await as['unn.isl'].patch(`/api/risks/${risk.id}`, { likelihood: 1, consequence: 1, requirement_ids: [] },
    { 'if-match': etag(risk.version) });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.inherent_level.label.nb, 'Lav');

  const after = await trustReport(as['unn.isl'], orgs.get('UNN').id, t1.id);
  assert.deepEqual(itemOf(after, r21.id).risk_assessments, itemOf(before, r21.id).risk_assessments);
  const mdAfter = (await exportOf(as['unn.isl'], orgs.get('UNN').id, t1.id, 'md')).toString('utf8');
  assert.equal(withoutTime(mdAfter), withoutTime(mdBefore), 'the closed report comes out the same');

  // The open periods show the register as it stands: no longer tied to 21.
  const now = await trustReport(as['unn.isl'], orgs.get('UNN').id, annual.id);
  assert.ok(!itemOf(now, r21.id).risk_assessments.some((x) => x.title === ASSESSMENT));
});
