// Action plans against a real server: the seed's "Regional handlingsplan"
// (../shared/seeds, read where it is) is taken in as Helse Midt-Norge RHF's
// plan; its measures are followed up by the region and by a trust it names
// responsible; the overviews count them; the yearly revision carries the
// unfinished ones over; the plan goes out as .md/.html/.docx/.xlsx and CSV,
// opens in LibreOffice, and reads back as the same measures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, orgsByCode, assertProblem, assertList, etag } from '../lib/api.mjs';
import { pdfTextOf } from '../lib/office.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = resolve(root, '..', 'shared', 'seeds', 'maal-strategi-og-handlingsplan.txt');
const TITLE = 'Regional handlingsplan for informasjonssikkerhet og personvern';
const work = mkdtempSync(join(tmpdir(), 'varde-actions-'));

let srv;
let orgs;
let hmn;   // hmn.isl: security officer of the region
let sto;   // sto.isl: security officer of St. Olavs hospital HF
let plan;  // the imported plan as hmn.isl sees it
let seedLines;

// What `import plan --dry-run` reads from a file: one line per measure, without the file and line.
function dryRun(file, org = 'HMN') {
  const r = cli(['import', 'plan', file, '--org', org, '--dry-run', '--db', srv.db]);
  assert.equal(r.status, 0, `dry run of ${file} failed: ${r.stderr}`);
  return { out: r.stdout, err: r.stderr, measures: r.stdout.split('\n').filter((l) => /: measure in /.test(l)).map((l) => l.replace(/^.*?:\d+: /, '')) };
}

const byTitle = (p, start) => p.measures.find((m) => m.title.startsWith(start));

before(async () => {
  srv = await startServer();
  hmn = await loginAs(srv, 'hmn.isl');
  sto = await loginAs(srv, 'sto.isl');
  orgs = await orgsByCode(await loginAs(srv, 'admin'));
});

after(async () => {
  await srv?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('a dry run lists the plan, its 5 areas and 23 measures with line numbers, and writes nothing', async () => {
  const before = (await hmn.get('/api/action-plans')).body.total;
  const { out, measures } = dryRun(SEED);
  seedLines = measures;
  assert.match(out, new RegExp(`^Plan: ${TITLE} \\(2021–2022\\) for HMN, from line 225`, 'm'));
  // The governing document before the plan is read by the documents area's parser.
  assert.match(out, /^Governing document: NO 01 «Mål og strategi for informasjonssikkerhet og personvern», 6 section\(s\), 5 definition\(s\)$/m);
  assert.equal((out.match(/: area 3\.\d /g) || []).length, 5);
  assert.equal(measures.length, 23);
  assert.match(out, /maal-strategi-og-handlingsplan\.txt:290: measure in 3\.1 \[in_progress\] \(2021\) Etablere dokumentstruktur/);
  assert.match(out, /:759: measure in 3\.5 \[continuous\] \(Kontinuerlig\) Regional handlingsplan/);
  // Warnings name their line: a responsible party Varde does not know is kept as text.
  assert.match(out, /maal-strategi-og-handlingsplan\.txt:634: warning: «Helse Sør-Øst RHF» er ingen enhet i Varde/);
  assert.match(out, /Dry run: 5 area\(s\), 23 measure\(s\), \d+ warning\(s\); nothing written\./);
  assert.equal((await hmn.get('/api/action-plans')).body.total, before);
});

test('the seed is taken in as HMN\'s governing document and plan: areas and all 23 measures with their fields', async () => {
  const r = cli(['import', 'plan', SEED, '--org', 'HMN', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /5 area\(s\), 23 measure\(s\)/);
  assert.match(r.stdout, /Imported the governing document NO 01 «Mål og strategi for informasjonssikkerhet og personvern» for HMN as a draft \(6 sections\)/);
  const docs = await hmn.get('/api/governing-documents?limit=500');
  assert.equal(docs.status, 200);
  assert.ok(docs.body.items.some((d) => d.code === 'NO 01' && d.title === 'Mål og strategi for informasjonssikkerhet og personvern'), 'the governing document is in the register');
  const list = await hmn.get('/api/action-plans');
  assertList(list, 'GET /api/action-plans');
  const item = list.body.items.find((p) => p.title === TITLE);
  assert.ok(item, 'the plan is listed');
  assert.equal(item.org.code, 'HMN');
  assert.equal(item.period_text, '2021–2022');
  const res = await hmn.get(`/api/action-plans/${item.id}`);
  assert.equal(res.status, 200);
  plan = res.body;
  assert.equal(plan.whole_plan, true);
  assert.deepEqual(plan.areas.map((a) => a.code), ['3.1', '3.2', '3.3', '3.4', '3.5']);
  assert.equal(plan.measures.length, 23);
  assert.deepEqual(['3.1', '3.2', '3.3', '3.4', '3.5'].map((c) => plan.measures.filter((m) => m.area === c).length), [6, 4, 2, 4, 7]);
  const survey = byTitle(plan, 'Kartlegging av dagens situasjon');
  assert.match(survey.description, /^Kartlegge dagens situasjon og modenhet/);
  assert.match(survey.status_text, /Q4:2021 starte en revisjon/);
  assert.equal(survey.period.kind, 'years');
  assert.equal(survey.period.text, '2021- 2022');
  assert.equal(survey.effective_due, '2022-12-31');
  assert.equal(survey.responsible_text, 'Helse Midt-Norge RHF og de enkelte HF');
  assert.deepEqual(survey.responsible.map((x) => [x.org_code, x.each_trust]), [['HMN', false], [null, true]]);
  const wheel = byTitle(plan, 'Gjennomføring av bevisstgjøringstiltak');
  assert.equal(wheel.period.note, 'Årshjul skal videreføres og kontinuerlig oppdateres');
  const hemit = byTitle(plan, 'Sluttføre og lukke tekniske tiltak');
  assert.equal(hemit.responsible[0].org_code, 'HEMIT');
  const forum = byTitle(plan, 'Delta i samarbeidsforum');
  assert.equal(forum.period.kind, 'ongoing');
  assert.equal(forum.responsible[0].org_id, null);
  assert.equal(forum.responsible[0].text, 'Helse Sør-Øst RHF');
  assert.equal(byTitle(plan, 'Gjennomføre gap analyse').status.code, 'not_started');
  assert.equal(byTitle(plan, 'Opplæring for medarbeidere med fagansvar').status.label_nb, 'Kontinuerlig');
  // The seed's status text is the measure's first progress update.
  const m = await hmn.get(`/api/measures/${survey.id}`);
  assert.equal(m.status, 200);
  assert.equal(m.body.updates.length, 1);
  assert.equal(m.body.updates[0].comment, survey.status_text);
});

test('importing the same plan again is refused and writes nothing; text that is no plan is a 400', async () => {
  const again = await hmn.post(`/api/orgs/${orgs.get('HMN').id}/imports/action-plan`, { text: readFileSync(SEED, 'utf8') });
  assertProblem(again, 409, { field: 'title' });
  const bad = await hmn.post(`/api/orgs/${orgs.get('HMN').id}/imports/action-plan`, { text: 'Ingen plan her.\n\nBare tekst.' });
  assertProblem(bad, 400, { field: 'text' });
  assert.equal((await hmn.get('/api/action-plans')).body.items.filter((p) => p.org.code === 'HMN').length, 1);
  const preview = await hmn.post(`/api/orgs/${orgs.get('HMN').id}/imports/action-plan`, { text: readFileSync(SEED, 'utf8'), dry_run: true, title: 'Prøve' });
  assert.equal(preview.status, 200);
  assert.equal(preview.body.measures.length, 23);
  assert.equal(preview.body.title, 'Prøve');
  assert.ok(preview.body.warnings.every((w) => Number.isInteger(w.line) && w.line > 0));
});

test('a trust sees the regional measures it is responsible for, and only those; another region sees nothing', async () => {
  const res = await sto.get(`/api/action-plans/${plan.id}`);
  assert.equal(res.status, 200);
  assert.equal(res.body.whole_plan, false);
  const expected = plan.measures.filter((m) => m.responsible.some((r) => r.each_trust || r.org_code === 'STO')).map((m) => m.id);
  assert.equal(expected.length, 10);
  assert.deepEqual(res.body.measures.map((m) => m.id), expected);
  const list = await sto.get(`/api/measures?org_id=${orgs.get('STO').id}`);
  assertList(list, 'GET /api/measures');
  assert.equal(list.body.total, 10);
  const hidden = plan.measures.find((m) => !expected.includes(m.id));
  assertProblem(await sto.get(`/api/measures/${hidden.id}`), 404);
  const hn = await loginAs(srv, 'hn.isl');
  assertProblem(await hn.get(`/api/action-plans/${plan.id}`), 404);
  assert.equal((await hn.get('/api/action-plans')).body.items.filter((p) => p.id === plan.id).length, 0);
  assert.equal((await hn.get(`/api/measures?plan_id=${plan.id}`)).body.total, 0);
});

test('progress updates: a status change with a comment goes into the history; stale or incomplete ones are refused', async () => {
  const survey = byTitle(plan, 'Kartlegging av dagens situasjon');
  // The trust follows up a measure it answers for.
  const r = await sto.request('POST', `/api/measures/${survey.id}/updates`, { comment: 'St. Olavs har startet egen kartlegging.' }, { 'if-match': etag(survey.version) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status_text, 'St. Olavs har startet egen kartlegging.');
  const stale = await hmn.request('POST', `/api/measures/${survey.id}/updates`, { status: 'done', comment: 'Ferdig' }, { 'if-match': etag(survey.version) });
  assertProblem(stale, 412, { field: 'version' });
  assert.equal(stale.body.current.version, r.body.version);
  assertProblem(await hmn.post(`/api/measures/${survey.id}/updates`, { status: 'done' }), 428, { field: 'version' });
  assertProblem(await hmn.request('POST', `/api/measures/${survey.id}/updates`, { status: 'postponed' }, { 'if-match': etag(r.body.version) }), 400, { field: 'comment' });
  assertProblem(await hmn.request('POST', `/api/measures/${survey.id}/updates`, { status: 'nesten' }, { 'if-match': etag(r.body.version) }), 400, { field: 'status' });
  assertProblem(await hmn.request('POST', `/api/measures/${survey.id}/updates`, { bogus: 1 }, { 'if-match': etag(r.body.version) }), 400, { field: 'bogus' });
  const done = await hmn.request('POST', `/api/measures/${survey.id}/updates`, { status: 'done', comment: 'Kartleggingen er fullført i alle foretak.' }, { 'if-match': etag(r.body.version) });
  assert.equal(done.status, 201, JSON.stringify(done.body));
  assert.equal(done.body.status.code, 'done');
  const history = (await hmn.get(`/api/measures/${survey.id}`)).body.updates;
  assert.deepEqual(history.map((u) => [u.status_from, u.status_to]), [[null, 'in_progress'], [null, null], ['in_progress', 'done']]);
  assert.deepEqual(history.slice(1).map((u) => u.author), ['sto.isl', 'hmn.isl']);
  assert.equal(history.at(-1).at.slice(0, 10), new Date().toISOString().slice(0, 10));
  // An entry dated before the one it follows would reorder the history.
  const early = await hmn.request('POST', `/api/measures/${survey.id}/updates`, { comment: 'For sent skrevet', at: '2020-01-01' }, { 'if-match': etag(done.body.version) });
  assertProblem(early, 400, { field: 'at' });
  assert.equal(history.at(-1).comment, 'Kartleggingen er fullført i alle foretak.');
  const audit = await (await loginAs(srv, 'admin')).get(`/api/audit?entity=measure&entity_id=${survey.id}`);
  assert.ok(audit.body.items.some((e) => e.action === 'measure.status'), 'the status change is audited');
  // A reader of the trust may read the measure but not update it.
  const reader = await loginAs(srv, 'unn.leser');
  assertProblem(await reader.get(`/api/measures/${survey.id}`), 404);  // another region
});

test('the overview counts per area and per responsible organisation, with overdue and stale measures', async () => {
  const o = await hmn.get(`/api/action-plans/${plan.id}/overview?stale_days=30`);
  assert.equal(o.status, 200);
  assert.deepEqual(o.body.areas.map((a) => [a.key, a.total]), [['3.1', 6], ['3.2', 4], ['3.3', 2], ['3.4', 4], ['3.5', 7]]);
  assert.equal(o.body.all.total, 23);
  assert.equal(o.body.all.by_status.done, 1);
  // Today is long after 2022: every unfinished measure with a period that ended is overdue.
  const overdue = plan.measures.filter((m) => m.effective_due && !['closed', 'continuous'].includes(m.status.kind)).length - 1;
  assert.equal(o.body.all.overdue, overdue);
  const hmnRow = o.body.responsible.find((c) => c.key === 'HMN');
  assert.ok(hmnRow.total >= 15, JSON.stringify(hmnRow));
  assert.equal(o.body.responsible.find((c) => c.key === '*').total, 10);
  assert.ok(o.body.responsible.some((c) => c.key === 'Helse Sør-Øst RHF' && c.org_id === null));
  const forSto = await sto.get(`/api/action-plans/${plan.id}/overview`);
  assert.equal(forSto.body.all.total, 10);
  assertProblem(await hmn.get(`/api/action-plans/${plan.id}/overview?stale_days=abc`), 400, { field: 'stale_days' });
  const late = await hmn.get(`/api/measures?plan_id=${plan.id}&overdue=true`);
  assert.equal(late.body.total, overdue);
  assert.ok(late.body.items.every((m) => m.overdue === true));
});

test('the yearly revision carries unfinished measures over and shows what changed', async () => {
  const current = await hmn.get(`/api/action-plans/${plan.id}`);
  const rev = await hmn.request('POST', `/api/action-plans/${plan.id}/revise`, { period_text: '2022–2023' }, { 'if-match': etag(current.body.version) });
  assert.equal(rev.status, 201, JSON.stringify(rev.body));
  assert.equal(rev.body.revision, 2);
  const fresh = (await hmn.get(`/api/action-plans/${rev.body.id}`)).body;
  assert.equal(fresh.measures.length, 22);
  const old = (await hmn.get(`/api/action-plans/${plan.id}`)).body;
  assert.equal(old.superseded, true);
  assert.equal(old.measures.length, 23);
  const changes = await hmn.get(`/api/action-plans/${rev.body.id}/changes`);
  assert.equal(changes.status, 200);
  const finished = changes.body.measures.filter((m) => m.change === 'finished');
  assert.deepEqual(finished.map((m) => m.title), ['Kartlegging av dagens situasjon opp mot ISO 27001 og Normen']);
  assert.equal(changes.body.measures.filter((m) => m.change === 'carried').length, 22);
  assert.deepEqual(changes.body.plan_fields.map((f) => [f.field, f.before, f.after]), [['period', '2021–2022', '2022–2023']]);
  // The carried measures keep their history.
  const carried = byTitle(fresh, 'Gjennomføre gap analyse');
  assert.equal((await hmn.get(`/api/measures/${carried.id}`)).body.updates.length, 1);
  // The old revision takes no more changes.
  assertProblem(await hmn.post(`/api/action-plans/${plan.id}/measures`, { area: '3.1', title: 'For sent' }), 409);
  plan = fresh;
});

test('the plan goes out in the seed\'s layout as Markdown and HTML, and the Markdown reads back as the same measures', async () => {
  const md = await hmn.get(`/api/action-plans/${plan.id}/export?format=md`);
  assert.equal(md.status, 200);
  assert.match(md.headers.get('content-type'), /text\/markdown/);
  const order = ['# Regional handlingsplan', '## 1 Innledning', '### 3.1 Videreutvikling', '#### Etablere dokumentstruktur',
    '**Beskrivelse:** Etablere struktur', '**Status:** Forslag til referansemodell', '**Tidsperiode:** 2021', '**Ansvarlig:** Helse Midt-Norge RHF',
    '### 3.5 Andre tiltak', '## Vedlegg: Historikk'];
  let at = 0;
  for (const piece of order) {
    const i = md.body.indexOf(piece, at);
    assert.ok(i >= 0, `"${piece}" missing or out of order in the Markdown`);
    at = i;
  }
  const file = join(work, 'plan.md');
  writeFileSync(file, md.body);
  const back = dryRun(file, 'STO');
  const now = cli(['export', 'plan', '--org', 'HMN', '--format', 'md', '--out', join(work, 'cli.md'), '--db', srv.db]);
  assert.equal(now.status, 0, now.stderr);
  // The revision's 22 measures: the seed's lines without the finished one.
  assert.deepEqual(back.measures, seedLines.filter((l) => !l.includes('Kartlegging av dagens situasjon')));
  const html = await hmn.get(`/api/action-plans/${plan.id}/export?format=html`);
  assert.match(html.body, /<html lang="nb"/);
  assert.match(html.body, /Gjennomføre gap analyse mot NSM grunnprinsipper/);
  assertProblem(await hmn.get(`/api/action-plans/${plan.id}/export?format=pdf`), 400, { field: 'format' });
});

for (const format of ['docx', 'xlsx']) {
  test(`.${format} opens in LibreOffice with every measure${format === 'docx' ? ', and reads back as the same measures' : ''}`, async () => {
    const res = await fetch(`${srv.url}/api/action-plans/${plan.id}/export?format=${format}`, { headers: { cookie: hmn.cookie } });
    assert.equal(res.status, 200);
    const file = join(work, `plan.${format}`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const raw = await pdfTextOf(file);
    const text = raw.replace(/\s+/g, ' ');
    for (const m of plan.measures) assert.ok(text.includes(m.title.slice(0, 40)), `"${m.title}" is not in the PDF of the .${format}`);
    for (const piece of ['Beskrivelse:', 'Tidsperiode:', 'Ansvarlig:', 'Hvert enkelt foretak'])
      assert.ok(text.includes(piece), `"${piece}" is not in the PDF of the .${format}`);
    if (format === 'docx') {
      const txt = join(work, 'plan-fra-docx.txt');
      writeFileSync(txt, raw);
      // pdftotext joins a word broken at its own hyphen ("Midt-" / "Norge" → "MidtNorge"), so hyphens are compared away.
      const unhyphen = (lines) => lines.map((l) => l.replaceAll('-', ''));
      assert.deepEqual(unhyphen(dryRun(txt, 'STO').measures), unhyphen(seedLines.filter((l) => !l.includes('Kartlegging av dagens situasjon'))));
    }
  });
}

test('measures go out as CSV and .xlsx and come back in, with errors named by line and column', async () => {
  const csv = await hmn.get(`/api/action-plans/${plan.id}/measures.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.body, /^\uFEFF?Område;Tiltak;Beskrivelse;Fremdrift;Status;Tidsperiode;Ansvarlig;Ansvarlig person;Frist/);
  const own = await sto.post('/api/action-plans', { org_id: orgs.get('STO').id, title: 'Handlingsplan for St. Olavs hospital', period_text: '2023' });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  for (const code of ['3.1', '3.2', '3.3', '3.4', '3.5'])
    assert.equal((await sto.post(`/api/action-plans/${own.body.id}/areas`, { code, title: `Område ${code}` })).status, 201);
  const preview = await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { csv: csv.body, dry_run: true });
  assert.equal(preview.status, 200, JSON.stringify(preview.body).slice(0, 300));
  assert.equal(preview.body.measures.length, 22);
  const bad = await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { csv: 'Område;Tiltak;Fremdrift\n3.1;Et tiltak;Snart\n' });
  assertProblem(bad, 400, { field: 'csv' });
  assert.match(bad.body.detail, /^Linje 2: Fremdrift/);
  const done = await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { csv: csv.body });
  assert.equal(done.status, 201, JSON.stringify(done.body).slice(0, 300));
  assert.equal(done.body.created, 22);
  const mine = (await sto.get(`/api/action-plans/${own.body.id}`)).body;
  assert.deepEqual(mine.measures.map((m) => [m.title, m.status.code, m.period.text]), plan.measures.map((m) => [m.title, m.status.code, m.period.text]));
  // The same as .xlsx: out, and back in as the same rows.
  const xlsx = await fetch(`${srv.url}/api/action-plans/${plan.id}/measures.xlsx`, { headers: { cookie: hmn.cookie } });
  assert.equal(xlsx.status, 200);
  const b64 = Buffer.from(await xlsx.arrayBuffer()).toString('base64');
  const fromXlsx = await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { xlsx: b64, dry_run: true });
  assert.equal(fromXlsx.status, 200, JSON.stringify(fromXlsx.body).slice(0, 300));
  assert.deepEqual(fromXlsx.body.measures.map((m) => [m.title, m.status, m.period]), preview.body.measures.map((m) => [m.title, m.status, m.period]));
  assertProblem(await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { xlsx: '!!!', dry_run: true }), 400, { field: 'xlsx' });
  assertProblem(await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { xlsx: Buffer.from('ikke et regneark').toString('base64'), dry_run: true }), 400, { field: 'xlsx' });
  assertProblem(await sto.post(`/api/action-plans/${own.body.id}/measures/import`, { dry_run: true }), 400, { field: 'csv' });
  // The trust's own measures beside the regional ones it answers for.
  const list = await sto.get(`/api/measures?org_id=${orgs.get('STO').id}&limit=500`);
  assert.equal(list.body.total, 22 + 9);
});
