// The region's download of every trust's report for a period in one file,
// one chapter per trust: what a region's security officer sends on after a
// tertial. Helse Nord's demo 2025 1st tertial has entries from several
// trusts; every trust of the region has its chapter, and every entry text
// the trusts' reports show is in the file — in the .docx as LibreOffice prints it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, orgsByCode, periodOf } from '../lib/api.mjs';
import { pdfTextOf } from '../lib/office.mjs';

const work = mkdtempSync(join(tmpdir(), 'varde-region-report-'));
let srv;
let isl;
let period;
let matrix;

before(async () => {
  srv = await startServer();
  isl = await loginAs(srv, 'hn.isl');
  const orgs = await orgsByCode(isl);
  period = await periodOf(isl, orgs.get('HN').id, 2025, 'T1');
  const m = await isl.get(`/api/periods/${period.id}/matrix`);
  assert.equal(m.status, 200);
  matrix = m.body;
});

after(async () => {
  await srv?.stop();
  rmSync(work, { recursive: true, force: true });
});

// Every entry text of the period, by trust code, as each trust's report shows them.
async function textsByTrust() {
  const out = new Map();
  for (const t of matrix.trusts) {
    const r = await isl.get(`/api/orgs/${t.id}/reports/${period.id}`);
    assert.equal(r.status, 200);
    out.set(t.code, r.body.items.map((i) => i.entry?.text).filter(Boolean));
  }
  return out;
}

const squash = (s) => s.replace(/\s+/g, ' ');

test('the .docx holds a chapter for every trust of the region with each of its entry texts', async () => {
  const texts = await textsByTrust();
  assert.ok(matrix.trusts.length >= 4, `HN has ${matrix.trusts.length} trusts`);
  assert.ok([...texts.values()].filter((t) => t.length).length >= 3, 'several trusts have written entries');
  const res = await fetch(`${srv.url}/api/periods/${period.id}/reports/export?format=docx`, { headers: { cookie: isl.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /rapport-HN-2025-T1-alle-foretak\.docx/);
  const file = join(work, 'alle.docx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const pdf = squash(await pdfTextOf(file));
  assert.ok(pdf.includes('Krav i oppdragsdokument 2025 – alle foretak'), pdf.slice(0, 300));
  let at = -1;
  for (const t of matrix.trusts) {
    // Chapters come in the order of the trusts' codes.
    const heading = pdf.indexOf(`${t.code} ${t.name}`, at + 1);
    assert.ok(heading > at, `no chapter "${t.code} ${t.name}" after the one before it`);
    at = heading;
    for (const text of texts.get(t.code)) assert.ok(pdf.includes(squash(text)), `${t.code}'s "${text}" is not in the PDF`);
  }
});

test('the .xlsx and .md hold the same; a trust cannot download the region\'s file; a bad format names the field', async () => {
  const texts = await textsByTrust();
  const md = await isl.get(`/api/periods/${period.id}/reports/export?format=md`);
  assert.equal(md.status, 200);
  for (const t of matrix.trusts) {
    assert.ok(md.body.includes(`${t.code} ${t.name}`), `no chapter for ${t.code} in the .md`);
    for (const text of texts.get(t.code)) assert.ok(squash(md.body).includes(squash(text)), `${t.code}'s "${text}" is not in the .md`);
  }
  const xlsx = await fetch(`${srv.url}/api/periods/${period.id}/reports/export?format=xlsx`, { headers: { cookie: isl.cookie } });
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml\.sheet/);
  const file = join(work, 'alle.xlsx');
  writeFileSync(file, Buffer.from(await xlsx.arrayBuffer()));
  const sheet = squash(await pdfTextOf(file));
  for (const t of matrix.trusts) assert.ok(sheet.includes(`${t.code} ${t.name}`), `no chapter for ${t.code} in the .xlsx`);

  const trust = await loginAs(srv, 'unn.isl');
  const hidden = await trust.get(`/api/periods/${period.id}/reports/export?format=md`);
  assert.equal(hidden.status, 404, `a trust's officer: ${hidden.status}`);
  const bad = await isl.get(`/api/periods/${period.id}/reports/export?format=pdf`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'format');
});

test('varde report tertial --all-trusts writes the same document', async () => {
  const out = join(work, 'cli.md');
  const r = cli(['report', 'tertial', '--org', 'HN', '--all-trusts', '--year', '2025', '--period', 'T1', '--format', 'md',
    '--out', out, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`Wrote the reports of ${matrix.trusts.length} trust\\(s\\) of HN`));
  const md = readFileSync(out, 'utf8');
  for (const [code, list] of await textsByTrust()) for (const text of list) assert.ok(squash(md).includes(squash(text)), `${code}: ${text}`);
  const wrong = cli(['report', 'tertial', '--org', 'UNN', '--all-trusts', '--year', '2025', '--period', 'T1', '--out', out, '--db', srv.db]);
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /UNN is a trust/);
});
