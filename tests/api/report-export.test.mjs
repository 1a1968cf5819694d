// The seed report in and out: Helse Nord IKT's report on the 2023
// commissioning document is taken in from ../shared/seeds (the text of a PDF
// export), then exported in the four formats a trust sends on. The .docx and
// .xlsx must open in LibreOffice (converted to PDF) with every requirement in
// the PDF's text, and the exported report must read back as the same
// requirements and texts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, periodOf } from '../lib/api.mjs';
import { pdfTextOf } from '../lib/office.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = resolve(root, '..', 'shared', 'seeds', 'krav-i-oppdragsdokument-2023.txt');
const work = mkdtempSync(join(tmpdir(), 'varde-export-'));

let srv;
let hnikt;
let period;
let seedPlan;

// What `import commission --dry-run` reads from a text: one line per requirement.
function plan(file) {
  const r = cli(['import', 'commission', file, '--org', 'HNIKT', '--period', 'T1', '--year', '2023', '--dry-run', '--db', srv.db]);
  assert.equal(r.status, 0, `dry run of ${file} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => / requirement /.test(l)).map((l) => l.replace(/^[^:]*:\d+: /, ''));
}

before(async () => {
  srv = await startServer();
  seedPlan = plan(SEED);
  const r = cli(['import', 'commission', SEED, '--org', 'HNIKT', '--period', 'T1', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /13 requirement\(s\) created/);
  // The import makes the region's 2023 document as a draft; the region
  // publishes it, and then the trust sees it.
  const region = await loginAs(srv, 'hn.isl');
  const doc = (await region.get('/api/commission/documents')).body.items.find((d) => d.region.code === 'HN' && d.year === 2023);
  assert.equal(doc.status, 'draft');
  const published = await region.request('POST', `/api/commission/documents/${doc.id}/publish`, {}, { 'if-match': `"${doc.version}"` });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  const isl = await loginAs(srv, 'hnikt.isl');
  const orgs = (await isl.get('/api/orgs?limit=500')).body.items;
  hnikt = orgs.find((o) => o.code === 'HNIKT');
  period = await periodOf(isl, hnikt.id, 2023, 'T1');
});

after(async () => {
  await srv?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the seed is taken in as 13 requirements with their reporting texts, one flagged for a number', async () => {
  assert.equal(seedPlan.length, 13);
  const isl = await loginAs(srv, 'hnikt.isl');
  const report = await isl.get(`/api/orgs/${hnikt.id}/reports/${period.id}`);
  assert.equal(report.status, 200);
  assert.equal(report.body.document.title, 'Krav i oppdragsdokument 2023');
  // All 13 apply to HNIKT and are reported in the 1st tertial except none: every one is listed.
  assert.equal(report.body.items.length, 13);
  const unnumbered = report.body.items.filter((i) => i.requirement.number === null);
  assert.equal(unnumbered.length, 1);
  assert.equal(unnumbered[0].requirement.needs_number, true);
  assert.match(unnumbered[0].requirement.text, /^Utarbeide en årlig rapport i samarbeid med Norsk helsenett/);
  assert.equal(unnumbered[0].requirement.applies_to, 'HNIKT');
  assert.ok(unnumbered[0].requirement.deadlines.some((d) => d.due_date === '2023-06-01' && d.yearly), 'innen 1. juni hvert år');
  const r27 = report.body.items.find((i) => i.requirement.number === '27');
  assert.ok(r27.requirement.deadlines.some((d) => d.due_date === '2023-04-03'), 'innen 3. april hvert år');
  assert.match(r27.entry.text, /^Handlingsplan er fulgt opp lokalt og oppdatert/);
  assert.deepEqual(report.body.chapters.map((c) => c.code), ['3.0', '4.2', '4.3', '5.1', '5.2', '7.2', '8.0', '11', '12']);
  assert.match(report.body.chapters.find((c) => c.code === '11').general_text, /risikovurderinger/);
});

test('importing the same report again adds no requirement', () => {
  const r = cli(['import', 'commission', SEED, '--org', 'HNIKT', '--period', 'T1', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /0 requirement\(s\) created, 13 matched/);
});

test('Markdown and HTML read like the seed: chapters, numbers, texts, applies-to and reporting points, then the text', async () => {
  const isl = await loginAs(srv, 'hnikt.isl');
  const md = await isl.get(`/api/orgs/${hnikt.id}/reports/${period.id}/export?format=md`);
  assert.equal(md.status, 200);
  assert.match(md.headers.get('content-type'), /text\/markdown/);
  const order = ['## 4.2 Informasjonssikkerhet og personvern', '### 27', 'Oppdatere de lokale handlingsplanene',
    'Alle Tertialrapporter og Årlig melding', '**Rapporteringstekst:**', 'Handlingsplan er fulgt opp lokalt'];
  let at = 0;
  for (const piece of order) {
    const i = md.body.indexOf(piece, at);
    assert.ok(i >= 0, `"${piece}" missing or out of order in the Markdown`);
    at = i;
  }
  const html = await isl.get(`/api/orgs/${hnikt.id}/reports/${period.id}/export?format=html`);
  assert.equal(html.status, 200);
  assert.match(html.body, /<html lang="nb"/);
  assert.match(html.body, /HNIKT 1\. tertial og Årlig melding/);
  const bad = await isl.get(`/api/orgs/${hnikt.id}/reports/${period.id}/export?format=pdf`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'format');
});

for (const format of ['docx', 'xlsx']) {
  test(`.${format} opens in LibreOffice and its PDF holds every requirement`, async () => {
    const isl = await loginAs(srv, 'hnikt.isl');
    const res = await fetch(`${srv.url}/api/orgs/${hnikt.id}/reports/${period.id}/export?format=${format}`, { headers: { cookie: isl.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), new RegExp(`rapport-HNIKT-2023-T1\\.${format}`));
    const file = join(work, `rapport.${format}`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const pdf = await pdfTextOf(file);
    const text = pdf.replace(/\s+/g, ' ');
    for (const number of ['2', '27', '32', '42', '43', '44', '45', '61', '62', '63', '64', '67'])
      assert.ok(new RegExp(`(^| )${number} `).test(text), `requirement ${number} is not in the PDF of the .${format}`);
    for (const start of ['Delta i utviklingen av helhetlig risikostyring', 'Utarbeide en årlig rapport i samarbeid med Norsk',
      'Levere samlet rapportering av status', 'Rapporteringstekst', 'Helse Nord IKT deltar aktivt'])
      assert.ok(text.includes(start), `"${start}" is not in the PDF of the .${format}`);
    if (format === 'docx') {
      // The round trip: the exported report, as text, reads back as the same requirements.
      const txt = join(work, 'rapport-fra-docx.txt');
      writeFileSync(txt, pdf);
      assert.deepEqual(plan(txt), seedPlan);
    }
  });
}

test('the CLI writes the same report to a file', () => {
  const out = join(work, 'cli.md');
  const r = cli(['report', 'tertial', '--org', 'HNIKT', '--year', '2023', '--period', 'T1', '--format', 'md', '--out', out, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(out, 'utf8'), /### 67/);
  const missing = cli(['report', 'tertial', '--org', 'HNIKT', '--year', '1999', '--period', 'T1', '--out', out, '--db', srv.db]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no period T1 1999/);
});
