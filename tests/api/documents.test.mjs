// The register of governing documents as its users meet it: the region's
// documents are read by the trusts below it; a reader without clearance
// sees the register row of a Fortrolig document but not its content, until
// an administrator clears the grant; a draft is edited, sent for approval
// and approved by a leader (who and when are recorded), and an approved
// version never changes; reviews due and overdue show on the owner's list.
// Bad input answers 4xx problem+json naming the field, and changes nothing.
//
// Demo data (src/demo/documents_demo.cpp): Helse Nord's HN 01 (overarching,
// Åpen, approved, links to HN 04 and HN 07), HN 04 (Intern, review overdue),
// HN 07 (Fortrolig, exempt from public access), all owned by hn.isl; UNN's
// UNN 12 (routine, for approval, owned by unn.isl).
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startServer, cli } from '../lib/server.mjs';
import { loginAs, orgsByCode, etag, assertProblem, auditEvents } from '../lib/api.mjs';

let srv;
const as = {};
let orgs;
const byCode = {};

const id = (code) => orgs.get(code).id;
async function list(client, query = '') {
  const r = await client.get(`/api/governing-documents?limit=500${query ? `&${query}` : ''}`);
  assert.equal(r.status, 200, `GET /api/governing-documents?${query} as ${client.username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items;
}
const codes = (items) => items.map((d) => d.code).sort();

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'hn.isl', 'unn.isl', 'unn.leser', 'unn.leder', 'unn.medarbeider', 'hmn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as.admin);
  for (const d of await list(as.admin)) byCode[d.code] = d;
  for (const c of ['HN 01', 'HN 04', 'HN 07', 'UNN 12']) assert.ok(byCode[c], `demo data has no ${c}`);
});
after(async () => { await srv?.stop(); });

test('a trust reads the region\'s documents and its own; another region sees none of them', async () => {
  assert.deepEqual(codes(await list(as['unn.leser'])), ['HN 01', 'HN 04', 'HN 07', 'UNN 12']);
  assert.deepEqual(codes(await list(as['hmn.isl'])), []);
  const r = await as['hmn.isl'].get(`/api/governing-documents/${byCode['HN 01'].id}`);
  assertProblem(r, 404);
  // Filters, in SQL: by organisation, type, status, classification, text.
  assert.deepEqual(codes(await list(as['unn.leser'], `org_id=${id('UNN')}`)), ['UNN 12']);
  assert.deepEqual(codes(await list(as['unn.leser'], 'type=overarching')), ['HN 01']);
  assert.deepEqual(codes(await list(as['unn.leser'], 'status=for_approval')), ['UNN 12']);
  assert.deepEqual(codes(await list(as['unn.leser'], 'classification=confidential')), ['HN 07']);
  assert.deepEqual(codes(await list(as['unn.leser'], 'q=tilgangsstyring')), ['HN 07']);
  assertProblem(await as['unn.leser'].get('/api/governing-documents?type=policy'), 400, { field: 'type' });
  assertProblem(await as['unn.leser'].get('/api/governing-documents?sort=owner'), 400, { field: 'sort' });
});

test('the register row of a Fortrolig document shows, its content does not, until the grant is cleared', async () => {
  const hn07 = byCode['HN 07'];
  const row = (await list(as['unn.leser'])).find((d) => d.code === 'HN 07');
  assert.equal(row.classification, 'confidential');
  assert.equal(row.exemption, 'Unntatt offentlighet, offl. § 24 tredje ledd');
  assert.equal(row.title, 'Tilgangsstyring og logganalyse i kliniske systemer');

  const reader = await as['unn.leser'].get(`/api/governing-documents/${hn07.id}`);
  assert.equal(reader.status, 200);
  assert.equal(reader.body.content_visible, false);
  assert.equal(reader.body.clearance, 'internal');
  assert.equal(reader.body.sections, undefined, 'a reader without clearance got the sections');
  assert.ok(!JSON.stringify(reader.body).includes('Loggene fra journalsystemet'), 'content leaked into the document answer');
  assertProblem(await as['unn.leser'].get(`/api/governing-documents/${hn07.id}/versions/1`), 403);

  // The leader is cleared for Fortrolig by role.
  const leader = await as['unn.leder'].get(`/api/governing-documents/${hn07.id}`);
  assert.equal(leader.body.content_visible, true);
  assert.match(leader.body.sections[1].body, /^Loggene fra journalsystemet/);

  // An administrator clears unn.leser's grant; the content shows; clearing it again hides it.
  const session = (await as['unn.leser'].get('/api/session')).body;
  const grant = session.grants.find((g) => g.role === 'reader');
  assertProblem(await as['unn.isl'].request('PUT', `/api/grants/${grant.id}/clearance`, { clearance: 'confidential' }), 403);
  assertProblem(await as.admin.request('PUT', `/api/grants/${grant.id}/clearance`, { clearance: 'secret' }), 400, { field: 'clearance' });
  const set = await as.admin.request('PUT', `/api/grants/${grant.id}/clearance`, { clearance: 'confidential' });
  assert.equal(set.status, 200);
  assert.equal(set.body.effective, 'confidential');
  const cleared = await as['unn.leser'].get(`/api/governing-documents/${hn07.id}/versions/1`);
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.sections.length, 2);
  const events = await auditEvents(as.admin, `entity=grant&entity_id=${grant.id}`);
  assert.ok(events.some((e) => e.action === 'grant.clearance'), 'setting the clearance was not audited');
  const reset = await as.admin.request('PUT', `/api/grants/${grant.id}/clearance`, { clearance: null });
  assert.equal(reset.body.effective, 'internal');
  assert.equal((await as['unn.leser'].get(`/api/governing-documents/${hn07.id}`)).body.content_visible, false);
});

test('links between documents are found in the text and resolved in the region', async () => {
  const r = await as['unn.leser'].get(`/api/governing-documents/${byCode['HN 01'].id}`);
  assert.equal(r.body.content_visible, true);
  assert.deepEqual(r.body.sections.map((s) => s.heading),
    ['Definisjoner', 'Formål og omfang', 'Målgruppe', 'Roller og ansvar', 'Mål', 'Strategi og prinsipper']);
  assert.deepEqual(r.body.links.map((l) => [l.code, l.document_id]), [['HN 04', byCode['HN 04'].id], ['HN 07', byCode['HN 07'].id]]);
});

test('a draft is edited, sent for approval and approved by a leader; the approved version never changes', async () => {
  const made = await as['unn.isl'].post('/api/governing-documents', {
    org_id: id('UNN'), code: 'unn 20', title: 'Rutine for tilgangskontroll', type: 'routine', approver: 'Klinikksjef',
    classification: 'internal', review_interval_months: 6,
    sections: [{ heading: 'Formål', body: 'Første utkast.' }],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.code, 'UNN 20');
  assert.equal(made.body.status, 'draft');
  const docId = made.body.id;
  const path = `/api/governing-documents/${docId}/versions/1`;
  let v = (await as['unn.isl'].get(path)).body;
  // Editing: a stale version is refused with the current one; a blank heading names the field.
  const edited = await as['unn.isl'].request('PUT', path, { sections: [{ heading: 'Formål', body: 'Andre utkast med **uthevet** tekst.' }, { heading: 'Ansvar', body: '- Leder\n- Systemeier' }] }, { 'if-match': etag(v.version) });
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
  const stale = await as['unn.isl'].request('PUT', path, { sections: [{ heading: 'Formål', body: 'Gammel' }] }, { 'if-match': etag(v.version) });
  assertProblem(stale, 412);
  assert.equal(stale.body.current.sections[0].body, 'Andre utkast med **uthevet** tekst.');
  v = edited.body;
  assertProblem(await as['unn.isl'].request('PUT', path, { sections: [{ heading: ' ', body: 'x' }] }, { 'if-match': etag(v.version) }), 400, { field: 'sections[0].heading' });

  // Submitting; the security officer may not approve, the reader may not submit, the leader approves.
  assertProblem(await as['unn.leser'].post(`${path}/submit`, {}), 403);
  assertProblem(await as['unn.leder'].post(`${path}/approve`, {}), 409); // a draft is not approved
  assert.equal((await as['unn.isl'].post(`${path}/submit`, {})).body.status, 'for_approval');
  assertProblem(await as['unn.isl'].post(`${path}/approve`, {}), 403);
  const approved = await as['unn.leder'].post(`${path}/approve`, {});
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  assert.equal(approved.body.approved_by, 'unn.leder');
  assert.match(approved.body.approved_at, /^\d{4}-\d\d-\d\dT/);
  const doc = (await as['unn.leser'].get(`/api/governing-documents/${docId}`)).body;
  assert.equal(doc.approved_number, 1);
  assert.equal(doc.approved_on, approved.body.approved_at.slice(0, 10));
  // The next review is six months after the approval.
  const due = new Date(`${doc.approved_on}T12:00:00Z`);
  due.setUTCMonth(due.getUTCMonth() + 6);
  assert.equal(doc.next_review_on.slice(0, 7), due.toISOString().slice(0, 7));

  // An approved version never changes.
  const frozen = await as['unn.isl'].request('PUT', path, { sections: [{ heading: 'Formål', body: 'Endret i ettertid' }] }, { 'if-match': etag(approved.body.version) });
  assertProblem(frozen, 409);
  assertProblem(await as['unn.isl'].post(`${path}/submit`, {}), 409);
  assert.equal((await as['unn.leser'].get(path)).body.sections[0].body, 'Andre utkast med **uthevet** tekst.');

  // A new version starts as a copy; only one open version at a time.
  const v2 = await as['unn.isl'].post(`/api/governing-documents/${docId}/versions`, { change_note: 'Årlig revisjon' });
  assert.equal(v2.status, 201);
  assert.equal(v2.body.number, 2);
  assert.equal(v2.body.sections.length, 2);
  assertProblem(await as['unn.isl'].post(`/api/governing-documents/${docId}/versions`, {}), 409);
  const after = (await as['unn.leser'].get(`/api/governing-documents/${docId}`)).body;
  assert.equal(after.status, 'draft');
  assert.equal(after.approved_number, 1, 'version 1 stays in force while version 2 is a draft');
  assert.equal(after.shown_number, 1);
  const actions = (await auditEvents(as.admin, `entity=governing_document&entity_id=${docId}`)).map((e) => e.action);
  for (const a of ['document.create', 'document.version.edit', 'document.version.submit', 'document.version.approve', 'document.version.create'])
    assert.ok(actions.includes(a), `${a} not audited: ${actions.join(', ')}`);
});

test('bad input names the field and creates nothing', async () => {
  const base = { org_id: id('UNN'), code: 'UNN 30', title: 'Prøve', type: 'routine' };
  assertProblem(await as['unn.isl'].post('/api/governing-documents', { ...base, code: '30' }), 400, { field: 'code' });
  assertProblem(await as['unn.isl'].post('/api/governing-documents', { ...base, type: 'policy' }), 400, { field: 'type' });
  assertProblem(await as['unn.isl'].post('/api/governing-documents', { ...base, next_review_on: '2027-02-30' }), 400, { field: 'next_review_on' });
  assertProblem(await as['unn.isl'].post('/api/governing-documents', { ...base, code: 'UNN 12' }), 409, { field: 'code' });
  assertProblem(await as['unn.isl'].post('/api/governing-documents', { ...base, org_id: id('NLSH') }), 404);
  assert.deepEqual(codes(await list(as['unn.isl'], 'q=prøve')), []);
});

test('reviews due soon and overdue show on the owner\'s list', async () => {
  const overdue = await list(as['hn.isl'], 'mine=true&review=overdue');
  assert.deepEqual(codes(overdue), ['HN 04']);
  assert.equal(overdue[0].review, 'overdue');
  assert.deepEqual(codes(await list(as['unn.isl'], 'mine=true&review=overdue')), []);
  // Bring HN 01's review within a fortnight: it is due soon.
  const hn01 = (await as['hn.isl'].get(`/api/governing-documents/${byCode['HN 01'].id}`)).body;
  const soon = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
  const r = await as['hn.isl'].request('PATCH', `/api/governing-documents/${hn01.id}`, { next_review_on: soon }, { 'if-match': etag(hn01.version) });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.review, 'due_soon');
  assert.deepEqual(codes(await list(as['hn.isl'], 'mine=true&review=due_soon')), ['HN 01']);
});

test('the owner\'s calendar feed has the review dates of the documents in force they own', async () => {
  const made = await as['hn.isl'].post('/api/me/calendar-feed', {});
  assert.equal(made.status, 201);
  const feed = await fetch(srv.url + made.body.path);
  assert.equal(feed.status, 200);
  const ics = (await feed.text()).replace(/\r\n /g, '');
  const hn04 = byCode['HN 04'];
  assert.ok(ics.includes(`UID:document-review-${hn04.id}@varde`), 'no review event for HN 04');
  assert.ok(ics.includes(`DTSTART;VALUE=DATE:${hn04.next_review_on.replaceAll('-', '')}`), 'HN 04\'s review date is not in the feed');
  assert.match(ics, /SUMMARY:Revisjon av HN 04 Organisering av arbeidet/);
  // unn.isl owns UNN 12, which is not in force yet: no review in its feed.
  const other = await as['unn.isl'].post('/api/me/calendar-feed', {});
  const theirs = await (await fetch(srv.url + other.body.path)).text();
  assert.ok(!theirs.includes('document-review-'), 'a document not in force has a review in the feed');
});

test('the seed\'s first part is previewed and taken in through the API; a text with errors writes nothing', async () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const text = readFileSync(resolve(root, '..', 'shared', 'seeds', 'maal-strategi-og-handlingsplan.txt'), 'utf8');
  const path = `/api/orgs/${id('UNN')}/imports/governing-document`;
  const preview = await as['unn.isl'].post(path, { text, dry_run: true });
  assert.equal(preview.status, 200, JSON.stringify(preview.body).slice(0, 300));
  assert.deepEqual(preview.body.sections.map((s) => [s.line, s.heading.split(' ')[0]]),
    [[1, 'Definisjoner'], [33, 'Formål'], [47, 'Målgruppe'], [60, 'Roller'], [92, 'Mål'], [138, 'Strategi']]);
  assert.deepEqual(preview.body.definitions.map((d) => d.term), ['Styringssystem', 'Informasjonssikkerhet', 'Personvern', 'HMN', 'Kultur']);
  assert.equal(preview.body.next_part_line, 225);
  assert.deepEqual(preview.body.warnings.map((w) => [w.line, w.field]), [[1, 'code'], [1, 'title']]);
  assert.deepEqual(codes(await list(as['unn.isl'], `org_id=${id('UNN')}&q=NO%2001`)), [], 'the preview wrote something');

  const bad = await as['unn.isl'].post(path, { text: 'Bare et brev uten avsnitt.\n', dry_run: false });
  assertProblem(bad, 400, { field: 'sections' });
  assert.equal(bad.body.import.errors[0].field, 'sections');
  assertProblem(await as['unn.leser'].post(path, { text, dry_run: true }), 403);

  const made = await as['unn.isl'].post(path, { text, code: 'UNN 01', title: 'Mål og strategi for UNN' });
  assert.equal(made.status, 201, JSON.stringify(made.body).slice(0, 300));
  const doc = (await as['unn.leser'].get(`/api/governing-documents/${made.body.id}`)).body;
  assert.equal(doc.code, 'UNN 01');
  assert.equal(doc.sections.length, 6);
  assert.match(doc.sections[0].body, /^\| Begreper \| Forklaring \|/);
});

test('Strengt fortrolig is no role\'s default: a security officer neither reads nor reclassifies it', async () => {
  const made = await as.admin.post('/api/governing-documents', {
    org_id: id('UNN'), code: 'UNN 40', title: 'Beredskapsplan for IKT', type: 'procedure', classification: 'strictly_confidential',
    sections: [{ heading: 'Varslingsliste', body: 'Navn og numre.' }],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  // The admin who made it is not cleared either: Fortrolig is the highest default.
  assert.equal((await as.admin.get(`/api/governing-documents/${made.body.id}`)).body.content_visible, false);
  const isl = await as['unn.isl'].get(`/api/governing-documents/${made.body.id}`);
  assert.equal(isl.body.content_visible, false);
  assert.equal(isl.body.clearance, 'confidential');
  const patch = await as['unn.isl'].request('PATCH', `/api/governing-documents/${made.body.id}`, { classification: 'open' }, { 'if-match': etag(isl.body.version) });
  assertProblem(patch, 403);
  assertProblem(await as['unn.isl'].post(`/api/governing-documents/${made.body.id}/versions/1/submit`, {}), 403);
  assertProblem(await as['unn.isl'].get(`/api/governing-documents/${made.body.id}/export?format=md`), 403);
  assert.equal((await as['unn.isl'].get(`/api/governing-documents/${made.body.id}`)).body.classification, 'strictly_confidential');
});

test('an administrator sets a clearance from the command line', async () => {
  const hn07 = byCode['HN 07'];
  const set = cli(['user', 'clearance', 'unn.leser', '--org', 'UNN', '--role', 'reader', '--level', 'confidential', '--db', srv.db]);
  assert.equal(set.status, 0, set.stderr);
  assert.match(set.stdout, /unn\.leser \(reader at UNN\) is cleared for Fortrolig/);
  assert.equal((await as['unn.leser'].get(`/api/governing-documents/${hn07.id}`)).body.content_visible, true);
  const wrong = cli(['user', 'clearance', 'unn.leser', '--org', 'UNN', '--role', 'leader', '--level', 'open', '--db', srv.db]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /unn\.leser has no leader role at UNN/);
  const back = cli(['user', 'clearance', 'unn.leser', '--org', 'UNN', '--role', 'reader', '--level', 'default', '--db', srv.db]);
  assert.equal(back.status, 0, back.stderr);
  assert.equal((await as['unn.leser'].get(`/api/governing-documents/${hn07.id}`)).body.content_visible, false);
});
