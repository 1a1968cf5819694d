// "Tiltak som behandler risikoen" in the env.browser: UNN's security officer
// opens a demo risk, links a measure of the regional action plan with the
// keyboard only (search field, list, button), sees it listed, opens it in
// /handlingsplaner and finds the risk listed there with a link back; then
// removes the link, again by keyboard. A reader sees the list without the
// picker. axe-core checks the risk page and the measure page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, login, openArea, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';


const env = useServerAndBrowser();

const ASSESSMENT = 'ROS-analyse: tilgangsstyring i pasientjournalen';
const RISK = 'Felles pålogging på akuttmottakets arbeidsstasjoner';
const MEASURE = 'Phishingøvelse for ledere';

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

async function openRisk(page) {
  await openArea(page, 'Risiko');
  await page.getByRole('link', { name: ASSESSMENT }).click();
  await page.getByRole('heading', { level: 1, name: ASSESSMENT }).waitFor();
  await page.getByRole('link', { name: RISK }).click();
  await page.getByRole('heading', { level: 1, name: RISK }).waitFor();
  return page.getByTestId('risk-measures');
}

test('unn.isl links a measure to a demo risk by keyboard, opens it and finds the risk listed there', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'unn.isl');
  const section = await openRisk(page);
  await section.getByRole('heading', { level: 2, name: 'Tiltak som behandler risikoen' }).waitFor();
  await section.getByText('Ingen tiltak er knyttet til risikoen ennå.').waitFor();
  await section.getByRole('combobox', { name: 'Tiltak' }).locator('option', { hasText: MEASURE }).waitFor({ state: 'attached' });
  await expectNoAxeViolations(page, 'the risk with the measure picker');

  // Keyboard only: from the section's heading, Tab reaches the search field.
  await section.getByRole('heading', { level: 2, name: 'Tiltak som behandler risikoen' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'measure-search');
  await page.keyboard.type('phishing');
  const choice = section.getByRole('combobox', { name: 'Tiltak' });
  await section.getByText('1 tiltak passer søket.').waitFor({ state: 'attached' });
  assert.deepEqual(await choice.locator('option').allTextContents(), [`${MEASURE} – HN, Fullført`]);
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'measure-choice');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Knytt til risikoen');
  await page.keyboard.press('Enter');

  await section.getByText(`«${MEASURE}» er knyttet til risikoen.`).waitFor();
  const row = section.getByRole('row', { name: new RegExp(MEASURE) });
  await row.waitFor();
  await assert.doesNotReject(row.getByRole('link', { name: /Regional handlingsplan/ }).waitFor());
  await assert.doesNotReject(row.getByRole('cell', { name: 'Fullført' }).waitFor());
  await expectNoAxeViolations(page, 'the risk with a linked measure');

  // Open it (Enter on the link) and see the risk listed, with a link back.
  await row.getByRole('link', { name: MEASURE }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: MEASURE }).waitFor();
  const back = page.getByTestId('measure-risks');
  await back.getByRole('heading', { level: 2, name: 'Risikoer tiltaket behandler' }).waitFor();
  const link = back.getByRole('link', { name: RISK });
  await link.waitFor();
  await assert.doesNotReject(back.getByText(`i ${ASSESSMENT} (UNN)`).waitFor());
  await expectNoAxeViolations(page, 'the measure with its risks');

  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: RISK }).waitFor();

  // Remove the link by keyboard: focus moves back to the section's heading.
  const remove = page.getByTestId('risk-measures').getByRole('button', { name: `Fjern koblingen til «${MEASURE}»` });
  await remove.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('risk-measures').getByText(`Koblingen til «${MEASURE}» er fjernet.`).waitFor();
  assert.equal(await page.getByTestId('risk-measures').getByRole('row', { name: new RegExp(MEASURE) }).count(), 0);
  assert.equal(await activeId(page), 'risk-measures-heading');
  expectNoPageErrors(page);
  await context.close();
});

test("a reader sees the demo risk's measure but no picker", async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'unn.leser');
  await openArea(page, 'Risiko');
  await page.getByRole('link', { name: ASSESSMENT }).click();
  await page.getByRole('link', { name: 'Oppslag i journal uten tjenstlig behov' }).click();
  const section = page.getByTestId('risk-measures');
  await section.getByRole('link', { name: 'Grunnkurs i informasjonssikkerhet for alle nyansatte' }).waitFor();
  assert.equal(await section.getByLabel('Søk i tiltakene').count(), 0);
  assert.equal(await section.getByRole('button', { name: /^Fjern/ }).count(), 0);
  await expectNoAxeViolations(page, 'the risk as a reader');
  expectNoPageErrors(page);
  await context.close();
});
