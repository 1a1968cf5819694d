// A governing document in and out: the first part of the seed
// (../shared/seeds/maal-strategi-og-handlingsplan.txt) is taken in with the
// CLI as Helse Midt-Norge RHF's "Mål og strategi", exported through the API
// and the CLI as .docx, .md and printable HTML; the .docx opens in
// LibreOffice with every section and definition in its text, and the .md
// reads back as the same sections. Content a caller may not read does not
// leave as a file either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, assertProblem } from '../lib/api.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = resolve(root, '..', 'shared', 'seeds', 'maal-strategi-og-handlingsplan.txt');
const work = mkdtempSync(join(tmpdir(), 'varde-docexport-'));
const HEADINGS = ['Definisjoner', 'Formål og omfang', 'Målgruppe', 'Roller og ansvar for informasjonssikkerhet og personvern',
  'Mål for informasjonssikkerhet og personvern', 'Strategi og prinsipper for informasjonssikkerhet og personvern'];

let srv;
let hmn;
let doc;

// The sections `import document --dry-run` reads from a file.
function sections(file) {
  const r = cli(['import', 'document', file, '--org', 'HMN', '--dry-run', '--db', srv.db]);
  assert.equal(r.status, 0, `dry run of ${file} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => / section /.test(l)).map((l) => l.replace(/^[^:]*:\d+: /, ''));
}

function pdfText(file) {
  const profile = join(work, `lo-${process.pid}`);
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'pipe', timeout: 120000 });
  const pdf = file.replace(/\.[a-z]+$/, '.pdf');
  assert.ok(existsSync(pdf), `LibreOffice made no PDF of ${file}`);
  const txt = pdf.replace(/\.pdf$/, '.txt');
  execFileSync('pdftotext', [pdf, txt]);
  return readFileSync(txt, 'utf8');
}

async function download(client, path, file) {
  const res = await fetch(srv.url + path, { headers: { cookie: client.cookie ?? '' } });
  assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  writeFileSync(file, buf);
  return { res, buf };
}

before(async () => {
  srv = await startServer();
  const dry = cli(['import', 'document', SEED, '--org', 'HMN', '--dry-run', '--db', srv.db]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /Dry run: 1 document with 6 section\(s\) and 5 definition\(s\) would be created/);
  assert.match(dry.stdout, /:225: another document starts here/);
  const r = cli(['import', 'document', SEED, '--org', 'HMN', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported NO 01 for HMN as a draft/);
});

after(async () => {
  await srv?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the imported document is in the region\'s register with its six sections', async () => {
  const isl = await loginAs(srv, 'hmn.isl');
  const list = await isl.get('/api/governing-documents?q=NO%2001');
  assert.equal(list.status, 200);
  doc = list.body.items.find((d) => d.code === 'NO 01');
  assert.ok(doc, `no NO 01: ${JSON.stringify(list.body)}`);
  hmn = doc.org;
  assert.equal(hmn.code, 'HMN');
  assert.equal(doc.type, 'overarching');
  assert.equal(doc.status, 'draft');
  const full = (await isl.get(`/api/governing-documents/${doc.id}`)).body;
  assert.deepEqual(full.sections.map((s) => s.heading), HEADINGS);
  // The footnote's link to NO 04 is found (there is no NO 04 in the register yet).
  assert.deepEqual(full.links, [{ code: 'NO 04', document_id: null, title: null }]);
  // A second import of the same file is refused and writes nothing.
  const again = cli(['import', 'document', SEED, '--org', 'HMN', '--db', srv.db]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /allerede et styrende dokument med koden «NO 01»/);
  assert.equal((await isl.get('/api/governing-documents?q=NO%2001')).body.total, 1);
});

test('the .docx opens in LibreOffice with every section and definition', async () => {
  const isl = await loginAs(srv, 'hmn.isl');
  const file = join(work, 'no01.docx');
  const { res } = await download(isl, `/api/governing-documents/${doc.id}/export?format=docx`, file);
  assert.match(res.headers.get('content-type'), /wordprocessingml/);
  assert.match(res.headers.get('content-disposition'), /NO-01-v1\.docx/);
  const text = pdfText(file).replace(/\s+/g, ' ');
  assert.ok(text.includes('Mål og strategi for informasjonssikkerhet og personvern'), 'no title');
  HEADINGS.forEach((h, i) => assert.ok(text.includes(`${i + 1} ${h}`), `no heading "${i + 1} ${h}"`));
  for (const term of ['Styringssystem', 'Informasjonssikkerhet', 'Personvern', 'HMN', 'Kultur']) assert.ok(text.includes(term), `no term ${term}`);
  assert.ok(text.includes('Overordnet styrende dokument'), 'no document type');
  assert.ok(text.includes('Ledelsen skal minst en gang i året gjennomgå virksomhetens aktiviteter'), 'no yearly review');
  assert.ok(!text.includes('Innledning'), 'the action plan leaked into the document');
});

test('the .md export reads back as the same sections; the HTML is printable', async () => {
  const isl = await loginAs(srv, 'hmn.isl');
  const md = join(work, 'no01.md');
  await download(isl, `/api/governing-documents/${doc.id}/export?format=md`, md);
  assert.deepEqual(sections(md), sections(SEED));
  const html = join(work, 'no01.html');
  const { buf } = await download(isl, `/api/governing-documents/${doc.id}/export?format=html`, html);
  const page = buf.toString('utf8');
  assert.match(page, /<h2[^>]*>1 Definisjoner<\/h2>/);
  assert.match(page, /<th[^>]*>Begreper<\/th>/);
  // The CLI writes the same Markdown.
  const cliMd = join(work, 'cli.md');
  const r = cli(['export', 'document', '--org', 'HMN', '--code', 'NO 01', '--format', 'md', '--out', cliMd, '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(sections(cliMd), sections(SEED));
});

test('a document the caller is not cleared for does not leave as a file', async () => {
  const reader = await loginAs(srv, 'unn.leser');
  const hn07 = (await reader.get('/api/governing-documents?q=HN%2007')).body.items[0];
  assert.equal(hn07.classification, 'confidential');
  assertProblem(await reader.get(`/api/governing-documents/${hn07.id}/export?format=md`), 403);
  assertProblem(await reader.get(`/api/governing-documents/${doc.id}/export?format=md`), 404);
  const isl = await loginAs(srv, 'hmn.isl');
  assertProblem(await isl.get(`/api/governing-documents/${doc.id}/export?format=pdf`), 400, { field: 'format' });
});
