// Spreadsheets in and out of the commissioning workflow: the requirements
// template as .xlsx (download, read back, import with a preview and
// row-numbered problems, nothing written on error), and the region's matrix
// as .xlsx (opened in LibreOffice, its text checked), with "overdue" worked
// out by the server.
//
// The .xlsx files that are imported are made by LibreOffice from CSV text, so
// the reader is tested on another writer's workbooks than Varde's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, cli } from '../lib/server.mjs';
import { pdfTextOf } from '../lib/office.mjs';
import { loginAs, orgsByCode, assertProblem, periodsOf, commissionDocument } from '../lib/api.mjs';

const work = mkdtempSync(join(tmpdir(), 'varde-sheets-'));
let srv;
const as = {};
let orgs;
let hnDoc; // HN's 2026 document (demo)
let hnT1; // HN's T1 2026 period
let hmnDoc; // a document hmn.isl makes for 2031

const HEADER = 'Kapittel;Kapitteltittel;Nummer;Krav;Gjelder for;Rapportering;Frister';
const GOOD_CSV = [
  HEADER,
  '7.1;Digital sikkerhet;101;Gjennomføre en phishing-øvelse for alle ansatte.;Alle;1. tertial og Årlig melding;2031-04-03: innen 3. april hvert år',
  '7.1;;;Lage en plan for sentral logging, «også» for eldre systemer.;Alle;Tertialrapporter;',
  '7.2;Personvern;102;Oppdatere protokollen over behandlingsaktiviteter.;Alle;Årlig melding;',
].join('\n');
const BAD_CSV = [
  HEADER,
  '7.1;Digital sikkerhet;201;Et krav som er i orden.;Alle;Årlig melding;',
  '7.1;;202;Et krav med ukjent rapportering.;Alle;hver måned;',
].join('\n');

// CSV text → .xlsx through LibreOffice (separator ';', UTF-8); returns the file.
// Not blocking the event loop, for the same reason as pdfTextOf.
async function xlsxFromCsv(name, text) {
  const csv = join(work, `${name}.csv`);
  writeFileSync(csv, text);
  const profile = join(work, `lo-${process.pid}`);
  await promisify(execFile)('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--infilter=CSV:59,34,76',
    '--convert-to', 'xlsx', '--outdir', work, csv], { timeout: 180000 });
  const out = join(work, `${name}.xlsx`);
  assert.ok(existsSync(out), `LibreOffice made no .xlsx of ${csv}`);
  return out;
}

async function download(client, path) {
  const res = await fetch(`${srv.url}${path}`, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'hn.isl', 'hmn.isl', 'unn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as.admin);
  const list = await as['hn.isl'].get('/api/commission/documents');
  hnDoc = await commissionDocument(as['hn.isl'], list.body.items.find((d) => d.region.code === 'HN' && d.year === 2026).id);
  hnT1 = (await periodsOf(as['hn.isl'], orgs.get('HN').id)).find((p) => p.year === 2026 && p.kind === 'T1');
  const made = await as['hmn.isl'].post('/api/commission/documents', { region_id: orgs.get('HMN').id, year: 2031, title: 'Krav i oppdragsdokument 2031' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  hmnDoc = made.body;
});

after(async () => {
  await srv?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the requirements template downloads as .xlsx and reads back as the same requirements', async () => {
  const res = await download(as['hn.isl'], `/api/commission/documents/${hnDoc.id}/requirements.xlsx`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml\.sheet/);
  assert.match(res.headers.get('content-disposition'), /krav-HN-2026\.xlsx/);
  const file = join(work, 'krav-HN-2026.xlsx');
  writeFileSync(file, res.bytes);
  const r = cli(['import', 'requirements', file, '--org', 'HN', '--year', '2026', '--dry-run', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => / requirement /.test(l));
  assert.deepEqual(lines.map((l) => /requirement (\S+)/.exec(l)[1]), hnDoc.requirements.map((q) => q.number ?? '(no'));
  // Sheet rows: the header is row 1, the first requirement row 2.
  assert.match(lines[0], /krav-HN-2026\.xlsx:2: requirement /);
  for (const q of hnDoc.requirements) assert.ok(r.stdout.includes(q.text.slice(0, 40)), `"${q.text.slice(0, 40)}" not read back`);
  // The CLI writes the same template.
  const out = join(work, 'cli-krav.xlsx');
  const e = cli(['export', 'requirements', '--org', 'HN', '--year', '2026', '--out', out, '--db', srv.db]);
  assert.equal(e.status, 0, e.stderr);
  assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK', 'an .xlsx (zip), chosen from the file name');
});

test('an .xlsx is previewed, then imported; a sheet with an error names its row and column and writes nothing', async () => {
  const good = await xlsxFromCsv('god', GOOD_CSV);
  const bad = await xlsxFromCsv('feil', BAD_CSV);
  const path = `/api/commission/documents/${hmnDoc.id}/requirements/import`;
  const xlsx = readFileSync(good).toString('base64');

  const preview = await as['hmn.isl'].post(path, { xlsx, dry_run: true });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.source, 'xlsx');
  assert.deepEqual(preview.body.errors, []);
  assert.deepEqual(preview.body.requirements.map((r) => [r.line, r.chapter, r.number]), [[2, '7.1', '101'], [3, '7.1', null], [4, '7.2', '102']]);
  assert.deepEqual(preview.body.warnings.map((w) => [w.line, w.field]), [[3, 'Nummer']]);
  assert.equal((await commissionDocument(as['hmn.isl'], hmnDoc.id)).requirements.length, 0, 'a preview writes nothing');

  const done = await as['hmn.isl'].post(path, { xlsx: `data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,${xlsx}` });
  assert.equal(done.status, 201, JSON.stringify(done.body));
  assert.equal(done.body.summary.requirements_created, 3);
  const now = await commissionDocument(as['hmn.isl'], hmnDoc.id);
  const r101 = now.requirements.find((r) => r.number === '101');
  assert.equal(r101.text, 'Gjennomføre en phishing-øvelse for alle ansatte.');
  assert.deepEqual(r101.reporting_points, ['T1', 'ANNUAL']);
  assert.deepEqual(r101.deadlines.map((d) => d.due_date), ['2031-04-03']);
  assert.ok(now.requirements.some((r) => r.number === null && r.text.includes('«også»')));

  const refused = await as['hmn.isl'].post(path, { xlsx: readFileSync(bad).toString('base64') });
  assertProblem(refused, 400, { field: 'Rapportering' });
  assert.match(refused.body.detail, /^Rad 3: Ukjent rapportering «hver måned»/);
  assert.equal((await commissionDocument(as['hmn.isl'], hmnDoc.id)).requirements.length, 3, 'row 2 was fine, yet nothing was written');

  // The CLI says the same, with the file and the row.
  const r = cli(['import', 'requirements', bad, '--org', 'HMN', '--year', '2031', '--db', srv.db]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /feil\.xlsx:3: error \(Rapportering\): Ukjent rapportering «hver måned»/);
  assert.match(r.stderr, /nothing was imported/);
});

test('a file that is not an .xlsx, bad base64 or both fields at once are refused naming the field', async () => {
  const path = `/api/commission/documents/${hmnDoc.id}/requirements/import`;
  const notXlsx = await as['hmn.isl'].post(path, { xlsx: Buffer.from(GOOD_CSV).toString('base64'), dry_run: true });
  assert.equal(notXlsx.status, 200);
  assert.match(notXlsx.body.errors[0].message, /kan ikke leses som Excel-ark.*not a zip archive/);
  assertProblem(await as['hmn.isl'].post(path, { xlsx: 'ikke base64!', dry_run: true }), 400, { field: 'xlsx' });
  assertProblem(await as['hmn.isl'].post(path, { xlsx: 'UEs=', csv: GOOD_CSV }), 400, { field: 'xlsx' });
  assertProblem(await as['hmn.isl'].post(path, { dry_run: true }), 400, { field: 'csv' });
});

test('the region\'s matrix downloads as .xlsx that LibreOffice opens, with every trust, requirement and status', async () => {
  const res = await download(as['hn.isl'], `/api/periods/${hnT1.id}/matrix.xlsx`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /oversikt-HN-2026-T1\.xlsx/);
  const file = join(work, 'oversikt.xlsx');
  writeFileSync(file, res.bytes);
  const text = (await pdfTextOf(file)).replace(/\s+/g, ' ');
  const matrix = (await as['hn.isl'].get(`/api/periods/${hnT1.id}/matrix`)).body;
  assert.ok(text.includes('Oversikt over rapporteringen'), 'the title');
  for (const t of matrix.trusts) assert.ok(text.includes(t.code), `trust ${t.code} is not in the PDF`);
  for (const r of matrix.rows) assert.ok(new RegExp(`(^| )${r.number} `).test(text), `requirement ${r.number} is not in the PDF`);
  assert.ok(/Oppnådd \(godkjent\)/.test(text), 'an approved entry reads "Oppnådd (godkjent)"');
  assert.ok(/Gjelder ikke/.test(text), 'a requirement for HNIKT alone does not apply to the others');
  assert.ok(/Mangler/.test(text), 'what is missing');

  assertProblem(await as['unn.isl'].get(`/api/periods/${hnT1.id}/matrix.xlsx`), 404, { context: 'a trust does not get the region\'s matrix' });
  assertProblem(await as['hmn.isl'].get(`/api/periods/${hnT1.id}/matrix.xlsx`), 404, { context: 'another region does not see it' });
});

test('`varde report matrix` writes the same overview, and names what it cannot find', () => {
  const out = join(work, 'cli-oversikt.xlsx');
  const r = cli(['report', 'matrix', '--org', 'HN', '--year', '2026', '--period', 'T1', '--format', 'xlsx', '--out', out, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Wrote the overview of HN for 1\. tertial 2026 to .*: \d+ requirement\(s\) × \d+ trust\(s\)/);
  assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
  const md = join(work, 'cli-oversikt.md');
  assert.equal(cli(['report', 'matrix', '--org', 'HN', '--year', '2026', '--period', 'T1', '--format', 'md', '--out', md, '--db', srv.db]).status, 0);
  assert.match(readFileSync(md, 'utf8'), /\| Kapittel \| Krav \| Tekst \| FIN \|/);
  const none = cli(['report', 'matrix', '--org', 'HN', '--year', '1999', '--period', 'T1', '--out', out, '--db', srv.db]);
  assert.notEqual(none.status, 0);
  assert.match(none.stderr, /HN has no period T1 1999/);
  const trust = cli(['report', 'matrix', '--org', 'UNN', '--year', '2026', '--period', 'T1', '--out', out, '--db', srv.db]);
  assert.notEqual(trust.status, 0);
  assert.match(trust.stderr, /UNN is a trust/);
});

test('the server says what is overdue: open past its due date, missing or still a draft; nothing once closed', async () => {
  const hmn = orgs.get('HMN').id;
  const late = await as['hmn.isl'].post(`/api/orgs/${hmn}/periods`, { year: 2031, kind: 'T1', due_on: '2024-05-15' });
  const early = await as['hmn.isl'].post(`/api/orgs/${hmn}/periods`, { year: 2031, kind: 'T2', due_on: '2090-09-15' });
  assert.equal(late.status, 201);
  assert.equal(early.status, 201);
  const trusts = (await as['hmn.isl'].get(`/api/periods/${late.body.id}/matrix`)).body.trusts;
  const stolav = trusts[0];
  const doc = await commissionDocument(as['hmn.isl'], hmnDoc.id);
  const r101 = doc.requirements.find((r) => r.number === '101');
  // The trust's leader-to-be writes a draft for one requirement, as hmn.isl (manage includes contribute).
  const saved = await as['hmn.isl'].request('PUT', `/api/orgs/${stolav.id}/reports/${late.body.id}/${r101.id}`, { achievement: 'partly', text: 'Øvelsen er planlagt.' });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));

  let m = (await as['hmn.isl'].get(`/api/periods/${late.body.id}/matrix`)).body;
  assert.equal(m.past_due, true);
  const cells = m.rows.flatMap((r) => r.cells.map((c) => ({ ...c, number: r.number })));
  const applying = cells.filter((c) => c.applies);
  assert.ok(applying.length > 1);
  assert.ok(applying.every((c) => c.overdue), 'every applying cell is overdue: missing, or the one draft');
  assert.equal(m.overdue, applying.length);
  assert.equal(cells.find((c) => c.number === '101' && c.org_id === stolav.id).state, 'draft');
  assert.deepEqual(m.achievement_scale.map((l) => l.code), ['achieved', 'partly', 'not_achieved', 'not_started', 'not_relevant']);

  // The exports say it in words.
  const md = join(work, 'forsinket.md');
  const r = cli(['report', 'matrix', '--org', 'HMN', '--year', '2031', '--period', 'T1', '--format', 'md', '--out', md, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(md, 'utf8');
  assert.match(text, /Mangler – forsinket/);
  assert.match(text, /Delvis oppnådd \(utkast\) – forsinket/);
  assert.match(text, /Fristen er passert/);

  const future = (await as['hmn.isl'].get(`/api/periods/${early.body.id}/matrix`)).body;
  assert.equal(future.past_due, false);
  assert.equal(future.overdue, 0);
  assert.ok(future.rows.flatMap((r) => r.cells).every((c) => c.overdue === false));

  const closed = await as['hmn.isl'].post(`/api/periods/${late.body.id}/close`, {});
  assert.equal(closed.status, 200);
  m = (await as['hmn.isl'].get(`/api/periods/${late.body.id}/matrix`)).body;
  assert.equal(m.past_due, false, 'a closed period is no longer chased');
  assert.equal(m.overdue, 0);
});
