// The clearance column of the grant table on the Organisasjon page: the
// admin sets a reader's clearance for classified documents and it stays
// after a reload; UNN's security officer (who manages but does not
// administer UNN) sees the level without a control to change it. axe checks
// both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, login, treeNode, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';


const env = useServerAndBrowser();

async function openUnn(page) {
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Organisasjon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Organisasjon' }).waitFor();
  for (const code of ['NO', 'HN']) {
    const toggle = page.locator(`li[data-org-code="${code}"] > .row button[aria-expanded]`);
    if ((await toggle.count()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  }
  await treeNode(page, 'UNN').click();
  await page.getByRole('heading', { level: 2, name: 'Universitetssykehuset Nord-Norge HF' }).waitFor();
  await page.locator('#grants-table').waitFor();
}

const row = (page, username) => page.locator(`#grants-table tbody tr[data-username="${username}"]`);

test('the admin sets a reader\'s clearance in the grant table; the security officer sees it', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'admin');
  await openUnn(page);
  const select = page.getByLabel('Klarering for Leser – Lise Pedersen');
  assert.equal(await select.inputValue(), '', "the role's default to begin with");
  assert.equal(await row(page, 'unn.leser').locator('td[data-clearance]').getAttribute('data-clearance'), 'internal');
  await select.selectOption({ label: 'Fortrolig' });
  await page.getByText('Lise Pedersen er nå klarert for Fortrolig.').waitFor();
  await expectNoAxeViolations(page, 'the grant table with clearances');
  // From the server, after a reload (the address keeps the chosen node).
  await page.reload();
  await page.locator('#grants-table').waitFor();
  assert.equal(await page.getByLabel('Klarering for Leser – Lise Pedersen').inputValue(), 'confidential');
  expectNoPageErrors(page);
  await context.close();

  const officer = await newPage(env.browser, env.srv.url);
  await login(officer.page, 'unn.isl');
  await openUnn(officer.page);
  const cell = row(officer.page, 'unn.leser').locator('td[data-clearance]');
  assert.equal(await cell.innerText(), 'Fortrolig');
  assert.equal(await cell.locator('select').count(), 0, 'no control without administer');
  assert.match(await row(officer.page, 'unn.leder').locator('td[data-clearance]').innerText(), /\(rollens standard\)/);
  await expectNoAxeViolations(officer.page, 'the grant table as the security officer');
  expectNoPageErrors(officer.page);
  await officer.context.close();
});
