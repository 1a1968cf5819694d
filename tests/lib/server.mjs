// Starts a real `varde serve` for a test file, on a fresh database of the kind
// the test run asks for: SQLite (a temp file) or PostgreSQL (a fresh database
// in the throwaway server whose URL is in VARDE_TEST_PG_URL).
//
//   const srv = await startServer();          // demo data loaded
//   const res = await fetch(srv.url + '/api/health');
//   await srv.stop();
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const varde = process.env.VARDE_BIN || join(root, 'build', 'varde');
export const storeKind = process.env.VARDE_TEST_STORE || 'sqlite';
export const DEMO_PASSWORD = 'varde-demo';

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

let dbCounter = 0;

// A fresh, empty database URL of the kind under test, and a function that drops it.
export function freshDatabase() {
  if (storeKind === 'postgres') {
    const base = process.env.VARDE_TEST_PG_URL;
    if (!base) throw new Error('VARDE_TEST_STORE=postgres needs VARDE_TEST_PG_URL');
    const name = `varde_t${process.pid}_${Date.now()}_${dbCounter++}`;
    execFileSync('psql', [base, '-q', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
    const url = base.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return {
      url,
      drop() {
        try {
          execFileSync('psql', [base, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' });
        } catch { /* best effort */ }
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'varde-test-'));
  return { url: join(dir, 'varde.db'), drop() { rmSync(dir, { recursive: true, force: true }); } };
}

// Runs the varde CLI; returns {status, stdout, stderr}.
export function cli(args, { input, env } = {}) {
  try {
    const stdout = execFileSync(varde, args, { input, env: { ...process.env, ...env }, stdio: 'pipe' });
    return { status: 0, stdout: stdout.toString(), stderr: '' };
  } catch (e) {
    return { status: e.status ?? 1, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? '' };
  }
}

async function waitHealthy(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`varde exited with ${child.exitCode}`);
    try {
      const res = await fetch(url + '/api/health');
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('varde did not become healthy in time');
}

// Starts a server. Options: demo (default true), db (an existing database URL
// to share, e.g. for a second server), extraArgs, env.
export async function startServer({ demo = true, db, extraArgs = [], env = {} } = {}) {
  const owned = db ? null : freshDatabase();
  const dbUrl = db || owned.url;
  if (!db) {
    const r = cli(['init', ...(demo ? ['--demo'] : []), '--db', dbUrl], { env });
    if (r.status !== 0) throw new Error(`varde init failed: ${r.stderr}`);
  }
  const port = await freePort();
  const args = ['serve', '--db', dbUrl, '--listen', `127.0.0.1:${port}`, '--ui', join(root, 'web', 'dist'), ...extraArgs];
  const child = spawn(varde, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, VARDE_LOG_LEVEL: 'warn', ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, 15000);
  } catch (e) {
    child.kill('SIGKILL');
    owned?.drop();
    throw new Error(`${e.message}\n${stderr}`);
  }
  return {
    url,
    db: dbUrl,
    port,
    child,
    get stderr() { return stderr; },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      owned?.drop();
    },
  };
}

// A logged-in API client: keeps the session cookie and sends the CSRF token.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }

  async login(username, password = DEMO_PASSWORD) {
    const res = await this.request('POST', '/api/session', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrf = res.body.csrf_token;
    return res;
  }

  // Sends a request; body may be an object (sent as JSON) or a string (sent raw).
  async request(method, path, body, headers = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /varde_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `varde_session=${m[1]}` : '';
    }
    const text = await res.text();
    let parsed = text;
    const ct = res.headers.get('content-type') || '';
    if (ct.includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body); }
  patch(path, body, headers) { return this.request('PATCH', path, body, headers); }
  del(path) { return this.request('DELETE', path); }
}
