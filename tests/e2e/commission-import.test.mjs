// More of "Oppdrag og rapportering" in the env.browser: taking in a trust's report
// from the seed text (preview with every warning and its line, cancel, then
// import), the requirements template uploaded as .xlsx, the region's matrix
// with the server's overdue marks and its .xlsx download, and the region's
// achievement scale edited, and a requirement's history over the periods.
// axe-core checks every page and state.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../lib/server.mjs';
import { useServerAndBrowser, newPage, login, openArea, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = resolve(root, '..', 'shared', 'seeds', 'krav-i-oppdragsdokument-2023.txt');
const AREA = 'Oppdrag og rapportering';
const work = mkdtempSync(join(tmpdir(), 'varde-e2e-import-'));

let documentId; // the 2023 document the seed import makes

const env = useServerAndBrowser();
after(() => rmSync(work, { recursive: true, force: true }));

async function openTab(page, name) {
  await page.getByRole('navigation', { name: 'Deler av oppdrag og rapportering' }).getByRole('link', { name }).click();
}

test('hn.isl takes in Helse Nord IKT\'s report from the seed text: preview with warnings by line, cancel, import', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await openTab(page, 'Ta inn rapport');
    await page.getByRole('heading', { level: 2, name: 'Ta inn et foretaks rapport' }).waitFor();
    await expectNoAxeViolations(page, 'report import form');

    // Without a file: the error stands by the field.
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await page.locator('#seed-file-error').getByText('Velg en fil.').waitFor();
    assert.equal(await page.getByLabel('Tekstfil').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Foretak', { exact: true }).selectOption({ label: 'Helse Nord IKT HF (HNIKT)' });
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: '1. tertial' });
    await page.getByLabel('År', { exact: true }).fill('2023');
    await page.getByLabel('Tekstfil').setInputFiles(SEED);
    const previewRes = page.waitForResponse((r) => r.url().endsWith('/imports/commission-report'));
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    const sent = JSON.parse((await previewRes).request().postData());
    assert.equal(sent.dry_run, true);
    assert.equal(sent.period, 'T1');
    const preview = page.getByTestId('seed-preview');
    await preview.waitFor();
    assert.match(await preview.innerText(), /«Krav i oppdragsdokument 2023», 1\. tertial 2023 for Helse Nord IKT HF: 13 krav i 9 kapitler/);
    assert.equal(await preview.locator('tbody tr').count(), 13);
    // The requirement that lost its number is listed, and the warning names its line.
    const warnings = await page.getByTestId('seed-warnings').locator('li').allInnerTexts();
    assert.ok(warnings.length >= 1, 'at least one warning');
    assert.ok(warnings.every((w) => /^Linje \d+/.test(w)), `every warning names its line: ${warnings.join(' | ')}`);
    const unnumbered = preview.locator('tbody tr', { hasText: '(mangler)' });
    assert.equal(await unnumbered.count(), 1);
    const line = await unnumbered.getAttribute('data-line');
    assert.ok(warnings.some((w) => w.startsWith(`Linje ${line}:`)), `a warning at line ${line} for the unnumbered requirement`);
    await expectNoAxeViolations(page, 'report import preview');

    // Cancel: the preview goes, nothing is written.
    await preview.getByRole('button', { name: 'Avbryt' }).click();
    assert.equal(await page.getByTestId('seed-preview').count(), 0);
    const docs = await page.evaluate(async () => (await (await fetch('/api/commission/documents')).json()).items);
    assert.ok(!docs.some((d) => d.year === 2023), 'no 2023 document after a cancelled preview');

    // Again, and import.
    await page.getByLabel('Tekstfil').setInputFiles(SEED);
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await page.getByTestId('seed-preview').waitFor();
    await page.getByRole('button', { name: 'Ta inn 13 krav' }).click();
    const done = page.getByTestId('seed-done');
    await done.waitFor();
    assert.match(await done.innerText(), /Rapporten til Helse Nord IKT HF er tatt inn: 13 nye krav, 0 kjent igjen, 9 nye kapitler og 13 rapporteringstekster/);
    await expectNoAxeViolations(page, 'report imported');
    documentId = Number(/\/oppdrag\/dokument\/(\d+)/.exec(await done.getByRole('link').getAttribute('href'))[1]);
    await done.getByRole('link', { name: 'Åpne oppdragsdokumentet' }).click();
    await page.getByRole('heading', { level: 2, name: 'Krav i oppdragsdokument 2023' }).waitFor();
    await page.locator('article[data-requirement="27"]').waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the requirements template is uploaded as .xlsx: the preview counts sheet rows', async () => {
  assert.ok(documentId, 'the import test made the 2023 document');
  const file = join(work, 'krav-HN-2026.xlsx');
  const r = cli(['export', 'requirements', '--org', 'HN', '--year', '2026', '--out', file, '--db', env.srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl', { path: `/oppdrag/dokument/${documentId}` });
    await page.getByRole('heading', { level: 2, name: 'Krav i oppdragsdokument 2023' }).waitFor();
    const xlsxLink = page.getByRole('link', { name: 'Last ned kravene (Excel)' });
    assert.equal(await xlsxLink.getAttribute('href'), `/api/commission/documents/${documentId}/requirements.xlsx`);
    await page.getByLabel('Excel- eller CSV-fil').setInputFiles({
      name: 'krav-HN-2026.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(file),
    });
    const previewRes = page.waitForResponse((res) => res.url().endsWith('/requirements/import'));
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    const body = JSON.parse((await previewRes).request().postData());
    assert.match(body.xlsx, /^data:.*;base64,UEsD/, 'the workbook goes as base64');
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    assert.equal(await preview.getByRole('columnheader', { name: 'Rad' }).count(), 1);
    assert.equal(await preview.locator('tbody tr').first().locator('td').first().innerText(), '2', 'the first requirement is on row 2');
    await expectNoAxeViolations(page, 'xlsx import preview');
    await preview.getByRole('button', { name: /^Importer \d+ krav$/ }).click();
    await page.getByTestId('import-done').waitFor();
    await page.locator('article[data-requirement="51"]').waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('the region overview marks overdue cells from the server, offers the .xlsx, and hn.isl edits the scale', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await openTab(page, 'Regionoversikt');
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: '1. tertial 2026' });
    await page.locator('#report-matrix').waitFor();
    const matrix = await page.evaluate(async () => {
      const hn = (await (await fetch('/api/orgs?code=HN')).json()).items.find((o) => o.code === 'HN');
      const ps = (await (await fetch(`/api/orgs/${hn.id}/periods`)).json()).items;
      const t1 = ps.find((p) => p.year === 2026 && p.kind === 'T1');
      return (await fetch(`/api/periods/${t1.id}/matrix`)).json();
    });
    const link = page.getByTestId('matrix-xlsx');
    assert.equal(await link.getAttribute('href'), `/api/periods/${matrix.period.id}/matrix.xlsx`);
    // Every trust's report in one file: the region's links download it, as Word and as Excel.
    const all = page.getByRole('link', { name: 'Last ned alle foretakenes rapporter (Word)' });
    assert.equal(await all.getAttribute('href'), `/api/periods/${matrix.period.id}/reports/export?format=docx`);
    const excel = page.getByRole('link', { name: 'Last ned alle foretakenes rapporter (Excel)' });
    assert.equal(await excel.getAttribute('href'), `/api/periods/${matrix.period.id}/reports/export?format=xlsx`);
    const got = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
    }, await all.getAttribute('href'));
    assert.equal(got.status, 200);
    assert.match(got.type, /wordprocessingml/);
    assert.match(got.disposition, /rapport-HN-2026-T1-alle-foretak\.docx/);
    if (matrix.overdue > 0) {
      assert.match(await page.getByTestId('overdue-count').innerText(), new RegExp(`^${matrix.overdue} rapporteringer er forsinket`));
      const lateDrafts = matrix.rows.flatMap((r) => r.cells).filter((c) => c.overdue && c.state === 'draft').length;
      assert.equal(await page.getByTestId('late').count(), lateDrafts, 'every overdue draft is marked');
    }

    // The scale: rename the first level, see it in the legend.
    await page.getByText('Skala for måloppnåelse').click();
    const first = page.getByLabel('Navn (bokmål), nivå 1');
    await first.waitFor();
    await expectNoAxeViolations(page, 'scale editor');
    await page.getByLabel('Farge (#rrggbb), nivå 1').fill('#9ccc65');
    await page.getByRole('button', { name: 'Lagre skalaen' }).click();
    await page.locator('#scale-0-colour-error').getByText(/for lite kontrast/).waitFor();
    assert.equal(await page.getByLabel('Farge (#rrggbb), nivå 1').getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'scale editor with an error');
    await page.getByLabel('Farge (#rrggbb), nivå 1').fill('#1b5e20');
    await first.fill('Nådd fullt ut');
    await page.getByRole('button', { name: 'Lagre skalaen' }).click();
    await page.getByTestId('scale-saved').waitFor();
    await page.locator('.legend').getByText('Nådd fullt ut').waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a requirement\'s history: from the matrix by keyboard to every period of 2025 and 2026, each trust\'s status and text', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.isl');
    await openArea(page, AREA);
    await openTab(page, 'Regionoversikt');
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: '1. tertial 2026' });
    const link = page.locator('tr[data-requirement="21"]').getByRole('link', { name: 'Historikk for Krav 21' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Krav 21 over tid' }).waitFor();
    // 2023 too, when the tests above put requirement 21 into that year's document.
    const headers = (await page.locator('#history-table thead th').allInnerTexts()).slice(1);
    assert.deepEqual(headers.slice(-6), ['1. tertial 2025', '2. tertial 2025', 'Årlig melding 2025', '1. tertial 2026', '2. tertial 2026', 'Årlig melding 2026']);
    const col = (label) => headers.indexOf(label);
    const unn = page.locator('#history-table tr[data-trust="UNN"]');
    assert.match(await unn.locator('td').nth(col('1. tertial 2025')).innerText(), /Ikke startet/);
    assert.match(await unn.locator('td').nth(col('Årlig melding 2025')).innerText(), /Oppnådd/, 'by the name it had when 2025 was closed, not the one the test above gave it');
    assert.match(await unn.locator('td').nth(col('1. tertial 2026')).innerText(), /Delvis oppnådd/);
    const annual = page.locator('section[data-period="2025-ANNUAL"]');
    assert.match(await annual.innerText(), /Kravet lød da: Utarbeide en lokal handlingsplan/);
    assert.match(await annual.locator('li[data-trust="UNN"]').innerText(), /Handlingsplanen for 2025 er fulgt opp/);
    await expectNoAxeViolations(page, 'requirement history');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});
