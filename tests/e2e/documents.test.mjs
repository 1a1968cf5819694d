// "Styrende dokumenter": the register with filters and the document
// structure; a Fortrolig document whose content a reader without clearance
// does not see; a leader approving a version waiting for approval (with the
// keyboard, through the confirmation dialog); a security officer starting a
// new version, editing the draft and sending it for approval; a reader
// refused. Every page and state is checked with axe. The tests run in order
// on one demo database (src/demo/documents_demo.cpp).
import { test } from 'node:test';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';
import { useServerAndBrowser, newPage, login, openArea, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';

const AREA = 'Styrende dokumenter';
const docs = {};

const env = useServerAndBrowser(async () => {
  const c = new Client(env.srv.url);
  await c.login('admin');
  for (const d of (await c.get('/api/governing-documents?limit=500')).body.items) docs[d.code] = d;
});

async function openDocument(page, code) {
  await page.goto(`/styrende-dokumenter/${docs[code].id}`);
  await page.getByRole('heading', { level: 1, name: `${code} ${docs[code].title}` }).waitFor();
}

test('unn.leser sees the register with the region\'s documents, filters it, and sees the structure', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leser');
    await openArea(page, AREA);
    const register = page.getByTestId('document-register');
    await register.locator('tbody tr').nth(3).waitFor();
    const codes = await register.locator('tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(codes.sort(), ['HN 01', 'HN 04', 'HN 07', 'UNN 12']);
    // HN 04's review is overdue, and says so in words.
    const hn04 = register.locator('tr', { hasText: 'HN 04' });
    assert.equal(await hn04.getByTestId('review-overdue').innerText(), 'Forfalt');
    assert.match(await register.locator('tr', { hasText: 'HN 07' }).innerText(), /Fortrolig\s+Unntatt offentlighet, offl\. § 24 tredje ledd/);
    await expectNoAxeViolations(page, 'document register');

    // Filters are applied by the server.
    await page.getByLabel('Revisjon', { exact: true }).selectOption({ label: 'Revisjon forfalt' });
    await page.getByRole('status').filter({ hasText: '1 dokumenter' }).waitFor();
    assert.deepEqual(await register.locator('tbody tr td:first-child').allInnerTexts(), ['HN 04']);
    await page.getByLabel('Revisjon', { exact: true }).selectOption({ label: 'Alle' });
    await page.getByLabel('Dokumenttype', { exact: true }).selectOption({ label: 'Rutine' });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="document-register"] tbody tr td:first-child')]
      .map((td) => td.textContent.trim()).join() === 'UNN 12');
    assert.deepEqual(await register.locator('tbody tr td:first-child').allInnerTexts(), ['UNN 12']);

    // The document structure of Helse Nord applies to UNN.
    const tree = page.getByTestId('document-structure');
    await tree.getByText('Temaspesifikke krav og føringer').waitFor();
    assert.ok(await tree.getByRole('link', { name: /^HN 07 / }).isVisible());
    await expectNoAxeViolations(page, 'document register, filtered');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a reader without clearance sees the register entry of a Fortrolig document but not its content', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leser');
    await openDocument(page, 'HN 07');
    assert.equal(await page.getByTestId('document-classification').innerText(), 'Fortrolig');
    assert.match(await page.getByTestId('no-clearance').innerText(), /gradert «Fortrolig»/);
    assert.equal(await page.getByTestId('document-content').count(), 0);
    assert.ok(!(await page.locator('main').innerText()).includes('Loggene fra journalsystemet'));
    assert.equal(await page.getByRole('link', { name: /Last ned/ }).count(), 0);
    await expectNoAxeViolations(page, 'Fortrolig document without clearance');

    // An open document: its content, rendered from Markdown, and its links.
    await openDocument(page, 'HN 01');
    const content = page.getByTestId('document-content');
    await content.getByRole('heading', { level: 3, name: '1 Definisjoner' }).waitFor();
    assert.ok(await content.locator('table th', { hasText: 'Begrep' }).isVisible());
    assert.equal(await content.locator('h3').count(), 6);
    assert.ok(await page.getByRole('link', { name: /^HN 04 / }).isVisible());
    // A reader has no workflow buttons.
    assert.equal(await page.getByRole('button', { name: /Godkjenn|Send til godkjenning|Rediger/ }).count(), 0);
    await expectNoAxeViolations(page, 'open document as reader');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('unn.isl may not approve; unn.leder approves UNN 12 with the keyboard; a reader is refused', async () => {
  const isl = await newPage(env.browser, env.srv.url);
  try {
    await login(isl.page, 'unn.isl');
    await openDocument(isl.page, 'UNN 12');
    assert.match(await isl.page.getByTestId('document-status').innerText(), /Til godkjenning/);
    assert.equal(await isl.page.getByRole('button', { name: 'Godkjenn versjonen' }).count(), 0);
  } finally {
    await isl.context.close();
  }
  // The reader, through the API the page uses: 403.
  const reader = new Client(env.srv.url);
  await reader.login('unn.leser');
  const refused = await reader.post(`/api/governing-documents/${docs['UNN 12'].id}/versions/1/approve`, {});
  assert.equal(refused.status, 403);

  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leder');
    await openDocument(page, 'UNN 12');
    const approve = page.getByRole('button', { name: 'Godkjenn versjonen' });
    await approve.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Godkjenne versjon 1?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'approve dialog');
    await dialog.getByRole('button', { name: 'Godkjenn versjonen' }).click();
    await page.getByRole('status').filter({ hasText: 'Versjonen er godkjent.' }).waitFor();
    assert.match(await page.getByTestId('document-status').innerText(), /Godkjent · Versjon 1 gjeldende/);
    assert.match(await page.getByTestId('version-1').innerText(), /Godkjent .* av unn\.leder/);
    await expectNoAxeViolations(page, 'approved document (leader)');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('unn.isl starts version 2, edits the draft and sends it for approval', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openDocument(page, 'UNN 12');
    await page.getByLabel('Endringsnotat').fill('Årlig revisjon');
    await page.getByRole('button', { name: 'Start ny versjon' }).click();
    await page.getByRole('heading', { level: 2, name: 'Rediger versjon 2' }).waitFor();
    const body = page.getByLabel('Tekst for avsnitt 2 (Markdown)');
    await body.waitFor();
    await body.fill('1. Meld i avvikssystemet samme dag.\n\n- Varsle nærmeste leder.\n- Varsle personvernombudet straks.');
    await expectNoAxeViolations(page, 'draft editor');
    await page.getByRole('button', { name: 'Lagre utkastet' }).click();
    await page.getByRole('status').filter({ hasText: 'Utkastet er lagret.' }).waitFor();
    const content = page.getByTestId('document-content');
    await content.locator('li', { hasText: 'Varsle personvernombudet straks.' }).waitFor();
    assert.match(await page.locator('#content-heading').innerText(), /Viser versjon 2 \(Utkast\)/);
    await page.getByRole('button', { name: 'Send til godkjenning' }).click();
    await page.getByRole('status').filter({ hasText: 'Versjonen er sendt til godkjenning.' }).waitFor();
    assert.match(await page.getByTestId('document-status').innerText(), /Til godkjenning · Versjon 1 gjeldende/);
    await expectNoAxeViolations(page, 'version 2 for approval');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('unn.isl previews the seed\'s first part, sees its sections by line, and takes it in as a draft', async () => {
  const seed = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'seeds', 'maal-strategi-og-handlingsplan.txt');
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openArea(page, AREA);
    const form = page.getByRole('region', { name: 'Ta inn et dokument fra fil' });
    await form.getByRole('button', { name: 'Forhåndsvis' }).click();
    assert.equal(await form.locator('#gd-import-file-error').innerText(), 'Velg en fil.');
    await form.getByLabel('Fil (.txt eller .md)').setInputFiles(seed);
    await form.getByLabel('Dokumentkode (når fila ikke har en)').fill('UNN 01');
    await form.getByRole('button', { name: 'Forhåndsvis' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    assert.match(await preview.innerText(), /UNN 01 «Mål og strategi for informasjonssikkerhet og personvern»: 6 avsnitt og 5 begreper\./);
    assert.match(await preview.innerText(), /Linje 138: 6 Strategi og prinsipper for informasjonssikkerhet og personvern/);
    assert.match(await preview.innerText(), /Fra linje 225 begynner et annet dokument/);
    await expectNoAxeViolations(page, 'import preview');
    await form.getByRole('button', { name: 'Ta inn dokumentet' }).click();
    await page.getByRole('heading', { level: 1, name: 'UNN 01 Mål og strategi for informasjonssikkerhet og personvern' }).waitFor();
    assert.match(await page.getByTestId('document-status').innerText(), /Utkast/);
    assert.equal(await page.getByTestId('document-content').locator('h3').count(), 6);
    await expectNoAxeViolations(page, 'imported document');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('unn.isl creates a governing document, writes its first section and sees a bad code named', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openArea(page, AREA);
    const panel = page.getByRole('region', { name: 'Nytt styrende dokument' });
    await panel.getByRole('button', { name: 'Nytt dokument' }).click();
    await panel.getByLabel('Kode', { exact: true }).fill('30');
    await panel.getByLabel('Tittel', { exact: true }).fill('Rutine for tilgangskontroll');
    await panel.getByLabel('Type', { exact: true }).selectOption({ label: 'Rutine' });
    await panel.getByLabel('Plass i dokumentstrukturen').selectOption({ label: 'Veiledninger, maler, rutiner og prosedyrer' });
    await panel.getByRole('button', { name: 'Opprett dokumentet' }).click();
    await panel.locator('#gd-new-code-error').waitFor();
    assert.match(await panel.locator('#gd-new-code-error').innerText(), /ingen dokumentkode/);
    assert.equal(await panel.getByLabel('Kode', { exact: true }).getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'new document form with an error');
    await panel.getByLabel('Kode', { exact: true }).fill('UNN 30');
    await panel.getByRole('button', { name: 'Opprett dokumentet' }).click();
    await page.getByRole('heading', { level: 1, name: 'UNN 30 Rutine for tilgangskontroll' }).waitFor();
    await page.getByRole('button', { name: 'Rediger utkastet' }).click();
    await page.getByRole('button', { name: 'Legg til avsnitt' }).click();
    await page.getByLabel('Overskrift for avsnitt 1').fill('Formål');
    await page.getByLabel('Tekst for avsnitt 1 (Markdown)').fill('Tilgang gis etter **tjenstlig behov**. <script>alert(1)</script>');
    await page.getByRole('button', { name: 'Lagre utkastet' }).click();
    await page.getByRole('status').filter({ hasText: 'Utkastet er lagret.' }).waitFor();
    const content = page.getByTestId('document-content');
    await content.locator('strong', { hasText: 'tjenstlig behov' }).waitFor();
    // Raw HTML in the text is shown as text, never run.
    assert.equal(await content.locator('script').count(), 0);
    assert.match(await content.innerText(), /<script>alert\(1\)<\/script>/);
    await expectNoAxeViolations(page, 'new document with its first section');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('hn.isl sees the reviews of the documents it owns that are overdue', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    const mine = page.getByTestId('my-reviews');
    await mine.waitFor();
    assert.match(await mine.innerText(), /HN 04 Organisering av arbeidet med informasjonssikkerhet og personvern – neste revisjon .* Forfalt/);
    assert.equal(await mine.locator('li').count(), 1);
    await expectNoAxeViolations(page, 'register with the owner\'s reviews');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});
