// Browser helpers for the UI tests: Debian's chromium driven by playwright-core
// (no browser downloads), axe-core for WCAG 2.1 A/AA checks, and a login helper.
//
//   const env = useServerAndBrowser();                // one per test file
//   const { context, page } = await newPage(env.browser, env.srv.url);   // one per test
//   await login(page, 'admin');
//   await expectNoAxeViolations(page, 'org page');
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD, startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// A demo server and a browser for one test file: both start (side by side)
// before its first test and close after its last. The returned object's
// `srv` and `browser` are set once they have started; `ready`, if given,
// runs then (e.g. to look up demo ids through the API).
export function useServerAndBrowser(ready) {
  const env = { srv: null, browser: null };
  before(async () => {
    [env.srv, env.browser] = await Promise.all([startServer(), launchBrowser()]);
    if (ready) await ready(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}

// A fresh context (own cookies and localStorage) and page. The server's CSP
// forbids inline scripts, so the context bypasses CSP to let axe be injected.
export async function newPage(browser, baseURL, { locale = 'nb-NO', viewport = { width: 1366, height: 900 } } = {}) {
  const context = await browser.newContext({ baseURL, bypassCSP: true, locale, viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.jsErrors = errors;
  return { context, page };
}

// Runs axe on the whole document; fails listing every violation and its nodes.
export async function expectNoAxeViolations(page, label = page.url()) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`),
    }));
  }, WCAG_TAGS);
  assert.deepEqual(violations, [], `axe found WCAG violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
}

// Opens the app at `path` and logs in through the login form; waits for the shell.
export async function login(page, username, { password = DEMO_PASSWORD, path = '/' } = {}) {
  await page.goto(path);
  await page.getByLabel(/^(Brukernavn|Username)$/).fill(username);
  await page.getByLabel(/^(Passord|Password)$/).fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
    page.getByRole('button', { name: /^(Logg inn|Log in)$/ }).click(),
  ]);
  await page.locator('header.topbar').waitFor();
  await page.locator('#org-switcher option').first().waitFor({ state: 'attached' });
}

// The nav link for an area, by its visible name.
export function navLink(page, name) {
  return page.getByRole('navigation', { name: /^(Hovedmeny|Main menu)$/ }).getByRole('link', { name, exact: true });
}

// Navigates with the left menu and waits for the page's h1.
export async function openArea(page, name) {
  await navLink(page, name).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

// The tree row link for the node with this code on the Organisasjon page.
export function treeNode(page, code) {
  return page.locator(`li[data-org-code="${code}"] > .row a`);
}

// Fails if the page threw uncaught errors.
export function expectNoPageErrors(page) {
  assert.deepEqual(page.jsErrors.map((e) => String(e)), [], 'uncaught errors in the page');
}
