// Login, logout and keyboard-only use of the shell, in a real env.browser against a
// real `varde serve` (demo data). Every screen visited is checked with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, login, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';


const env = useServerAndBrowser();

test('the login page is labelled, accessible and Norwegian by default', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logg inn i Varde' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nb');
    const user = page.getByLabel('Brukernavn');
    const pass = page.getByLabel('Passord');
    assert.equal(await user.getAttribute('autocomplete'), 'username');
    assert.equal(await pass.getAttribute('autocomplete'), 'current-password');
    assert.equal(await pass.getAttribute('type'), 'password');
    assert.equal(await page.getByRole('main').count(), 1);
    assert.equal(await page.locator('h1').count(), 1);
    await expectNoAxeViolations(page, 'login page');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('admin logs in and the shell shows Varde and the user; logout returns to login', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    const bar = page.getByRole('banner');
    await bar.getByText('Varde', { exact: true }).waitFor();
    await bar.getByText('Vera Dahl (systemadministrator)').waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Hovedmeny' }).count(), 1);
    assert.equal(await page.getByRole('main').count(), 1);
    assert.equal(await page.locator('h1').count(), 1);
    await page.getByRole('heading', { level: 1, name: 'Oversikt' }).waitFor();
    await expectNoAxeViolations(page, 'shell (Oversikt)');

    // The session survives a reload (cookie), and logging out ends it.
    await page.reload();
    await page.getByRole('banner').getByText('Vera Dahl (systemadministrator)').waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'DELETE'),
      page.getByRole('button', { name: 'Logg ut' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Logg inn i Varde' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Logg inn i Varde' }).waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test("a wrong password shows the server's message", async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await page.goto('/');
    await page.getByLabel('Brukernavn').fill('unn.isl');
    await page.getByLabel('Passord').fill('feil-passord');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Logg inn' }).click(),
    ]);
    assert.equal(res.status(), 401);
    const problem = await res.json();
    const message = page.locator('#login-error');
    await message.waitFor();
    assert.match(await message.innerText(), /Feil brukernavn eller passord/);
    assert.ok((await message.innerText()).includes(problem.detail), 'the UI shows the problem detail');
    // Still on the login page, the password field is cleared, and it is accessible.
    assert.equal(await page.getByLabel('Passord').inputValue(), '');
    await expectNoAxeViolations(page, 'login page with error');
  } finally {
    await context.close();
  }
});

test('keyboard only: log in, skip link, Tab through the nav to Organisasjon and pick a node', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName,
        id: el?.id,
        text: el?.textContent?.trim().replace(/\s+/g, ' '),
        label: el?.getAttribute('aria-label'),
        nav: !!el?.closest('nav'),
      };
    });
  const tabTo = async (predicate, max = 40, key = 'Tab') => {
    const seen = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const a = await active();
      seen.push(a);
      if (predicate(a)) return seen;
    }
    assert.fail(`never reached the target with ${key}; focus went through ${JSON.stringify(seen)}`);
  };
  try {
    await page.goto('/');
    await page.getByLabel('Brukernavn').waitFor();

    // Log in with the keyboard alone.
    await tabTo((a) => a.id === 'login-username');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    assert.equal((await active()).id, 'login-password');
    await page.keyboard.type('varde-demo');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    await page.getByRole('banner').getByText('Vera Dahl (systemadministrator)').waitFor();

    // The first Tab reaches the skip link, which is then visible; Enter moves focus to main.
    await page.keyboard.press('Tab');
    let a = await active();
    assert.equal(a.text, 'Hopp til hovedinnhold');
    const box = await page.getByRole('link', { name: 'Hopp til hovedinnhold' }).boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal((await active()).id, 'main');

    // From the skip link, Tab goes through the top bar and then the nav, in order.
    await page.keyboard.press('Shift+Tab');
    await tabTo((x) => x.text === 'Hopp til hovedinnhold', 40, 'Shift+Tab');
    const seen = await tabTo((x) => x.nav && x.text === 'Organisasjon');
    const navOrder = seen.filter((x) => x.nav).map((x) => x.text);
    assert.deepEqual(navOrder, [
      'Oversikt',
      'Oppdrag og rapportering',
      'Handlingsplaner',
      'Risiko',
      'Styrende dokumenter',
      'Rammeverk og samsvar',
      'Avvik',
      'Revisjonsspor',
      'Organisasjon',
    ]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Organisasjon' }).waitFor();
    a = await active();
    assert.equal(a.tag, 'H1', 'focus moves to the new page heading');

    // The tree: open Helse Nord with the keyboard, then select UNN.
    const hnToggle = page.getByRole('button', { name: 'Underenheter av Helse Nord RHF' });
    await tabTo((x) => x.label === 'Underenheter av Helse Nord RHF');
    assert.equal(await hnToggle.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    assert.equal(await hnToggle.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Space');
    assert.equal(await hnToggle.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Space');
    assert.equal(await hnToggle.getAttribute('aria-expanded'), 'true');
    await tabTo((x) => x.tag === 'A' && /^Universitetssykehuset Nord-Norge HF/.test(x.text ?? ''));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Universitetssykehuset Nord-Norge HF' }).waitFor();
    assert.match(page.url(), /\/organisasjon\/\d+$/);
    await expectNoAxeViolations(page, 'org page reached by keyboard');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});
