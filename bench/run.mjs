#!/usr/bin/env node
// The load run: a day's mix of requests against a real `varde serve` on
// 127.0.0.1, one operation at a time with wrk, and nginx serving a static file
// of the size of a typical answer as the physical limit. See bench/README.md.
//
//   node bench/run.mjs [--scale small|region|national] [--store sqlite|postgres]
//                      [--duration 10] [--connections 64] [--smoke]
//                      [--only OP[,OP]] [--db FILE-OR-URL] [--mix OP=N[,OP=N]]
//
// --db runs against a data set generated before with `varde bench generate`
// (kept, not generated again, not dropped): the national one takes minutes.
// --only runs a subset of the operations, named by their short names (the
// `op` column of the table; `--only list` prints them), e.g.
// `--only audit,risks`: for looking at one slow operation without the rest.
// --mix changes the day's mix's weights (per 100, see MIX), e.g. `--mix save=0`
// for the mix without its writes.
// --store postgres needs VARDE_BENCH_PG_URL (a server where it may create a
// database). --smoke: the small data set, one second per operation, no nginx;
// the test command runs it so the benchmark cannot rot.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const varde = process.env.VARDE_BIN || join(root, 'build', 'varde');
const PASSWORD = 'varde-bench';

// The operations' short names, for --only, in the order the run takes them.
const OPS = ['session', 'report', 'matrix', 'orgs', 'audit', 'measures', 'heatmap', 'risks', 'assessments', 'documents', 'export',
  'save', 'login', 'mix', 'region-export', 'nginx'];

// A day's mix, per 100 requests: what the pages of a reporting day ask for.
// Trusts' officers fill in and read their reports, browse measures, risks and
// documents, and now and then download the report; the region's officer reads
// the matrix. The session is read when the app is opened, not on every page.
// Logins stay out: a user logs in once a day, and at Argon2id's ~75 ms of a
// core each they are measured alone, with two connections.
const MIX = { session: 5, report: 15, save: 8, matrix: 4, orgs: 8, audit: 2, measures: 12, heatmap: 10, risks: 12,
  assessments: 10, documents: 12, export: 2 };

function options(argv) {
  const o = { scale: 'small', store: 'sqlite', duration: 10, connections: 64, smoke: false, only: null, db: null, mix: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') o.smoke = true;
    else if (['--scale', '--store', '--duration', '--connections', '--only', '--db', '--mix'].includes(a)) o[a.slice(2)] = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (o.smoke) Object.assign(o, { scale: 'small', duration: 1, connections: 8 });
  o.duration = Number(o.duration);
  o.connections = Number(o.connections);
  if (o.mix !== null) {
    for (const pair of o.mix.split(',').filter(Boolean)) {
      const m = /^(\w+)=(\d+)$/.exec(pair.trim());
      if (!m || !(m[1] in MIX)) throw new Error(`--mix: "${pair}" is not OP=N with OP one of ${Object.keys(MIX).join(', ')}`);
      MIX[m[1]] = Number(m[2]);
    }
  }
  if (o.only !== null) {
    o.only = o.only.split(',').map((x) => x.trim()).filter(Boolean);
    if (o.only.includes('list')) { console.log(OPS.join('\n')); process.exit(0); }
    // Checked before the data set is generated, which takes minutes at national scale.
    const unknown = o.only.filter((x) => !OPS.includes(x));
    if (unknown.length || !o.only.length) throw new Error(`--only: unknown operation ${unknown.join(', ') || '(none)'}; known: ${OPS.join(', ')}`);
  }
  return o;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

function run(cmd, args, extra = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...extra });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.signal ?? `exit code ${r.status}`}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

// The peak resident memory of a process, from /proc (kB → MB).
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch { return null; }
}

// Whether the process still runs (a zombie does not): wrk runs synchronously,
// so the child's exit event may not have been delivered yet.
function alive(pid) {
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer in time`);
}

async function login(base, username) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = /varde_session=[^;]*/.exec(res.headers.get('set-cookie'))[0];
  return { cookie, csrf: (await res.json()).csrf_token };
}

async function getJson(base, s, path) {
  const res = await fetch(base + path, { headers: { cookie: s.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
}

// wrk's answer: requests per second, latency percentiles (ms) and errors.
function parseWrk(out) {
  const ms = (v, unit) => Number(v) * ({ us: 0.001, ms: 1, s: 1000, m: 60000 }[unit] ?? 1);
  const pct = (p) => { const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)`, 'm').exec(out); return m ? ms(m[1], m[2]) : null; };
  const rps = Number((/Requests\/sec:\s+([\d.]+)/.exec(out) || [])[1] || 0);
  const non2xx = Number((/Non-2xx or 3xx responses: (\d+)/.exec(out) || [])[1] || 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const requests = Number((/(\d+) requests in/.exec(out) || [])[1] || 0);
  return { rps, p50: pct(50), p99: pct(99), errors: non2xx + socketErrors, requests };
}

function wrk(url, { duration, connections, script, env, threads = Math.min(2, connections) }) {
  const out = run('wrk', [`-t${threads}`, `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '--latency', '-s', script, url],
    { env: { ...process.env, OP_THREADS: String(threads), ...env } });
  return { ...parseWrk(out), out };
}

// mix.lua's lines: "mix NAME REQUESTS ERRORS REQ/S P50-MS P99-MS".
function parseMix(out) {
  return [...out.matchAll(/^mix (\S+) (\d+) (\d+) ([\d.]+) (-?[\d.]+) (-?[\d.]+)$/gm)].map((m) => ({
    short: m[1], requests: Number(m[2]), errors: Number(m[3]), rps: Number(m[4]), p50: Number(m[5]), p99: Number(m[6]),
  }));
}

async function main() {
  const o = options(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'varde-bench-'));
  const children = [];
  const cleanup = [];
  try {
    // The data set.
    let db = o.db ?? join(work, 'bench.db');
    if (o.db) {
      if (!o.db.startsWith('postgres') && !existsSync(o.db)) throw new Error(`--db ${o.db}: no such file (generate it first with varde bench generate)`);
    } else if (o.store === 'postgres') {
      const base = process.env.VARDE_BENCH_PG_URL;
      if (!base) throw new Error('--store postgres needs VARDE_BENCH_PG_URL');
      const name = `varde_bench_${process.pid}`;
      run('psql', [base, '-q', '-c', `CREATE DATABASE ${name}`]);
      cleanup.push(() => spawnSync('psql', [base, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]));
      db = base.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    }
    let generateSeconds = null;
    if (o.db) {
      // A data set generated by an older build may lack the newest migrations:
      // apply them first, so the start-up time is the server's own.
      run(varde, ['migrate', '--db', db]);
    } else {
      const t0 = Date.now();
      const gen = run(varde, ['bench', 'generate', '--scale', o.scale, '--password', PASSWORD, '--db', db]);
      generateSeconds = (Date.now() - t0) / 1000;
      process.stdout.write(gen);
    }

    // The server, and how long it takes to answer.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const server = spawn(varde, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--log-level', 'warn'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(server);
    // A server that dies mid-run leaves only "fetch failed" behind: say how it ended.
    let serverEnd = null;
    server.once('exit', (code, signal) => { serverEnd = signal ? `signal ${signal}` : `exit code ${code}`; });
    await waitFor(`${base}/api/health`, 30000);
    const startupMs = Date.now() - started;

    // Sessions and the ids the operations need.
    const trust = await login(base, 'bench.trust');
    const region = await login(base, 'bench.region');
    const admin = await login(base, 'bench.admin');
    const me = await getJson(base, trust, '/api/session');
    const trustId = me.user.home_org.id;
    const periods = (await getJson(base, trust, `/api/orgs/${trustId}/periods`)).items;
    const year = Math.max(...periods.map((p) => p.year));
    const t1 = periods.find((p) => p.year === year && p.kind === 'T1');
    const t2 = periods.find((p) => p.year === year && p.kind === 'T2');
    // The trusts bench.region sees: those of its region.
    const trusts = (await getJson(base, region, '/api/orgs?kind=trust&limit=500')).items;
    // The entries bench.region may save, with the version each has now.
    const saveTargets = async () => {
      const targets = [];
      for (const t of trusts) {
        const rep = await getJson(base, region, `/api/orgs/${t.id}/reports/${t2.id}`);
        for (const item of rep.items)
          if (!item.entry || item.entry.state === 'draft') targets.push(`${t.id}/${item.requirement.id}/${item.entry?.version ?? 0}`);
      }
      return targets;
    };
    const targets = await saveTargets();

    if (targets.length < 2 * o.connections) throw new Error(`only ${targets.length} report entries to save for ${o.connections} connections: use a larger scale or fewer connections`);
    const script = join(root, 'bench', 'wrk', 'request.lua');
    const get = (path, s) => ({ script, env: { OP_METHOD: 'GET', OP_PATH: path, OP_COOKIE: s.cookie } });
    const ops = [
      ['session', 'session (cheapest authenticated read)', 'read', get('/api/session', trust)],
      ['report', "a trust's report for a period", 'read', get(`/api/orgs/${trustId}/reports/${t2.id}`, trust)],
      ['matrix', "the region's matrix for a period", 'read', get(`/api/periods/${t1.id}/matrix`, region)],
      ['orgs', 'organisation list page', 'read', get('/api/orgs?limit=50', region)],
      ['audit', 'audit trail page', 'read', get('/api/audit?limit=50', admin)],
      ['measures', 'measures by status and organisation', 'read', get(`/api/measures?org_id=${trustId}&status=in_progress&limit=50`, trust)],
      ['heatmap', "the trust's risk heat map", 'read', get(`/api/orgs/${trustId}/risk-heatmap`, trust)],
      ['risks', 'risk list page', 'read', get(`/api/risks?org_id=${trustId}&limit=50`, trust)],
      ['assessments', 'risk assessment list page', 'read', get(`/api/risk-assessments?org_id=${trustId}&limit=50`, trust)],
      ['documents', 'governing document list page', 'read', get(`/api/governing-documents?org_id=${trustId}&limit=50`, trust)],
      ['export', 'tertial report as .xlsx', 'read', get(`/api/orgs/${trustId}/reports/${t1.id}/export?format=xlsx`, trust)],
      ['save', 'save a report entry', 'write', {
        script: join(root, 'bench', 'wrk', 'save_entry.lua'),
        env: { OP_TARGETS: targets.join(','), OP_PERIOD: String(t2.id), OP_COOKIE: region.cookie, OP_CSRF: region.csrf },
      }],
      // Argon2id takes ~75 ms of a core by design: logins are measured with
      // two connections, as they come in a real day, not 64 at once.
      ['login', 'login', 'write', {
        script, connections: 2, duration: Math.max(o.duration, 3),
        env: { OP_METHOD: 'POST', OP_PATH: '/api/session', OP_BODY: JSON.stringify({ username: 'bench.trust', password: PASSWORD }) },
      }],
    ];

    // A read's time alone (wrk with one connection for a second: its median)
    // is what a user waits for when the server is not saturated; under 64
    // connections on two cores, p50 and p99 add the queue in front of it.
    const aloneMs = (op) => {
      if (op.env.OP_METHOD !== 'GET') return null;
      return wrk(base + '/', { duration: 1, connections: 1, script: op.script, env: op.env }).p50;
    };

    // A warm-up, not recorded: the first requests after start make the pool's
    // connections and prepare their statements, and the session read, which
    // comes first, varied by half between runs without it.
    wrk(base + '/', { duration: o.smoke ? 1 : 2, connections: o.connections, script, env: get('/api/session', trust).env });

    const rows = [];
    for (const [short, name, kind, op] of ops) {
      if (o.only && !o.only.includes(short)) continue;
      const alone = aloneMs(op);
      const r = wrk(base + '/', { duration: op.duration ?? o.duration, connections: op.connections ?? o.connections, script: op.script, env: op.env });
      rows.push({ short, name, kind, alone, ...r, connections: op.connections ?? o.connections });
      if (!alive(server.pid)) throw new Error(`the server ended during "${name}" (${serverEnd ?? 'see its output above'})`);
      // wrk leaves its last requests with the server when it stops; the next
      // operation starts when the server answers again, and the wait is shown.
      const drainStart = Date.now();
      await waitFor(`${base}/api/health`, 300000);
      rows[rows.length - 1].drainMs = Date.now() - drainStart;
    }
    // The day's mix at once, each connection its own wrk thread (mix.lua
    // times each request), for twice the duration: the rare operations need
    // enough requests for a p99.
    let mix = null;
    if (!o.only || o.only.includes('mix')) {
      const lines = [];
      let saveEnv = {};
      for (const [short, , , op] of ops) {
        if (!MIX[short]) continue;
        // The saves before have moved the entries' versions on.
        if (short === 'save') { lines.push(`save ${MIX.save} PUT -`); saveEnv = { ...op.env, OP_TARGETS: (await saveTargets()).join(',') }; } else lines.push(`${short} ${MIX[short]} ${op.env.OP_METHOD} ${op.env.OP_PATH} ${op.env.OP_COOKIE}`);
      }
      const r = wrk(base + '/', {
        duration: 2 * o.duration, connections: o.connections, threads: o.connections, script: join(root, 'bench', 'wrk', 'mix.lua'),
        env: { ...saveEnv, MIX_OPS: lines.join('\n') },
      });
      mix = { ...r, ops: parseMix(r.out) };
      if (!alive(server.pid)) throw new Error(`the server ended during the day's mix (${serverEnd ?? 'see its output above'})`);
      await waitFor(`${base}/api/health`, 300000);
    }

    // The region's report with every trust in it: one request at a time, as a
    // region's officer downloads it (the issue's figure is its time, not a rate).
    const exports = [];
    if (!o.only || o.only.includes('region-export'))
      for (const format of ['xlsx', 'docx']) {
        const times = [];
        let bytes = 0;
        for (let i = 0; i < 3; i++) {
          const start = process.hrtime.bigint();
          const res = await fetch(`${base}/api/periods/${t1.id}/reports/export?format=${format}`, { headers: { cookie: region.cookie } });
          const body = Buffer.from(await res.arrayBuffer());
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
          if (res.status !== 200) throw new Error(`the region's export as .${format}: ${res.status} ${body.toString().slice(0, 200)}`);
          bytes = body.length;
        }
        exports.push({ format, first: times[0], best: Math.min(...times), bytes });
      }
    const rss = peakRssMb(server.pid);

    // The physical limit: nginx serving a static file as large as a typical answer.
    let nginx = null;
    if (!o.smoke && (!o.only || o.only.includes('nginx')) && existsSync('/usr/sbin/nginx')) {
      const sample = await fetch(`${base}/api/orgs?limit=50`, { headers: { cookie: region.cookie } });
      const body = await sample.text();
      const www = join(work, 'www');
      execFileSync('mkdir', ['-p', www, join(work, 'nginx-logs')]);
      // nginx's workers run as another user: they must be able to enter the folder.
      chmodSync(work, 0o755);
      writeFileSync(join(www, 'answer.json'), body);
      const nport = await freePort();
      const conf = join(work, 'nginx.conf');
      writeFileSync(conf, `worker_processes 2; daemon off; pid ${work}/nginx.pid; error_log ${work}/nginx-logs/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:${nport}; root ${www}; } }\n`);
      const ng = spawn('/usr/sbin/nginx', ['-c', conf, '-p', work], { stdio: 'ignore' });
      children.push(ng);
      await waitFor(`http://127.0.0.1:${nport}/answer.json`, 10000);
      nginx = { bytes: body.length, ...wrk(`http://127.0.0.1:${nport}/answer.json`, { duration: o.duration, connections: o.connections, script, env: { OP_PATH: '/answer.json' } }) };
    }

    // The report.
    const f = (v, d = 1) => (v === null || v === undefined ? '–' : v.toFixed(d));
    console.log(`\nVarde load run: ${o.db ? `data set ${o.db}` : `scale ${o.scale}`}, store ${o.store}, ${o.duration} s per operation, wrk -t2`);
    console.log(`generate ${f(generateSeconds)} s; start-up ${startupMs} ms; peak RSS ${f(rss)} MB\n`);
    console.log('| operation | op | kind | alone ms | conn | req/s | p50 ms | p99 ms | errors | drain ms |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.name} | ${r.short} | ${r.kind} | ${f(r.alone, 2)} | ${r.connections} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${r.errors} | ${r.drainMs} |`);
    if (nginx) {
      console.log(`| nginx static file (${nginx.bytes} bytes) | nginx | limit | – | ${o.connections} | ${f(nginx.rps, 0)} | ${f(nginx.p50, 2)} | ${f(nginx.p99, 2)} | ${nginx.errors} | – |`);
      const session = rows.find((r) => r.short === 'session');
      if (session) console.log(`\nCheapest authenticated read: ${f((session.rps / nginx.rps) * 100)} % of nginx's static file.`);
    }
    if (mix) {
      const total = mix.ops.reduce((a, r) => a + r.requests, 0);
      console.log(`\nThe day's mix at once: ${o.connections} connections, ${2 * o.duration} s, ${f(mix.rps, 0)} req/s in all, p50 ${f(mix.p50, 2)} ms, p99 ${f(mix.p99, 2)} ms\n`);
      console.log('| operation | op | share % | req/s | p50 ms | p99 ms | errors |');
      console.log('|---|---|---|---|---|---|---|');
      for (const r of mix.ops) {
        const name = ops.find(([short]) => short === r.short)[1];
        console.log(`| ${name} | ${r.short} | ${f((100 * r.requests) / total)} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${r.errors} |`);
      }
    }
    for (const e of exports)
      console.log(`\nThe region's report, all ${trusts.length} trusts, 1st tertial, as .${e.format}: ${f(e.first, 0)} ms (first), ${f(e.best, 0)} ms (best of 3), ${(e.bytes / 1024).toFixed(0)} kB`);
    const failed = rows.filter((r) => r.errors > 0 || r.requests === 0);
    if (mix && (mix.errors > 0 || mix.ops.some((r) => r.errors > 0 || r.requests === 0))) failed.push({ name: "the day's mix" });
    if (failed.length) {
      console.log(`\nOperations with errors: ${failed.map((r) => r.name).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(children.filter((c) => c.exitCode === null).map((c) => {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      return exited;
    }));
    for (const fn of cleanup) fn();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(`bench: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message ?? e.cause})` : ""}`); process.exit(1); });
