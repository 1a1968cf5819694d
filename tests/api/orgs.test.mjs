// The organisation tree through the API: create, read, update, delete,
// paths, validation, optimistic concurrency, Norwegian text, paging, filters
// and what a region's security officer sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import {
  loginAs, allOrgs, orgsByCode, uniqCode, uniqUser, etag, assertProblem, assertList,
} from '../lib/api.mjs';

const HN_TRUSTS = ['UNN', 'NLSH', 'HSYK', 'FIN', 'SANO', 'HNIKT'];
const HMN_TRUSTS = ['STO', 'HMR', 'HNT', 'SIMN', 'HEMIT'];

let srv;
let admin;
let hnAdmin;
let orgs;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  hnAdmin = await loginAs(srv, 'hn.admin');
  orgs = await orgsByCode(admin);
});
after(async () => { await srv?.stop(); });

async function create(fields, client = hnAdmin) {
  const body = { code: uniqCode('ORG'), name: 'Testenhet', kind: 'unit', parent_id: orgs.get('UNN').id, ...fields };
  const res = await client.post('/api/orgs', body);
  assert.equal(res.status, 201, `POST /api/orgs ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function orgCount() {
  return (await admin.get('/api/orgs?limit=1')).body.total;
}

test('the demo tree: NO → HN, HMN → their trusts, with paths from the root', async () => {
  const no = orgs.get('NO');
  assert.equal(no.kind, 'nation');
  assert.equal(no.parent_id, null);
  assert.equal(no.path, `/${no.id}/`);
  for (const [region, trusts] of [['HN', HN_TRUSTS], ['HMN', HMN_TRUSTS]]) {
    const r = orgs.get(region);
    assert.equal(r.kind, 'region');
    assert.equal(r.parent_id, no.id);
    assert.equal(r.path, `${no.path}${r.id}/`);
    for (const code of trusts) {
      const t = orgs.get(code);
      assert.ok(t, `no ${code}`);
      assert.equal(t.kind, 'trust', code);
      assert.equal(t.parent_id, r.id, code);
      assert.equal(t.path, `${r.path}${t.id}/`, code);
    }
  }
});

test('create a child under UNN: 201, its path is the parent path + id + "/", and it is listed under parent_id', async () => {
  const unn = orgs.get('UNN');
  const code = uniqCode('BARN');
  const res = await hnAdmin.post('/api/orgs', { code, name: 'Klinikk for test', kind: 'division', parent_id: unn.id });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const o = res.body;
  for (const k of ['id', 'parent_id', 'code', 'name', 'kind', 'path', 'version', 'created_at', 'updated_at']) assert.ok(k in o, `org lacks ${k}`);
  assert.equal(o.code, code);
  assert.equal(o.name, 'Klinikk for test');
  assert.equal(o.kind, 'division');
  assert.equal(o.parent_id, unn.id);
  assert.equal(o.path, `${unn.path}${o.id}/`);
  assert.equal(o.version, 1);
  assert.ok(!Number.isNaN(Date.parse(o.created_at)), `created_at ${o.created_at}`);

  const list = await hnAdmin.get(`/api/orgs?parent_id=${unn.id}&limit=500`);
  assertList(list, 'GET /api/orgs?parent_id');
  assert.ok(list.body.items.some((x) => x.id === o.id), 'the new node is not listed under its parent');
  assert.ok(list.body.items.every((x) => x.parent_id === unn.id), 'parent_id filter lets other nodes through');

  const one = await hnAdmin.get(`/api/orgs/${o.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.body, o);
  assert.equal(one.headers.get('etag'), etag(1));

  // A grandchild continues the path.
  const gc = await create({ parent_id: o.id });
  assert.equal(gc.path, `${o.path}${gc.id}/`);
});

test('a duplicate code answers 409 naming "code", and creates nothing', async () => {
  const before = await orgCount();
  const res = await hnAdmin.post('/api/orgs', { code: 'UNN', name: 'Kopi', kind: 'unit', parent_id: orgs.get('UNN').id });
  assertProblem(res, 409, { field: 'code', context: 'duplicate code' });
  assert.equal(await orgCount(), before);
});

test('missing or empty fields answer 400 naming the field, and create nothing', async () => {
  const before = await orgCount();
  const unn = orgs.get('UNN').id;
  const cases = [
    ['name', { code: uniqCode(), kind: 'unit', parent_id: unn }],
    ['name', { code: uniqCode(), name: '', kind: 'unit', parent_id: unn }],
    ['name', { code: uniqCode(), name: '   ', kind: 'unit', parent_id: unn }],
    ['code', { name: 'Uten kode', kind: 'unit', parent_id: unn }],
    ['code', { code: '', name: 'Tom kode', kind: 'unit', parent_id: unn }],
    ['kind', { code: uniqCode(), name: 'Feil type', kind: 'planet', parent_id: unn }],
    ['kind', { code: uniqCode(), name: 'Uten type', parent_id: unn }],
  ];
  const complaints = [];
  for (const [field, body] of cases) {
    const res = await hnAdmin.post('/api/orgs', body);
    try {
      assertProblem(res, 400, { field, context: `POST /api/orgs ${JSON.stringify(body)}` });
    } catch (e) { complaints.push(e.message.split('\n')[0]); }
  }
  assert.deepEqual(complaints, []);
  assert.equal(await orgCount(), before);
});

test('a parent that does not exist is refused, naming parent_id', async () => {
  const res = await admin.post('/api/orgs', { code: uniqCode(), name: 'Foreldreløs', kind: 'unit', parent_id: 987654321 });
  assert.ok([400, 404, 422].includes(res.status), `${res.status} ${JSON.stringify(res.body)}`);
  assertProblem(res, res.status, { context: 'unknown parent' });
  if (res.status !== 404) assertProblem(res, res.status, { field: 'parent_id' });
});

test('PATCH with If-Match: 200 and a new ETag; a stale If-Match is 412 with `current`; none is 428', async () => {
  const o = await create({ name: 'Før' });
  const ok = await hnAdmin.patch(`/api/orgs/${o.id}`, { name: 'Etter' }, { 'if-match': etag(o.version) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.name, 'Etter');
  assert.equal(ok.body.version, o.version + 1);
  assert.equal(ok.body.code, o.code, 'PATCH changed a field it was not sent');
  assert.ok(ok.body.updated_at >= o.updated_at);
  const get = await hnAdmin.get(`/api/orgs/${o.id}`);
  assert.equal(get.headers.get('etag'), etag(o.version + 1));

  const stale = await hnAdmin.patch(`/api/orgs/${o.id}`, { name: 'Utdatert' }, { 'if-match': etag(o.version) });
  assertProblem(stale, 412, { context: 'stale If-Match' });
  assert.ok(stale.body.current, `412 should carry the current object: ${JSON.stringify(stale.body)}`);
  assert.equal(stale.body.current.id, o.id);
  assert.equal(stale.body.current.version, o.version + 1);
  assert.equal(stale.body.current.name, 'Etter');

  const none = await hnAdmin.patch(`/api/orgs/${o.id}`, { name: 'Uten versjon' });
  assertProblem(none, 428, { context: 'no If-Match' });

  const after = await hnAdmin.get(`/api/orgs/${o.id}`);
  assert.equal(after.body.name, 'Etter');
  assert.equal(after.body.version, o.version + 1);

  // "version" in the body works like If-Match.
  const viaBody = await hnAdmin.patch(`/api/orgs/${o.id}`, { name: 'Via body', version: o.version + 1 });
  assert.equal(viaBody.status, 200, JSON.stringify(viaBody.body));
  assert.equal(viaBody.body.version, o.version + 2);
  const staleBody = await hnAdmin.patch(`/api/orgs/${o.id}`, { name: 'Gammel', version: o.version });
  assertProblem(staleBody, 412, { context: 'stale version in body' });
  assert.equal(staleBody.body.current?.name, 'Via body');
});

test('PATCH refuses a duplicate code (409), an unknown kind (400) and fields it does not take, e.g. parent_id (400)', async () => {
  const o = await create({});
  const dup = await hnAdmin.patch(`/api/orgs/${o.id}`, { code: 'NLSH' }, { 'if-match': etag(o.version) });
  assertProblem(dup, 409, { field: 'code', context: 'PATCH duplicate code' });
  const kind = await hnAdmin.patch(`/api/orgs/${o.id}`, { kind: 'planet' }, { 'if-match': etag(o.version) });
  assertProblem(kind, 400, { field: 'kind', context: 'PATCH bad kind' });
  const move = await hnAdmin.patch(`/api/orgs/${o.id}`, { parent_id: orgs.get('STO').id }, { 'if-match': etag(o.version) });
  assertProblem(move, 400, { field: 'parent_id', context: 'PATCH parent_id' });
  const path = await hnAdmin.patch(`/api/orgs/${o.id}`, { path: '/1/' }, { 'if-match': etag(o.version) });
  assertProblem(path, 400, { field: 'path', context: 'PATCH path' });
  const get = await hnAdmin.get(`/api/orgs/${o.id}`);
  assert.deepEqual(get.body, o, 'a refused PATCH changed the node');
});

test('DELETE: 409 with children, with users or with grants; 204 for a leaf, then 404', async () => {
  const parent = await create({});
  await create({ parent_id: parent.id });
  const withChild = await hnAdmin.del(`/api/orgs/${parent.id}`);
  assertProblem(withChild, 409, { context: 'DELETE with children' });
  assert.equal((await hnAdmin.get(`/api/orgs/${parent.id}`)).status, 200);

  const home = await create({});
  const u = await hnAdmin.post('/api/users', { username: uniqUser('hjem'), display_name: 'Hjemme', password: 'et-langt-passord-123', home_org_id: home.id });
  assert.equal(u.status, 201, JSON.stringify(u.body));
  assertProblem(await hnAdmin.del(`/api/orgs/${home.id}`), 409, { context: 'DELETE with a user at home there' });

  const granted = await create({});
  const g = await hnAdmin.post(`/api/users/${u.body.id}/grants`, { org_id: granted.id, role: 'reader' });
  assert.equal(g.status, 201, JSON.stringify(g.body));
  assertProblem(await hnAdmin.del(`/api/orgs/${granted.id}`), 409, { context: 'DELETE with a grant on it' });
  assert.equal((await hnAdmin.get(`/api/orgs/${granted.id}`)).status, 200);

  const leaf = await create({});
  const del = await hnAdmin.del(`/api/orgs/${leaf.id}`);
  assert.equal(del.status, 204);
  assertProblem(await hnAdmin.get(`/api/orgs/${leaf.id}`), 404, { context: 'GET deleted node' });
  assertProblem(await hnAdmin.del(`/api/orgs/${leaf.id}`), 404, { context: 'DELETE twice' });
});

test('Norwegian text round-trips and can be searched for', async () => {
  const name = 'Avdeling for blåbær og ÆØÅ';
  const o = await create({ name });
  assert.equal(o.name, name);
  const get = await hnAdmin.get(`/api/orgs/${o.id}`);
  assert.equal(get.body.name, name);
  assert.match(get.headers.get('content-type') || '', /charset=utf-8/i);
  const found = await hnAdmin.get(`/api/orgs?q=${encodeURIComponent('blåbær')}`);
  assert.ok(found.body.items.some((x) => x.id === o.id), 'q=blåbær does not find it');
  const patched = await hnAdmin.patch(`/api/orgs/${o.id}`, { name: 'Seksjon for søvn – «ære» og “ånd” 🫐' }, { 'if-match': etag(o.version) });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal((await hnAdmin.get(`/api/orgs/${o.id}`)).body.name, 'Seksjon for søvn – «ære» og “ånd” 🫐');
});

// docs/api.md does not say whether q is case-insensitive; a Norwegian user
// typing "blåbær" expects to find "Blåbær", so we expect it to be.
test('q search is case-insensitive, also for æ, ø and å', async () => {
  const o = await create({ name: 'Blåbærseksjonen Øst' });
  const missed = [];
  for (const q of ['blåbærseksjonen', 'BLÅBÆRSEKSJONEN', 'øst', 'ØST', o.code.toLowerCase()]) {
    const res = await hnAdmin.get(`/api/orgs?q=${encodeURIComponent(q)}`);
    if (!res.body.items.some((x) => x.id === o.id)) missed.push(q);
  }
  assert.deepEqual(missed, [], `these q values do not find "${o.name}" (${o.code})`);
});

test('filters: kind, q by code, parent_id', async () => {
  const hnIsl = await loginAs(srv, 'hn.isl');
  const trusts = await hnIsl.get('/api/orgs?kind=trust&limit=500');
  assertList(trusts, 'kind=trust');
  assert.deepEqual(trusts.body.items.map((o) => o.code).sort(), [...HN_TRUSTS].sort());
  assert.equal(trusts.body.total, HN_TRUSTS.length);
  const byCode = await hnIsl.get('/api/orgs?q=HNIKT');
  assert.ok(byCode.body.items.some((o) => o.code === 'HNIKT'));
  const regions = await admin.get(`/api/orgs?parent_id=${orgs.get('NO').id}`);
  assert.deepEqual(regions.body.items.map((o) => o.code).sort(), ['HMN', 'HN']);
});

test('paging: limit, offset and total; pages join up to the whole list, sorted by path', async () => {
  const all = await allOrgs(admin);
  const whole = await admin.get('/api/orgs?limit=500');
  assertList(whole, 'GET /api/orgs?limit=500');
  assert.equal(whole.body.total, all.length);
  const paths = all.map((o) => o.path);
  const sorted = [...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual(paths, sorted, 'GET /api/orgs is not sorted by path');

  const pages = [];
  for (let offset = 0; offset < all.length; offset += 7) {
    const p = await admin.get(`/api/orgs?limit=7&offset=${offset}`);
    assertList(p, `page at ${offset}`);
    assert.equal(p.body.limit, 7);
    assert.equal(p.body.offset, offset);
    assert.equal(p.body.total, all.length);
    assert.ok(p.body.items.length <= 7);
    pages.push(...p.body.items);
  }
  assert.deepEqual(pages.map((o) => o.id), all.map((o) => o.id));
  const past = await admin.get(`/api/orgs?limit=7&offset=${all.length + 10}`);
  assert.equal(past.status, 200);
  assert.deepEqual(past.body.items, []);
  assert.equal(past.body.total, all.length);

  const complaints = [];
  for (const bad of ['limit=0', 'limit=501', 'limit=-1', 'limit=abc', 'offset=-1', 'offset=x']) {
    const res = await admin.get(`/api/orgs?${bad}`);
    try {
      assertProblem(res, 400, { field: bad.split('=')[0], context: `GET /api/orgs?${bad}` });
    } catch (e) { complaints.push(e.message.split('\n')[0]); }
  }
  assert.deepEqual(complaints, []);
});

test('without limit and offset a list answers limit 50, offset 0 (docs/api.md: ?limit=50&offset=0)', async () => {
  const def = await admin.get('/api/orgs');
  assertList(def, 'GET /api/orgs');
  assert.equal(def.body.limit, 50, 'default limit should be 50');
  assert.equal(def.body.offset, 0);
  assert.equal(def.body.items.length, Math.min(50, def.body.total));
});

test("a region's security officer sees all of its trusts, none of the other region's, and not the nation", async () => {
  for (const [user, mine, theirs, region, other] of [
    ['hn.isl', HN_TRUSTS, HMN_TRUSTS, 'HN', 'HMN'],
    ['hmn.isl', HMN_TRUSTS, HN_TRUSTS, 'HMN', 'HN'],
  ]) {
    const c = await loginAs(srv, user);
    const seen = await allOrgs(c);
    const codes = new Set(seen.map((o) => o.code));
    for (const t of mine) assert.ok(codes.has(t), `${user} does not see ${t}`);
    for (const t of [...theirs, other, 'NO']) assert.ok(!codes.has(t), `${user} sees ${t}`);
    const regionPath = orgs.get(region).path;
    assert.ok(seen.every((o) => o.path.startsWith(regionPath)), `${user} sees nodes outside ${region}`);
    // Every node of the region, down to the units, and nothing else.
    const everything = await allOrgs(admin);
    const expected = everything.filter((o) => o.path.startsWith(regionPath)).map((o) => o.id).sort((a, b) => a - b);
    assert.deepEqual(seen.map((o) => o.id).sort((a, b) => a - b), expected, `${user} does not see exactly the ${region} subtree`);
    for (const t of theirs) {
      assertProblem(await c.get(`/api/orgs/${orgs.get(t).id}`), 404, { context: `${user} GET ${t}` });
    }
  }
});

test('a trust officer sees its trust and its units, not the sibling trusts nor the region', async () => {
  const c = await loginAs(srv, 'unn.isl');
  const seen = await allOrgs(c);
  const unn = orgs.get('UNN');
  assert.ok(seen.length >= 2, 'UNN should have units in the demo data');
  assert.ok(seen.every((o) => o.path.startsWith(unn.path)), `unn.isl sees ${seen.filter((o) => !o.path.startsWith(unn.path)).map((o) => o.code)}`);
  assert.ok(seen.some((o) => o.id === unn.id));
  for (const code of ['HN', 'NLSH', 'HNIKT', 'STO']) {
    assertProblem(await c.get(`/api/orgs/${orgs.get(code).id}`), 404, { context: `unn.isl GET ${code}` });
  }
});

test('sort: by name in Norwegian order (Ø before Å, after Z), descending too; an unknown sort field is 400 naming sort', async () => {
  const admin = new Client(srv.url);
  await admin.login('admin');
  const asc = await admin.get('/api/orgs?sort=name&limit=500');
  assert.equal(asc.status, 200);
  const names = asc.body.items.map((o) => o.name);
  const norwegian = [...names].sort(new Intl.Collator('nb').compare);
  assert.deepEqual(names, norwegian, 'ascending by name, as a Norwegian reader sorts');
  assert.ok(names.indexOf('Ålesund sjukehus') > names.indexOf('Universitetssykehuset Nord-Norge HF'), 'Å sorts after U');
  const desc = await admin.get('/api/orgs?sort=-name&limit=500');
  assert.equal(desc.status, 200);
  assert.deepEqual(desc.body.items.map((o) => o.name), [...names].reverse());
  const bad = await admin.get('/api/orgs?sort=password');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'sort');
});
