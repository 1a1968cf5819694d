// The audit trail: what GET /api/audit shows and to whom, that concurrent
// writers keep one chain, and that `varde audit verify` catches changed,
// removed and truncated events (tampering straight in the database).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli } from '../lib/server.mjs';
import {
  loginAs, allOrgs, orgsByCode, uniqCode, etag, assertProblem, assertList, auditTotal, sql, under,
} from '../lib/api.mjs';

let srv;
let admin;
let adminId;
let orgs;
let unnChild;   // made and renamed by admin in the first test
let stoChild;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  adminId = (await admin.get('/api/session')).body.user.id;
  orgs = await orgsByCode(admin);
});
after(async () => { await srv?.stop(); });

async function createOrg(client, parentCode, name) {
  const res = await client.post('/api/orgs', { code: uniqCode('AUD'), name, kind: 'unit', parent_id: orgs.get(parentCode).id });
  assert.equal(res.status, 201, `${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function eventsFor(client, entity, id) {
  const res = await client.get(`/api/audit?entity=${entity}&entity_id=${id}&limit=500`);
  return res;
}

function verify() {
  const r = cli(['audit', 'verify', '--db', srv.db]);
  return { ...r, text: `${r.stdout}\n${r.stderr}` };
}

const namesSeq = (text, seq) => new RegExp(`(^|[^0-9])${seq}([^0-9]|$)`).test(text);

test('a change shows in GET /api/audit with actor, action, before and after, newest first', async () => {
  unnChild = await createOrg(admin, 'UNN', 'Revisjon Original');
  const patched = await admin.patch(`/api/orgs/${unnChild.id}`, { name: 'Revisjon Endret' }, { 'if-match': etag(unnChild.version) });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));

  const res = await eventsFor(admin, 'org', unnChild.id);
  assertList(res, 'GET /api/audit?entity=org');
  assert.equal(res.body.total, 2, `expected a create and an update event: ${JSON.stringify(res.body.items)}`);
  const [upd, crt] = res.body.items;
  for (const e of [upd, crt]) {
    for (const k of ['seq', 'at', 'actor_id', 'actor', 'action', 'entity', 'entity_id', 'org_id', 'before', 'after', 'hash']) assert.ok(k in e, `event lacks ${k}: ${JSON.stringify(e)}`);
    assert.equal(e.actor_id, adminId);
    assert.equal(e.actor, 'admin');
    assert.equal(e.entity, 'org');
    assert.equal(String(e.entity_id), String(unnChild.id));
    assert.match(e.hash, /^[0-9a-f]{64}$/);
    assert.ok(!Number.isNaN(Date.parse(e.at)), `at ${e.at}`);
    assert.match(e.at, /Z$/, 'audit times are UTC instants');
    assert.ok([unnChild.id, orgs.get('UNN').id].includes(e.org_id), `org_id ${e.org_id}`);
  }
  assert.ok(upd.seq > crt.seq, 'newest first');
  assert.match(crt.action, /create/);
  assert.match(upd.action, /update|patch/);
  assert.equal(crt.before, null);
  assert.equal(typeof crt.after, 'object', `after should be a JSON object, was ${typeof crt.after}`);
  assert.equal(crt.after.name, 'Revisjon Original');
  assert.equal(upd.before?.name, 'Revisjon Original');
  assert.equal(upd.after?.name, 'Revisjon Endret');

  // Deleting is audited too, with the last state in `before`.
  const leaf = await createOrg(admin, 'UNN', 'Slettes');
  assert.equal((await admin.del(`/api/orgs/${leaf.id}`)).status, 204);
  const del = (await eventsFor(admin, 'org', leaf.id)).body.items[0];
  assert.ok(del, `GET /api/audit?entity=org&entity_id=${leaf.id} does not list the events of a deleted org`);
  assert.match(del.action, /delete/);
  assert.equal(del.before?.name, 'Slettes');
  assert.equal(del.after, null);
});

test('filters: actor_id, from and to, entity; paging with total', async () => {
  const mine = await admin.get(`/api/audit?actor_id=${adminId}&limit=500`);
  assertList(mine, 'actor_id filter');
  assert.ok(mine.body.items.length >= 3);
  assert.ok(mine.body.items.every((e) => e.actor_id === adminId));
  const seqs = mine.body.items.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'not newest first');

  const future = await admin.get('/api/audit?from=2999-01-01T00:00:00Z');
  assertList(future, 'from in the future');
  assert.equal(future.body.total, 0);
  const past = await admin.get('/api/audit?to=2000-01-01T00:00:00Z');
  assert.equal(past.body.total, 0);
  const newest = mine.body.items[0];
  const fromNewest = await admin.get(`/api/audit?from=${encodeURIComponent(newest.at)}&actor_id=${adminId}`);
  assert.ok(fromNewest.body.items.some((e) => e.seq === newest.seq), '`from` is inclusive');
  const toNewest = await admin.get(`/api/audit?to=${encodeURIComponent(newest.at)}&actor_id=${adminId}&limit=500`);
  assert.ok(!toNewest.body.items.some((e) => e.seq === newest.seq), '`to` is exclusive');

  const entity = await admin.get('/api/audit?entity=org&limit=500');
  assert.ok(entity.body.items.every((e) => e.entity === 'org'));

  const p1 = await admin.get('/api/audit?limit=2&offset=0');
  const p2 = await admin.get('/api/audit?limit=2&offset=2');
  assert.equal(p1.body.items.length, 2);
  assert.equal(p1.body.total, p2.body.total);
  assert.ok(p1.body.items[1].seq > p2.body.items[0].seq);
  assertProblem(await admin.get('/api/audit?from=ikke-en-dato'), 400, { field: 'from', context: 'bad from' });
});

test('hn.revisor sees HN events but not HMN events; users without audit see none', async () => {
  stoChild = await createOrg(admin, 'STO', 'Revisjon i Midt');
  const revisor = await loginAs(srv, 'hn.revisor');
  const hn = await eventsFor(revisor, 'org', unnChild.id);
  assertList(hn, 'hn.revisor on an UNN org');
  assert.equal(hn.body.total, 2, 'hn.revisor should see the UNN events');
  const hmn = await eventsFor(revisor, 'org', stoChild.id);
  assert.equal(hmn.status, 200);
  assert.equal(hmn.body.total, 0, 'hn.revisor sees an HMN event');

  const byId = new Map((await allOrgs(admin)).map((o) => [o.id, o]));
  const everything = await revisor.get('/api/audit?limit=500');
  assertList(everything, 'hn.revisor GET /api/audit');
  assert.ok(everything.body.items.length > 0);
  const hnPath = orgs.get('HN').path;
  const outside = everything.body.items.filter((e) => e.org_id == null || !under(e.org_path ?? byId.get(e.org_id)?.path ?? '', [hnPath]));
  assert.deepEqual(outside.map((e) => `${e.seq} ${e.action} org ${e.org_id}`), [], 'hn.revisor sees events outside HN');

  for (const user of ['unn.isl', 'unn.leser', 'unn.leder', 'hmn.isl', 'hn.isl']) {
    const c = await loginAs(srv, user);
    const res = await c.get('/api/audit?limit=500');
    if (res.status === 403) { assertProblem(res, 403, { context: `${user} GET /api/audit` }); continue; }
    assertList(res, `${user} GET /api/audit`);
    assert.deepEqual(res.body.items, [], `${user} has no audit permission but sees events`);
    assert.equal(res.body.total, 0);
  }
});

test('8 parallel writers × 10 creations: all succeed, 80 new events in one unbroken chain, verify passes', async () => {
  const writers = [];
  for (let i = 0; i < 8; i += 1) writers.push(await loginAs(srv, i % 2 ? 'admin' : 'hn.admin'));
  const before = await auditTotal(admin);
  const results = await Promise.all(writers.map(async (c, w) => {
    const out = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await c.post('/api/orgs', { code: uniqCode(`P${w}`), name: `Parallell ${w}-${i}`, kind: 'unit', parent_id: orgs.get(w % 2 ? 'STO' : 'UNN').id });
      out.push(res.status === 201 ? res.body.id : `${res.status} ${JSON.stringify(res.body)}`);
    }
    return out;
  }));
  const flat = results.flat();
  const failed = flat.filter((x) => typeof x === 'string');
  assert.deepEqual(failed, [], 'some parallel creations failed');
  assert.equal(new Set(flat).size, 80);
  assert.equal(await auditTotal(admin), before + 80);
  const newest = (await admin.get('/api/audit?limit=80')).body.items;
  for (let i = 1; i < newest.length; i += 1) {
    assert.equal(newest[i - 1].seq - newest[i].seq, 1, `seq gap between ${newest[i].seq} and ${newest[i - 1].seq}`);
  }
  const v = verify();
  assert.equal(v.status, 0, `audit verify after parallel writes: ${v.text}`);
});

test('varde audit verify passes on the untouched trail', () => {
  const v = verify();
  assert.equal(v.status, 0, v.text);
});

// The tampering tests change the database behind the server's back and put
// it back after each, checking verify passes again.
function middleSeq() {
  const seqs = sql(srv.db, 'SELECT seq FROM audit_event ORDER BY seq').split('\n').map(Number);
  assert.ok(seqs.length >= 10, `too few events: ${seqs.length}`);
  return { seqs, mid: seqs[Math.floor(seqs.length / 2)], last: seqs[seqs.length - 1] };
}

test('an event changed in the database: verify exits non-zero naming its seq', () => {
  const seq = Number(sql(srv.db, `SELECT min(seq) FROM audit_event WHERE entity = 'org' AND entity_id = '${unnChild.id}'`));
  const { seqs } = middleSeq();
  assert.ok(seq > seqs[0] && seq < seqs[seqs.length - 1], 'the tampered event should lie inside the chain');
  sql(srv.db, `UPDATE audit_event SET after_json = replace(after_json, 'Revisjon Original', 'Revisjon Forfalsket') WHERE seq = ${seq}`);
  assert.match(sql(srv.db, `SELECT after_json FROM audit_event WHERE seq = ${seq}`), /Forfalsket/);
  const v = verify();
  assert.notEqual(v.status, 0, 'verify did not notice a changed after_json');
  assert.ok(namesSeq(v.text, seq), `verify should name seq ${seq}: ${v.text}`);
  assert.equal(v.stderr.trim().split('\n').length, 1, `failure should be one line on stderr: ${v.stderr}`);

  sql(srv.db, `UPDATE audit_event SET after_json = replace(after_json, 'Revisjon Forfalsket', 'Revisjon Original') WHERE seq = ${seq}`);
  assert.equal(verify().status, 0, 'verify fails after the change was undone');

  // Changing who did it is caught as well.
  sql(srv.db, `UPDATE audit_event SET actor = 'hn.revisor' WHERE seq = ${seq}`);
  const v2 = verify();
  assert.notEqual(v2.status, 0, 'verify did not notice a changed actor');
  assert.ok(namesSeq(v2.text, seq), `verify should name seq ${seq}: ${v2.text}`);
  sql(srv.db, `UPDATE audit_event SET actor = 'admin' WHERE seq = ${seq}`);
  assert.equal(verify().status, 0);
});

test('an event deleted from the middle: verify exits non-zero naming the missing seq', () => {
  const { mid } = middleSeq();
  sql(srv.db, `CREATE TABLE qa_saved_event AS SELECT * FROM audit_event WHERE seq = ${mid}`);
  sql(srv.db, `DELETE FROM audit_event WHERE seq = ${mid}`);
  const v = verify();
  sql(srv.db, 'INSERT INTO audit_event SELECT * FROM qa_saved_event');
  sql(srv.db, 'DROP TABLE qa_saved_event');
  assert.notEqual(v.status, 0, 'verify did not notice a deleted event');
  assert.ok(namesSeq(v.text, mid), `verify should name seq ${mid}: ${v.text}`);
  assert.equal(verify().status, 0, 'verify fails after the event was put back');
});

test('the newest event deleted (truncation): verify exits non-zero naming it', () => {
  const { last } = middleSeq();
  sql(srv.db, `CREATE TABLE qa_saved_last AS SELECT * FROM audit_event WHERE seq = ${last}`);
  sql(srv.db, `DELETE FROM audit_event WHERE seq = ${last}`);
  const v = verify();
  sql(srv.db, 'INSERT INTO audit_event SELECT * FROM qa_saved_last');
  sql(srv.db, 'DROP TABLE qa_saved_last');
  assert.notEqual(v.status, 0, 'verify did not notice the newest event was removed');
  assert.ok(namesSeq(v.text, last), `verify should name seq ${last}: ${v.text}`);
  assert.equal(verify().status, 0);
});

test('the server keeps appending to a sound chain after the tampering tests', async () => {
  await createOrg(admin, 'UNN', 'Etter tukling');
  const v = verify();
  assert.equal(v.status, 0, v.text);
});
