// The app shell: every area in the left menu opens (built ones or a "kommer"
// page), passes axe, has one h1 and the landmarks; the organisation switcher and
// the language choice are remembered across reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser,
  newPage,
  login,
  navLink,
  openArea,
  expectNoAxeViolations,
  expectNoPageErrors,
} from '../lib/browser.mjs';


const env = useServerAndBrowser();

const AREAS_NB = [
  'Oversikt',
  'Oppdrag og rapportering',
  'Handlingsplaner',
  'Risiko',
  'Styrende dokumenter',
  'Rammeverk og samsvar',
  'Avvik',
  'Revisjonsspor',
  'Organisasjon',
];
const AREAS_EN = [
  'Overview',
  'Commissioning and reporting',
  'Action plans',
  'Risk',
  'Governing documents',
  'Frameworks and compliance',
  'Deviations',
  'Audit trail',
  'Organisation',
];
const COMING = new Set(['Rammeverk og samsvar', 'Avvik']);

test('every area in the menu opens, is marked current, and passes axe', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    const names = await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allInnerTexts();
    assert.deepEqual(names.map((n) => n.trim()), AREAS_NB);
    for (const name of AREAS_NB) {
      await openArea(page, name);
      assert.equal(await navLink(page, name).getAttribute('aria-current'), 'page');
      assert.equal(await page.locator('h1').count(), 1, `one h1 on ${name}`);
      assert.equal(await page.getByRole('banner').count(), 1);
      assert.equal(await page.getByRole('main').count(), 1);
      if (COMING.has(name)) await page.getByRole('main').getByText('Kommer.').waitFor();
      if (name === 'Revisjonsspor') await page.getByRole('table').waitFor();
      if (name === 'Organisasjon') await page.locator('li[data-org-code="NO"]').waitFor();
      assert.match(await page.title(), new RegExp(`^${name} – Varde$`));
      await expectNoAxeViolations(page, `area ${name}`);
    }
    // Each area has its own address, so a reload stays there.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Organisasjon' }).waitFor();
    // Back goes to the previous area.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Revisjonsspor' }).waitFor();
    // An unknown address inside the app shows a not-found page, not an error.
    await page.goto('/finnes-ikke');
    await page.getByRole('heading', { level: 1, name: 'Fant ikke siden' }).waitFor();
    await expectNoAxeViolations(page, 'not found page');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('switching organisation to UNN is shown in the top bar and kept after reload', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    const select = page.getByLabel('Virksomhet');
    // The switcher lists every node admin can see, the whole tree from NO down.
    const options = await select.locator('option').allInnerTexts();
    assert.ok(options.some((o) => o.includes('(NO)')));
    assert.ok(options.some((o) => o.includes('(UNN)')));
    assert.ok(options.some((o) => o.includes('(STO)')));
    const unn = await select.locator('option', { hasText: '(UNN)' }).getAttribute('value');
    await select.selectOption(unn);
    await page.reload();
    await page.getByRole('banner').getByText('Vera Dahl (systemadministrator)').waitFor();
    await page.locator('#org-switcher option').first().waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel('Virksomhet').inputValue(), unn);
    const shown = await page.locator('#org-switcher').evaluate((s) => s.selectedOptions[0]?.textContent ?? '');
    assert.match(shown, /Universitetssykehuset Nord-Norge HF \(UNN\)/);
    // The overview says where the user works, and Organisasjon opens there.
    await page.getByRole('main').getByText('Du arbeider nå i Universitetssykehuset Nord-Norge HF (UNN).').waitFor();
    await openArea(page, 'Organisasjon');
    await page.getByRole('heading', { level: 2, name: 'Universitetssykehuset Nord-Norge HF' }).waitFor();
  } finally {
    await context.close();
  }
});

test('switching language to English changes the menu and <html lang>, and is remembered', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Overview', exact: true }).waitFor();
    assert.deepEqual((await nav.getByRole('link').allInnerTexts()).map((n) => n.trim()), AREAS_EN);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await expectNoAxeViolations(page, 'shell in English');

    await openArea(page, 'Organisation');
    await page.getByRole('heading', { level: 2, name: 'Universitetssykehuset Nord-Norge HF' }).waitFor();
    await page.getByRole('columnheader', { name: 'Role' }).waitFor();
    await page.getByRole('cell', { name: 'Information security officer' }).first().waitFor();
    await expectNoAxeViolations(page, 'Organisation in English');

    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    await page.getByRole('button', { name: 'Norsk' }).click();
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oversikt' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nb');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a user without audit permission gets a clear message on Revisjonsspor', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leser');
    await openArea(page, 'Revisjonsspor');
    await page.getByText('Du har ikke tilgang til revisjonssporet.').waitFor();
    await expectNoAxeViolations(page, 'audit page without permission');
  } finally {
    await context.close();
  }
});

test('the auditor sees the audit trail and can filter and page it', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    await openArea(page, 'Revisjonsspor');
    const table = page.getByRole('table');
    await table.waitFor();
    assert.ok((await table.locator('tbody tr').count()) > 0);
    await page.getByLabel('Objekttype').selectOption('grant');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/audit') && r.url().includes('entity=grant')),
      page.getByRole('button', { name: 'Vis', exact: true }).click(),
    ]);
    const entities = await table.locator('tbody tr [data-entity]').evaluateAll((els) => els.map((e) => e.dataset.entity));
    assert.ok(entities.length > 0);
    assert.ok(entities.every((e) => e === 'grant'), `only grant events: ${entities}`);
    await table.locator('tbody tr').first().getByText('Vis endring').click();
    await expectNoAxeViolations(page, 'audit page filtered, one change open');
  } finally {
    await context.close();
  }
});
