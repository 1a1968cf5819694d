// The command line: help, org and user administration against a database a
// running server uses, errors as one line on stderr, backup, migrate and init.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, cli, storeKind, Client, freshDatabase } from '../lib/server.mjs';
import { loginAs, uniqCode, uniqUser, sql } from '../lib/api.mjs';

let srv;
let admin;
let tmp;

before(async () => {
  srv = await startServer();
  admin = await loginAs(srv, 'admin');
  tmp = mkdtempSync(join(tmpdir(), 'varde-cli-'));
});
after(async () => {
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const run = (args, opts) => cli([...args, '--db', srv.db], opts);
function assertOneLineError(r, mentions, what) {
  assert.notEqual(r.status, 0, `${what}: should fail, exited 0 (${r.stdout})`);
  const lines = r.stderr.trim().split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `${what}: expected one line on stderr, got ${JSON.stringify(r.stderr)}`);
  for (const m of [].concat(mentions)) {
    assert.ok(lines[0].toLowerCase().includes(m.toLowerCase()), `${what}: "${lines[0]}" should mention ${m}`);
  }
}
const count = (table) => Number(sql(srv.db, `SELECT count(*) FROM ${table}`));

test('varde --help and --help on each subcommand exit 0', () => {
  const top = cli(['--help']);
  assert.equal(top.status, 0, top.stderr);
  for (const sub of ['init', 'serve', 'migrate', 'user', 'org', 'audit', 'backup']) {
    assert.ok(top.stdout.includes(sub), `varde --help does not mention ${sub}`);
  }
  for (const sub of [['init'], ['serve'], ['migrate'], ['user'], ['user', 'add'], ['user', 'passwd'], ['user', 'disable'], ['user', 'list'],
    ['org'], ['org', 'add'], ['org', 'list'], ['audit'], ['audit', 'verify'], ['backup']]) {
    const r = cli([...sub, '--help']);
    assert.equal(r.status, 0, `varde ${sub.join(' ')} --help: ${r.status} ${r.stderr}`);
    assert.ok(`${r.stdout}${r.stderr}`.trim().length > 0, `varde ${sub.join(' ')} --help prints nothing`);
  }
  const serveHelp = cli(['serve', '--help']).stdout;
  for (const opt of ['--listen', '--ui']) assert.ok(serveHelp.includes(opt), `serve --help does not mention ${opt}`);
  assert.ok(`${serveHelp}${top.stdout}`.includes('--db'), '--db is not documented in the help');
});

test('an unknown subcommand or option fails with one line', () => {
  const complaints = [];
  for (const [args, mention] of [[['frobnicate'], 'frobnicate'], [['org', 'list', '--db', srv.db, '--bogus'], 'bogus'], [['org', 'frobnicate', '--db', srv.db], 'frobnicate']]) {
    try { assertOneLineError(cli(args), mention, `varde ${args.join(' ')}`); } catch (e) { complaints.push(e.message.split('\n')[0]); }
  }
  assert.deepEqual(complaints, []);
});

test('org add and org list, with Norwegian names; the change is audited as the CLI', async () => {
  const code = uniqCode('CLI');
  const r = run(['org', 'add', code, '--name', 'Seksjon for blåbær og ÆØÅ', '--parent', 'UNN', '--kind', 'unit']);
  assert.equal(r.status, 0, r.stderr);
  const list = run(['org', 'list']);
  assert.equal(list.status, 0, list.stderr);
  const line = list.stdout.split('\n').find((l) => l.includes(code));
  assert.ok(line, `org list does not show ${code}`);
  assert.ok(line.includes('Seksjon for blåbær og ÆØÅ'), `org list line: ${line}`);
  for (const c of ['NO', 'HN', 'UNN', 'STO']) assert.ok(list.stdout.includes(c), `org list lacks ${c}`);

  const found = await admin.get(`/api/orgs?q=${code}`);
  assert.equal(found.body.total, 1);
  const o = found.body.items[0];
  assert.equal(o.name, 'Seksjon for blåbær og ÆØÅ');
  assert.equal(o.kind, 'unit');
  const unn = (await admin.get('/api/orgs?q=UNN')).body.items.find((x) => x.code === 'UNN');
  assert.equal(o.parent_id, unn.id);
  assert.equal(o.path, `${unn.path}${o.id}/`);
  const ev = await admin.get(`/api/audit?entity=org&entity_id=${o.id}`);
  assert.equal(ev.body.total, 1, 'org add via the CLI left no audit event');
  assert.match(ev.body.items[0].actor, /^cli/, `actor ${ev.body.items[0].actor}`);
  assert.equal(ev.body.items[0].actor_id, null);
});

test('user add --password-stdin, then the user logs in through the API with the role granted', async () => {
  const code = uniqCode('CLU');
  assert.equal(run(['org', 'add', code, '--name', 'Brukerenhet', '--parent', 'NLSH', '--kind', 'unit']).status, 0);
  const name = uniqUser('cli');
  const r = run(['user', 'add', name, '--org', code, '--role', 'reader', '--password-stdin'], { input: 'cli-passord-som-er-langt\n' });
  assert.equal(r.status, 0, r.stderr);
  const c = await loginAs(srv, name, 'cli-passord-som-er-langt');
  const s = await c.get('/api/session');
  assert.ok(s.body.grants.some((g) => g.role === 'reader' && g.org.code === code), JSON.stringify(s.body.grants));
  const list = run(['user', 'list']);
  assert.equal(list.status, 0, list.stderr);
  assert.ok(list.stdout.includes(name), 'user list does not show the new user');
  assert.ok(list.stdout.includes('unn.leser'), 'user list does not show demo users');
  assert.ok(!/\$argon2/.test(list.stdout), 'user list prints password hashes');

  // passwd: the new password works, the old does not.
  const p = run(['user', 'passwd', name, '--password-stdin'], { input: 'et-nytt-cli-passord\n' });
  assert.equal(p.status, 0, p.stderr);
  const old = await new Client(srv.url).request('POST', '/api/session', { username: name, password: 'cli-passord-som-er-langt' });
  assert.equal(old.status, 401);
  await loginAs(srv, name, 'et-nytt-cli-passord');
});

test('CLI errors exit non-zero with one line naming the problem, and change nothing', () => {
  const orgsBefore = count('org');
  const usersBefore = count('app_user');
  assertOneLineError(run(['org', 'add', uniqCode(), '--name', 'Foreldreløs', '--parent', 'FINNESIKKE']), 'FINNESIKKE', 'unknown parent');
  assertOneLineError(run(['org', 'add', 'UNN', '--name', 'Dobbel', '--parent', 'HN']), 'UNN', 'duplicate code');
  assertOneLineError(run(['org', 'add', uniqCode(), '--parent', 'UNN']), 'name', 'missing --name');
  assertOneLineError(run(['org', 'add', uniqCode(), '--name', 'Feil type', '--parent', 'UNN', '--kind', 'planet']), 'planet', 'bad kind');
  assertOneLineError(run(['user', 'add', uniqUser(), '--org', 'FINNESIKKE', '--role', 'reader', '--password-stdin'], { input: 'et-langt-passord\n' }), 'FINNESIKKE', 'user at unknown org');
  assertOneLineError(run(['user', 'add', uniqUser(), '--org', 'UNN', '--role', 'keiser', '--password-stdin'], { input: 'et-langt-passord\n' }), 'keiser', 'unknown role');
  assertOneLineError(run(['user', 'add', 'unn.leser', '--org', 'UNN', '--role', 'reader', '--password-stdin'], { input: 'et-langt-passord\n' }), 'unn.leser', 'duplicate user');
  assertOneLineError(run(['user', 'add', uniqUser(), '--org', 'UNN', '--role', 'reader', '--password-stdin'], { input: 'kort\n' }), 'password', 'short password');
  assertOneLineError(run(['user', 'add', uniqUser(), '--org', 'UNN', '--role', 'reader', '--password-stdin'], { input: '' }), 'password', 'empty stdin');
  assertOneLineError(run(['user', 'disable', 'finnes.ikke']), 'finnes.ikke', 'disable unknown user');
  assertOneLineError(run(['user', 'passwd', 'finnes.ikke', '--password-stdin'], { input: 'et-langt-passord\n' }), 'finnes.ikke', 'passwd unknown user');
  assert.equal(count('org'), orgsBefore, 'a failed CLI command created an org');
  assert.equal(count('app_user'), usersBefore, 'a failed CLI command created a user');
});

test('a database that cannot be opened is one line on stderr, without the password', () => {
  const url = storeKind === 'postgres' ? 'postgresql://varde:hemmelig-passord@127.0.0.1:1/varde' : '/proc/1/finnes-ikke/varde.db';
  const r = cli(['org', 'list', '--db', url]);
  assertOneLineError(r, [], 'unreachable database');
  assert.ok(!r.stderr.includes('hemmelig'), `the password shows on stderr: ${r.stderr}`);
});

test('backup FILE writes a SQLite file that sqlite3 reads (SQLite); PostgreSQL refuses in one line naming pg_dump', () => {
  const file = join(tmp, 'backup.db');
  const r = run(['backup', file]);
  if (storeKind === 'postgres') {
    assertOneLineError(r, 'pg_dump', 'backup on PostgreSQL');
    return;
  }
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(file));
  const n = Number(execFileSync('sqlite3', [file, 'select count(*) from org']).toString().trim());
  assert.equal(n, count('org'));
  assert.ok(n >= 13);
  const check = execFileSync('sqlite3', [file, 'pragma integrity_check']).toString().trim();
  assert.equal(check, 'ok');
  // The copy opens as a Varde database.
  const v = cli(['audit', 'verify', '--db', file]);
  assert.equal(v.status, 0, v.stderr);
  assertOneLineError(run(['backup', join(tmp, 'finnes', 'ikke', 'x.db')]), [], 'backup into a missing folder');
});

test('migrate is idempotent', () => {
  const before = [count('org'), count('app_user'), count('audit_event')];
  for (let i = 0; i < 2; i += 1) {
    const r = run(['migrate']);
    assert.equal(r.status, 0, r.stderr);
  }
  assert.deepEqual([count('org'), count('app_user'), count('audit_event')], before);
});

test('init --demo on an existing database does not duplicate data', () => {
  const before = [count('org'), count('app_user'), count('role_grant')];
  const r = run(['init', '--demo']);
  if (r.status !== 0) assertOneLineError(r, [], 'init --demo on an existing database');
  assert.deepEqual([count('org'), count('app_user'), count('role_grant')], before);
});

test('init without --demo on a fresh database: no demo users, audit verify passes', () => {
  const db = freshDatabase();
  try {
    const r = cli(['init', '--db', db.url]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(cli(['audit', 'verify', '--db', db.url]).status, 0);
    const users = cli(['user', 'list', '--db', db.url]);
    assert.equal(users.status, 0, users.stderr);
    assert.ok(!users.stdout.includes('unn.leser'), 'init without --demo made demo users');
  } finally {
    db.drop();
  }
});

test('audit verify on the demo database passes after all the CLI changes', () => {
  const v = run(['audit', 'verify']);
  assert.equal(v.status, 0, `${v.stdout} ${v.stderr}`);
});
