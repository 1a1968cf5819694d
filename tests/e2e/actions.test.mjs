// "Handlingsplaner" in the env.browser: the demo's regional plan for Helse Nord as
// UNN sees it (only the measures UNN answers for), a measure's status changed
// with the keyboard alone and seen in its history, the region's whole plan
// with its overviews, and the upload of a plan with its preview. Every page
// and state is checked with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, login, openArea, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';


const env = useServerAndBrowser();

const AREA = 'Handlingsplaner';
const PLAN = 'Regional handlingsplan for informasjonssikkerhet og personvern i Helse Nord';
const MEASURE = 'Grunnkurs i informasjonssikkerhet for alle nyansatte';

test('a trust sees the regional measures it answers for and changes a status with the keyboard alone', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openArea(page, AREA);
    await page.getByRole('link', { name: PLAN }).waitFor();
    await expectNoAxeViolations(page, 'the list of plans');

    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.getByText('Du ser bare tiltakene virksomheten din har ansvar for').waitFor();
    const titles = await page.locator('table.measures tbody tr td:first-child a').allTextContents();
    assert.deepEqual(titles.sort(), [
      'Grunnkurs i informasjonssikkerhet for alle nyansatte',
      'Månedlig rapportering av sikkerhetshendelser',
      'Oversikt over medisinsk-teknisk utstyr i nettet',
      'Phishingøvelse for ledere',
    ]);
    // Helse Nord IKT's own measure is not UNN's to see.
    assert.equal(await page.getByText('Tofaktorinnlogging for fjerntilgang').count(), 0);
    await expectNoAxeViolations(page, 'the plan as UNN sees it');

    await page.getByRole('link', { name: MEASURE }).click();
    await page.getByRole('heading', { level: 1, name: MEASURE }).waitFor();
    await expectNoAxeViolations(page, 'the measure');
    const history = page.getByTestId('history');
    assert.equal(await history.locator('li').count(), 2);

    // Keyboard only: the status field, one step down the scale (Pågår → Fullført), the comment, Enter.
    const status = page.getByLabel('Status', { exact: true });
    await status.focus();
    assert.equal(await status.inputValue(), 'in_progress');
    await page.keyboard.press('ArrowDown');
    assert.equal(await status.inputValue(), 'done');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'update-comment');
    await page.keyboard.type('Alle nyansatte ved UNN har tatt kurset siden mars.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await page.getByText('Oppdateringen er lagret.').waitFor();
    assert.equal(await history.locator('li').count(), 3);
    const newest = history.locator('li').first();
    assert.match(await newest.innerText(), /unn\.isl · status endret fra Pågår til Fullført/);
    assert.match(await newest.innerText(), /Alle nyansatte ved UNN har tatt kurset siden mars\./);
    assert.match(await page.getByTestId('status-text').innerText(), /Alle nyansatte ved UNN/);
    await expectNoAxeViolations(page, 'the measure after the update');

    // Postponing without a reason is refused beside the field.
    await status.selectOption('postponed');
    await page.getByRole('button', { name: 'Lagre oppdateringen' }).click();
    await page.locator('#update-comment-error').waitFor();
    assert.equal(await page.getByLabel('Kommentar').getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'the update form with an error');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the region sees the whole plan with its overviews, and uploads a plan with a preview', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    assert.equal(await page.locator('table.measures tbody tr').count(), 6);
    const byArea = page.locator('table.counts').first();
    await byArea.getByRole('rowheader', { name: '3.1 Styring og oppfølging' }).waitFor();
    await page.getByRole('button', { name: 'Lag versjon 2' }).waitFor();
    for (const f of ['DOCX', 'XLSX', 'MD', 'HTML', 'CSV', 'Tiltakene som XLSX']) await page.getByRole('link', { name: f, exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the whole plan');

    // The plan's owner edits a measure's fields; its status stays a progress update.
    await page.getByRole('link', { name: 'Tofaktorinnlogging for fjerntilgang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tofaktorinnlogging for fjerntilgang' }).waitFor();
    await page.getByRole('button', { name: 'Endre tiltaket' }).click();
    await page.getByLabel('Tidsperiode', { exact: true }).fill('2025 - 2026');
    await page.getByLabel('Ansvarlig person', { exact: true }).fill('Håkon Strand');
    await expectNoAxeViolations(page, 'the edit form');
    await page.getByRole('button', { name: 'Lagre endringene' }).click();
    await page.getByText('Endringene er lagret.').waitFor();
    const fields = await page.locator('dl.fields').innerText();
    assert.match(fields, /Tidsperiode\s+2025 - 2026 \(frist/, fields);
    assert.match(fields, /Ansvarlig person\s+Håkon Strand/, fields);
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();

    await page.getByRole('link', { name: AREA }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Last opp en handlingsplan for Helse Nord RHF' }).waitFor();
    const text = 'Handlingsplan for sikker drift\nPlanperiode: 2026-2027\n\n1.1 Drift\n\nOmrådet.\n\nSikkerhetskopier testes\n\n'
      + 'Beskrivelse: Gjenoppretting fra sikkerhetskopi prøves hvert kvartal.\n\nStatus: Ikke startet\n\nTidsperiode: Q1:2026\n\n'
      + 'Ansvarlig: Helse Nord IKT HF og Helse Sør-Øst RHF\n';
    await page.getByLabel('Fil med handlingsplanen').setInputFiles({ name: 'drift.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    const preview = page.getByTestId('plan-preview');
    await preview.waitFor();
    await preview.getByText('«Handlingsplan for sikker drift» (2026–2027): 1 områder og 1 tiltak.').waitFor();
    await preview.getByText(/Linje 8: «Helse Sør-Øst RHF» er ingen enhet i Varde/).waitFor();
    await expectNoAxeViolations(page, 'the import preview');
    await page.getByRole('button', { name: 'Importer 1 tiltak' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handlingsplan for sikker drift' }).waitFor();
    await page.getByRole('link', { name: 'Sikkerhetskopier testes' }).waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the region links a measure to a requirement by keyboard, follows the link and removes it again', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.getByRole('link', { name: 'Felles mal for ledelsens gjennomgang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Felles mal for ledelsens gjennomgang' }).waitFor();
    const section = page.getByTestId('measure-requirements');
    await section.getByText('Tiltaket er ikke knyttet til noe krav.').waitFor();
    await section.getByRole('combobox', { name: 'Krav', exact: true }).locator('option').first().waitFor({ state: 'attached' });

    // Keyboard only: the search field, the list, the button.
    await section.getByLabel('Søk i kravene').focus();
    await page.keyboard.type('krav 22:');
    await section.getByText('1 krav passer søket.').waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'measure-req-choice');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await section.getByText(/^Tiltaket er knyttet til .* krav 22\.$/).waitFor();
    const link = section.getByRole('link', { name: /krav 22$/ });
    await link.waitFor();
    await expectNoAxeViolations(page, 'the measure with a requirement');

    // It is stored: after a reload it is there, and it leads to the requirement's history.
    await page.reload();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/oppdrag\/historikk\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Krav 22 over tid' }).waitFor();
    await page.goBack();
    const remove = page.getByTestId('measure-requirements').getByRole('button', { name: /^Fjern koblingen til .* krav 22$/ });
    await remove.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('measure-requirements').getByText('Tiltaket er ikke knyttet til noe krav.').waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});
