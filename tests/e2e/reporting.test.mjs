// "Oppdrag og rapportering": a trust's report for a period (grouped by chapter,
// with achievement and workflow state), the report editor with autosave, the
// edit conflict, submit and approve by role, the region's matrix and the
// side-by-side texts, closing and reopening a period, the commissioning
// document with the CSV template and numbers, and the personal calendar feed.
// Every page and state is checked with axe. The tests run in order on one
// demo database (today is past the T1 and T2 due dates of the demo year).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';
import {
  useServerAndBrowser,
  newPage,
  login,
  openArea,
  expectNoAxeViolations,
  expectNoPageErrors,
} from '../lib/browser.mjs';


const env = useServerAndBrowser();

const AREA = 'Oppdrag og rapportering';
const UNN = 'Universitetssykehuset Nord-Norge HF';
const TEXT_51 = 'Gjennomgangen av databehandleravtaler er ferdig: 12 av 14 avtaler er fornyet. Én leverandør i Tromsø mangler fortsatt avtale; oppfølging pågår, og vi rapporterer på dette i 2. tertial (æøå ÆØÅ).';

// The demo ids, looked up through the API rather than assumed.
async function demoIds() {
  const c = new Client(env.srv.url);
  await c.login('hn.isl');
  const orgs = (await c.get('/api/orgs')).body.items;
  const unn = orgs.find((o) => o.code === 'UNN');
  const hn = orgs.find((o) => o.code === 'HN');
  const periods = (await c.get(`/api/orgs/${hn.id}/periods`)).body.items;
  const t1 = periods.find((p) => p.year === 2026 && p.kind === 'T1');
  const t2 = periods.find((p) => p.year === 2026 && p.kind === 'T2');
  const report = (await c.get(`/api/orgs/${unn.id}/reports/${t1.id}`)).body;
  const req = Object.fromEntries(report.items.map((i) => [i.requirement.number, i.requirement.id]));
  return { unn: unn.id, hn: hn.id, t1: t1.id, t2: t2.id, req };
}

// Opens the area and chooses a period on the trust's report.
async function openTrustReport(page, periodLabel) {
  await openArea(page, AREA);
  await page.getByRole('heading', { level: 2, name: `Rapport for ${UNN}` }).waitFor();
  const select = page.getByLabel('Periode', { exact: true });
  await select.selectOption({ label: periodLabel });
  await page.locator('article[data-requirement="51"]').waitFor();
}

async function openRequirement(page, number) {
  await page.locator(`article[data-requirement="${number}"] h4 a`).click();
  await page.getByRole('heading', { level: 1, name: `Krav ${number} – ${UNN}` }).waitFor();
}

const saveStatus = (page) => page.getByTestId('save-status');

async function waitSaved(page) {
  await page.waitForFunction(
    () => /^Lagret \d{2}[:.]\d{2}$/.test(document.querySelector('[data-testid="save-status"]')?.textContent?.trim() ?? ''),
    null,
    { timeout: 10_000 },
  );
}

test('unn.isl sees T1 grouped by chapter, writes requirement 51 with autosave, reloads, and submits', async () => {
  const ids = await demoIds();
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openTrustReport(page, '1. tertial 2026');

    // Chapters as in the oppdragsdokument, and only what applies to UNN in T1.
    const chapters = await page.locator('section[data-chapter] > h3').allInnerTexts();
    assert.ok(chapters.some((c) => /^3\.0\s+Vår felles helsetjeneste/.test(c)), chapters.join(' | '));
    assert.ok(chapters.some((c) => /^4\.2\s+Informasjonssikkerhet og personvern$/.test(c)));
    assert.ok(chapters.some((c) => /^8\.0\s+Teknologi$/.test(c)));
    const numbers = await page.locator('article[data-requirement]').evaluateAll((els) => els.map((e) => e.dataset.requirement));
    assert.deepEqual(numbers, ['3', '21', '23', '51'], '22 is for HNIKT only; 30 is reported in T2');

    const r21 = page.locator('article[data-requirement="21"]');
    assert.equal(await r21.locator('[data-field="applies_to"]').innerText(), 'Alle');
    assert.equal(await r21.locator('[data-field="reporting"]').innerText(), 'Tertialrapporter og Årlig melding');
    assert.match(await r21.locator('[data-field="deadlines"]').innerText(), /innen 15\. mars hvert år/);
    assert.equal(await r21.locator('[data-achievement]').innerText(), 'Delvis oppnådd');
    assert.match(await r21.locator('[data-state]').innerText(), /Godkjent/);
    const r51 = page.locator('article[data-requirement="51"]');
    assert.equal(await r51.locator('[data-achievement]').innerText(), 'Ikke oppnådd');
    assert.match(await r51.locator('[data-state]').innerText(), /Utkast/);

    // What is due next, and the report as files.
    assert.match(await page.getByTestId('period-due').innerText(), /15\. mai 2026/);
    for (const f of ['docx', 'xlsx', 'md', 'html']) {
      const href = await page.locator(`a[data-format="${f}"]`).getAttribute('href');
      assert.equal(href, `/api/orgs/${ids.unn}/reports/${ids.t1}/export?format=${f}`);
    }
    assert.ok(page.url().includes(`periode=${ids.t1}`), 'the period is kept in the address');
    await expectNoAxeViolations(page, 'trust report T1');

    // The editor: autosave after typing stops (no blur), visible status.
    await openRequirement(page, '51');
    assert.equal(new URL(page.url()).pathname, `/oppdrag/rapport/${ids.unn}/${ids.t1}/${ids.req['51']}`);
    assert.equal(await page.title(), `Krav 51 – ${UNN} – Varde`);
    const text = page.getByLabel('Rapporteringstekst', { exact: true });
    assert.match(await text.inputValue(), /14 leverandører/);
    assert.equal(await page.getByLabel('Måloppnåelse', { exact: true }).inputValue(), 'not_achieved');
    await expectNoAxeViolations(page, 'report editor');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/reports/'));
    await text.fill(TEXT_51);
    assert.equal(await page.getByRole('status').filter({ hasText: 'Lagret' }).count(), 0, 'not saved before the pause');
    const res = await saved;
    assert.equal(res.status(), 200);
    assert.equal(res.request().headers()['if-match'], '"1"', 'the existing entry is saved with its version');
    await waitSaved(page);
    assert.equal(await saveStatus(page).getAttribute('aria-live'), 'polite');

    // The achievement saves at once when it changes.
    const saved2 = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/reports/'));
    await page.getByLabel('Måloppnåelse', { exact: true }).selectOption('partly');
    assert.equal((await saved2).status(), 200);
    await waitSaved(page);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Krav 51 – ${UNN}` }).waitFor();
    await page.getByLabel('Rapporteringstekst', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Rapporteringstekst', { exact: true }).inputValue(), TEXT_51);
    assert.equal(await page.getByLabel('Måloppnåelse', { exact: true }).inputValue(), 'partly');

    // unn.isl (security officer) contributes but does not approve.
    assert.equal(await page.getByRole('button', { name: 'Godkjenn' }).count(), 0);
    await page.getByRole('button', { name: 'Send inn' }).click();
    await page.getByTestId('entry-flash').getByText('Rapporteringen er sendt inn.').waitFor();
    assert.match(await page.getByTestId('entry-state').innerText(), /Sendt inn/);
    await page.getByText('Rapporteringen er sendt inn. Endrer du den').waitFor();
    await expectNoAxeViolations(page, 'report editor after submit');

    // Back in the list, 51 shows the new state.
    await page.getByRole('navigation', { name: 'Du er her' }).getByRole('link', { name: /^Rapport for/ }).click();
    await page.locator('article[data-requirement="51"]').waitFor();
    assert.match(await page.locator('article[data-requirement="51"] [data-state]').innerText(), /Sendt inn/);
    assert.equal(await page.locator('article[data-requirement="51"] [data-achievement]').innerText(), 'Delvis oppnådd');
    assert.equal(await page.title(), 'Oppdrag og rapportering – Varde');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('unn.leder approves the submitted text for requirement 51', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leder');
    await openTrustReport(page, '1. tertial 2026');
    await openRequirement(page, '51');
    assert.equal(await page.getByLabel('Rapporteringstekst', { exact: true }).inputValue(), TEXT_51);
    await page.getByRole('button', { name: 'Godkjenn' }).click();
    await page.getByTestId('entry-flash').getByText('Rapporteringen er godkjent.').waitFor();
    assert.match(await page.getByTestId('entry-state').innerText(), /Godkjent/);
    // Approved: the text can only be read, and the leader may return it.
    assert.equal(await page.getByLabel('Rapporteringstekst', { exact: true }).count(), 0);
    assert.equal(await page.getByTestId('entry-text-readonly').innerText(), TEXT_51);
    await page.getByRole('button', { name: 'Send tilbake til utkast' }).waitFor();
    await expectNoAxeViolations(page, 'approved entry (leader)');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('hn.isl sees the region matrix with UNN’s cell, opens it read-only, and compares the texts', async () => {
  const ids = await demoIds();
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await page.getByRole('heading', { level: 2, name: 'Regionoversikt for Helse Nord RHF' }).waitFor();
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: '1. tertial 2026' });
    const table = page.getByRole('table', { name: /Måloppnåelse og status per krav og foretak, 1\. tertial 2026/ });
    await table.waitFor();

    // Headers with scope; trusts as columns, requirements as rows.
    const cols = await table.locator('thead th[scope="col"]').allInnerTexts();
    assert.deepEqual(cols.map((c) => c.trim()), ['Krav', 'FIN', 'HNIKT', 'HSYK', 'NLSH', 'SANO', 'UNN']);
    assert.equal(await table.locator('tbody th[scope="row"]').count(), 5);
    const cell = table.locator('tr[data-requirement="51"] td[data-trust="UNN"]');
    assert.equal(await cell.locator('[data-achievement]').innerText(), 'Delvis oppnådd');
    assert.match(await cell.locator('[data-state]').innerText(), /Godkjent/);
    // Requirement 22 applies to HNIKT only; the others' cells say so.
    assert.match(await table.locator('tr[data-requirement="22"] td[data-trust="UNN"]').innerText(), /Gjelder ikke/);
    // Missing and overdue (the demo's T1 deadline has passed).
    assert.match(await page.getByTestId('missing-count').innerText(), /^\d+ rapporteringer mangler, og fristen 15\. mai 2026 er passert\.$/);
    assert.match(await table.locator('tr[data-requirement="51"] td[data-trust="HSYK"]').innerText(), /Forfalt/);
    await expectNoAxeViolations(page, 'region matrix');

    // A cell opens that trust's entry, read-only (keyboard: focus the cell's link, Enter).
    await cell.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Krav 51 – ${UNN}` }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/oppdrag/oversikt/${ids.t1}/${ids.unn}/${ids.req['51']}`);
    assert.equal(await page.getByTestId('entry-text-readonly').innerText(), TEXT_51);
    assert.equal(await page.getByRole('textbox').count(), 0);
    assert.equal(await page.getByRole('button', { name: /Send inn|Godkjenn|Send tilbake/ }).count(), 0);
    await expectNoAxeViolations(page, 'entry read-only from the matrix');

    // Every trust's text for requirement 51, side by side.
    await page.getByRole('link', { name: 'Se tekstene fra alle foretak for dette kravet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Krav 51: tekstene fra alle foretak' }).waitFor();
    assert.equal(await page.title(), 'Krav 51: tekstene fra alle foretak – Varde');
    const unnText = page.locator('article[data-trust="UNN"]');
    await unnText.getByText('12 av 14 avtaler er fornyet', { exact: false }).waitFor();
    await page.locator('article[data-trust="HSYK"]').getByText('Ikke rapportert ennå.').waitFor();
    await expectNoAxeViolations(page, 'compare texts');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('unn.leser sees the report and the text but no edit controls', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leser');
    await openTrustReport(page, '1. tertial 2026');
    await expectNoAxeViolations(page, 'trust report as reader');
    await openRequirement(page, '23');
    await page.getByTestId('read-only-reason').getByText('Du kan lese denne rapporteringen, men ikke endre den.').waitFor();
    assert.match(await page.getByTestId('entry-text-readonly').innerText(), /82 prosent/);
    assert.equal(await page.getByRole('textbox').count(), 0);
    assert.equal(await page.getByLabel('Måloppnåelse', { exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Send inn|Godkjenn|Send tilbake|Bruk teksten/ }).count(), 0);
    await expectNoAxeViolations(page, 'entry as reader');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a conflicting save shows both texts and keeps the user’s; the previous period’s text can be used', async () => {
  const ids = await demoIds();
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openTrustReport(page, '2. tertial 2026');
    await openRequirement(page, '21');
    const text = page.getByLabel('Rapporteringstekst', { exact: true });
    assert.match(await text.inputValue(), /Tiltakene for logging er i gang/);

    // Someone else saves the entry after the page loaded it.
    const theirs = 'Kollegaen skrev dette i mellomtiden: tilgangsstyringen er levert.';
    const status = await page.evaluate(
      async ({ trust, period, req, theirs }) => {
        const s = await (await fetch('/api/session')).json();
        const report = await (await fetch(`/api/orgs/${trust}/reports/${period}`)).json();
        const entry = report.items.find((i) => i.requirement.id === req).entry;
        const res = await fetch(`/api/orgs/${trust}/reports/${period}/${req}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token, 'If-Match': `"${entry.version}"` },
          body: JSON.stringify({ achievement: 'achieved', text: theirs }),
        });
        return res.status;
      },
      { trust: ids.unn, period: ids.t2, req: ids.req['21'], theirs },
    );
    assert.equal(status, 200);

    const mine = 'Min tekst: logging er på plass i alle klinikker; tilgangsstyring gjenstår (æøå).';
    const conflictRes = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/reports/'));
    await text.fill(mine);
    assert.equal((await conflictRes).status(), 412);
    const conflict = page.getByTestId('entry-conflict');
    await conflict.waitFor();
    assert.equal(await page.getByTestId('conflict-mine').innerText(), mine);
    assert.equal(await page.getByTestId('conflict-current').innerText(), theirs);
    assert.equal(await text.inputValue(), mine, 'the user’s text is kept in the field');
    assert.match(await saveStatus(page).innerText(), /Ikke lagret/);
    await expectNoAxeViolations(page, 'edit conflict');

    // Keeping mine saves it over the other, on top of the version stored now.
    await conflict.getByRole('button', { name: 'Lagre min tekst over den andre' }).click();
    await waitSaved(page);
    assert.equal(await page.getByTestId('entry-conflict').count(), 0);
    const stored = await page.evaluate(
      async ({ trust, period, req }) => {
        const report = await (await fetch(`/api/orgs/${trust}/reports/${period}`)).json();
        return report.items.find((i) => i.requirement.id === req).entry.text;
      },
      { trust: ids.unn, period: ids.t2, req: ids.req['21'] },
    );
    assert.equal(stored, mine);

    // Requirement 3 has no T2 text yet; T1's text is offered.
    await page.getByRole('navigation', { name: 'Du er her' }).getByRole('link', { name: /^Rapport for/ }).click();
    await page.locator('article[data-requirement="3"]').waitFor();
    await openRequirement(page, '3');
    assert.equal(await page.getByLabel('Rapporteringstekst', { exact: true }).inputValue(), '');
    await page.getByRole('button', { name: 'Bruk teksten fra forrige periode' }).click();
    assert.match(await page.getByLabel('Rapporteringstekst', { exact: true }).inputValue(), /^UNN deltar i det regionale nettverket/);
    await waitSaved(page);
    await expectNoAxeViolations(page, 'editor with the previous period’s text');

    // Leaving the field saves at once (no need to wait for the pause).
    const field = page.getByLabel('Rapporteringstekst', { exact: true });
    await field.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' Oppdatert for 2. tertial.');
    const onBlur = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/reports/'));
    const started = Date.now();
    await page.keyboard.press('Tab');
    assert.equal((await onBlur).status(), 200);
    assert.ok(Date.now() - started < 1400, 'saved on blur, before the autosave pause');
    await waitSaved(page);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('hn.isl closes T2 (entries locked, read-only) and reopens it with a reason', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: '2. tertial 2026' });
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Avslutt perioden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Avslutte 2. tertial 2026?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'close period dialog');
    await dialog.getByRole('button', { name: 'Avslutt perioden' }).click();
    await page.getByText('2. tertial 2026 er avsluttet.').waitFor();
    await page.getByText(/^Perioden ble avsluttet .*Rapportene er låst\.$/).waitFor();
    assert.match(await page.locator('tr[data-requirement="21"] td[data-trust="UNN"]').innerText(), /Låst/);
    await expectNoAxeViolations(page, 'closed period');

    // The locked entry is read-only, also for the trust.
    const trustPage = await newPage(env.browser, env.srv.url);
    try {
      await login(trustPage.page, 'unn.isl');
      await openTrustReport(trustPage.page, '2. tertial 2026 (avsluttet)');
      await openRequirement(trustPage.page, '21');
      await trustPage.page.getByTestId('read-only-reason').getByText('Perioden er avsluttet og rapporten låst.', { exact: false }).waitFor();
      assert.equal(await trustPage.page.getByRole('textbox').count(), 0);
      await expectNoAxeViolations(trustPage.page, 'locked entry');
    } finally {
      await trustPage.context.close();
    }

    // Reopening needs a reason; the error stands beside the field.
    await page.getByRole('button', { name: 'Gjenåpne perioden' }).click();
    const reopen = page.getByRole('dialog', { name: 'Gjenåpne 2. tertial 2026?' });
    await reopen.waitFor();
    const reason = reopen.getByLabel('Begrunnelse');
    await reason.fill('kort');
    await reopen.getByRole('button', { name: 'Gjenåpne' }).click();
    await reopen.getByText('Skriv en begrunnelse på minst 5 tegn.').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.match(await reason.getAttribute('aria-describedby'), /reopen-reason-error/);
    await expectNoAxeViolations(page, 'reopen dialog with a field error');
    await reason.fill('UNN må rette teksten for krav 21 etter revisjonen.');
    await reopen.getByRole('button', { name: 'Gjenåpne' }).click();
    await page.getByText('2. tertial 2026 er gjenåpnet.').waitFor();
    await page.getByRole('button', { name: 'Avslutt perioden' }).waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the commissioning document: CSV template, upload with preview and import, and a number for an unnumbered requirement', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await page.getByRole('navigation', { name: 'Deler av oppdrag og rapportering' }).getByRole('link', { name: 'Oppdragsdokument' }).click();
    await page.getByRole('heading', { level: 2, name: 'Krav i oppdragsdokument 2026' }).waitFor();
    await page.locator('article[data-requirement="22"]').getByText('HNIKT').waitFor();
    const csvLink = page.getByRole('link', { name: 'Last ned kravene (CSV)' });
    const href = await csvLink.getAttribute('href');
    assert.match(href, /^\/api\/commission\/documents\/\d+\/requirements\.csv$/);
    await expectNoAxeViolations(page, 'commissioning document');

    // Preview first: the upload shows what would be created; nothing is written yet.
    const template = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    const header = template.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    const newRow = '8.0;Teknologi;;Sikre at alle nye systemer har en oppdatert risikovurdering før de tas i bruk.;Alle;Tertialrapporter og Årlig melding;';
    const csv = `${header}\n${newRow}\n`;
    await page.getByLabel('Excel- eller CSV-fil').setInputFiles({ name: 'krav.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const previewRes = page.waitForResponse((r) => r.url().endsWith('/requirements/import'));
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    assert.equal(JSON.parse((await previewRes).request().postData()).dry_run, true);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await preview.getByRole('cell', { name: /Sikre at alle nye systemer/ }).waitFor();
    assert.equal(await page.locator('article[data-requirement=""]').count(), 0, 'nothing is created by the preview');
    await expectNoAxeViolations(page, 'import preview');

    await preview.getByRole('button', { name: 'Importer 1 krav' }).click();
    await page.getByTestId('import-done').waitFor();
    assert.match(await page.getByTestId('import-done').innerText(), /^1 krav og 0 kapitler er opprettet/);

    // The new requirement has no number: it is highlighted and can be given one.
    const flagged = page.locator('article.needs-number');
    await flagged.waitFor();
    assert.match(await flagged.innerText(), /Mangler nummer/);
    await page.getByTestId('needs-number-summary').waitFor();
    await expectNoAxeViolations(page, 'document with an unnumbered requirement');
    await flagged.getByRole('button', { name: 'Lagre nummeret' }).click();
    await flagged.getByText('Må fylles ut.').waitFor();
    assert.equal(await flagged.getByLabel('Nummer for kravet').getAttribute('aria-invalid'), 'true');
    await flagged.getByLabel('Nummer for kravet').fill('52');
    const patch = page.waitForResponse((r) => r.url().includes('/api/requirements/') && r.request().method() === 'PATCH');
    await flagged.getByRole('button', { name: 'Lagre nummeret' }).click();
    const patchRes = await patch;
    assert.equal(patchRes.status(), 200);
    assert.match(patchRes.request().headers()['if-match'], /^"\d+"$/);
    await page.locator('article[data-requirement="52"]').waitFor();
    assert.equal(await page.locator('article.needs-number').count(), 0);
    assert.equal(await page.getByTestId('needs-number-summary').count(), 0);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the personal calendar feed: create, use the full URL, revoke', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await page.getByRole('heading', { level: 2, name: 'Kalender' }).waitFor();
    await page.getByTestId('calendar-status').getByText('Du har ingen kalenderadresse.').waitFor();
    await page.getByRole('button', { name: 'Lag kalenderadresse' }).click();
    const url = page.getByLabel('Kalenderadresse', { exact: true });
    await url.waitFor();
    const feed = await url.inputValue();
    assert.match(feed, new RegExp(`^${env.srv.url.replace(/\./g, '\\.')}/api/calendar/[^/]+\\.ics$`));
    const ics = await fetch(feed);
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type'), /text\/calendar/);
    assert.match(await ics.text(), /BEGIN:VCALENDAR/);
    await page.getByTestId('calendar-status').getByText(/^Du har en kalenderadresse, laget /).waitFor();
    await expectNoAxeViolations(page, 'overview with the calendar address');

    await page.getByRole('button', { name: 'Trekk tilbake adressen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trekke tilbake kalenderadressen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Trekk tilbake adressen' }).click();
    await page.getByText('Kalenderadressen er trukket tilbake.').waitFor();
    await page.getByTestId('calendar-status').getByText('Du har ingen kalenderadresse.').waitFor();
    assert.equal((await fetch(feed)).status, 404);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('in English the report speaks English, and hmn.isl sees no Helse Nord data', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await page.getByRole('button', { name: 'English' }).click();
    await openArea(page, 'Commissioning and reporting');
    await page.getByRole('heading', { level: 2, name: `Report for ${UNN}` }).waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption({ label: '1st tertial 2026' });
    const r21 = page.locator('article[data-requirement="21"]');
    await r21.waitFor();
    assert.equal(await r21.locator('[data-field="applies_to"]').innerText(), 'All trusts');
    assert.equal(await r21.locator('[data-field="reporting"]').innerText(), 'Tertial reports and annual report');
    assert.equal(await r21.locator('[data-achievement]').innerText(), 'Partly achieved');
    await expectNoAxeViolations(page, 'trust report in English');
    await page.getByRole('button', { name: 'Norsk' }).click();
  } finally {
    await context.close();
  }

  const other = await newPage(env.browser, env.srv.url);
  try {
    await login(other.page, 'hmn.isl');
    await openArea(other.page, AREA);
    // HMN's own matrix (demo: its 2026 document), with HMN's trusts and none of Helse Nord's.
    await other.page.getByRole('heading', { level: 2, name: 'Regionoversikt for Helse Midt-Norge RHF' }).waitFor();
    await other.page.locator('#report-matrix th[data-trust="STO"]').waitFor();
    assert.equal(await other.page.locator('#report-matrix th[data-trust="UNN"]').count(), 0);
    await expectNoAxeViolations(other.page, 'HMN region overview');
    await other.page.getByRole('navigation', { name: 'Deler av oppdrag og rapportering' }).getByRole('link', { name: 'Oppdragsdokument' }).click();
    await other.page.getByRole('heading', { level: 2, name: 'Oppdragsdokument 2026 for Helse Midt-Norge' }).waitFor();
    assert.equal(await other.page.getByText(/Helse Nord RHF|Universitetssykehuset/).count(), 0);
    expectNoPageErrors(other.page);
  } finally {
    await other.context.close();
  }
});
