// "Risiko" in the env.browser: UNN's security officer creates an assessment and
// scores a risk on the matrix; unn.leder (leader level 3 at UNN) accepts its
// residual risk, and is refused once the residual risk needs the board
// (level 4), with the level named; the heat map with its table and a cell's
// risks; the region's trusts side by side and the matrix import with preview.
// axe-core checks every page and the dialog. The tests run in order on one
// demo database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, newPage, login, openArea, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.VARDE_FIXTURES_DIR || join(here, '..', '..', '..', 'shared', 'fixtures');

let riskPath = '';

const env = useServerAndBrowser();

const AREA = 'Risiko';
const TITLE = 'ROS: utskrift av pasientlister på sengepost';
const RISK = 'Pasientlister blir liggende ved skriveren';

test('the security officer creates an assessment and scores a risk on the matrix', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'unn.isl');
  await openArea(page, AREA);
  await page.getByRole('heading', { level: 2, name: 'Risikovurderinger i Universitetssykehuset Nord-Norge HF' }).waitFor();
  await page.getByRole('link', { name: 'ROS-analyse: tilgangsstyring i pasientjournalen' }).waitFor();
  await expectNoAxeViolations(page, 'the assessments');

  await page.getByLabel('Tittel', { exact: true }).fill(TITLE);
  await page.getByLabel('Hva vurderes').selectOption({ label: 'En prosess' });
  await page.getByLabel('Gjenstand (system, endring, prosess eller krav)').fill('Utskrift på sengepost');
  await page.getByLabel('Status').selectOption({ label: 'Pågår' });
  await page.getByRole('button', { name: 'Opprett' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await expectNoAxeViolations(page, 'a new assessment');

  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Ny risiko' }) });
  await form.getByLabel('Tittel', { exact: true }).fill(RISK);
  await form.getByLabel('Trussel').fill('Uvedkommende leser listene');
  await form.getByLabel('Personvern').selectOption({ label: '3. Moderat – Helseopplysninger om få pasienter' });
  // Inherent: likelihood 4 × consequence 3 (set from the area) = 12, high.
  await form.getByRole('group', { name: 'Iboende risiko (før tiltak)' })
    .getByLabel('Sannsynlighet 4 (Sannsynlig), konsekvens 3 (Moderat): Høy').check();
  await form.getByLabel('Behandling', { exact: true }).selectOption({ label: 'Redusere' });
  await form.getByLabel('Tiltaksplan (hva som skal gjøres)').fill('Utskrift med kort ved skriveren.');
  // Residual: 3 × 3 = 9, medium: the trust director accepts.
  await form.getByRole('group', { name: 'Restrisiko (etter tiltak)' })
    .getByLabel('Sannsynlighet 3 (Mulig), konsekvens 3 (Moderat): Middels').check();
  await form.getByLabel('Risikoeier (leder)').selectOption({ label: 'Anne Berg (administrerende direktør (nivå 3))' });
  await form.getByRole('button', { name: 'Legg til risiko' }).click();

  await page.getByRole('heading', { level: 1, name: RISK }).waitFor();
  riskPath = new URL(page.url()).pathname;
  assert.match(riskPath, /^\/risiko\/risiko\/\d+$/);
  const facts = page.locator('dl.facts');
  await assert.doesNotReject(facts.getByText('Høy: sannsynlighet 4, konsekvens 3').waitFor());
  await assert.doesNotReject(facts.getByText('Middels: sannsynlighet 3, konsekvens 3').waitFor());
  await assert.doesNotReject(facts.getByText('Krever aksept av administrerende direktør (nivå 3).').waitFor());
  // The security officer may not accept.
  assert.equal(await page.getByRole('button', { name: 'Aksepter restrisiko' }).count(), 0);
  await expectNoAxeViolations(page, 'the risk');
  expectNoPageErrors(page);
  await context.close();
});

test('unn.leder (level 3) accepts the residual risk, with rationale and expiry', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'unn.leder', { path: riskPath });
  await page.getByRole('heading', { level: 1, name: RISK }).waitFor();
  await page.getByRole('button', { name: 'Aksepter restrisiko' }).click();
  const dialog = page.getByRole('dialog', { name: 'Aksepter restrisikoen' });
  await dialog.waitFor();
  await expectNoAxeViolations(page, 'the acceptance dialog');
  await dialog.getByLabel('Begrunnelse').fill('Tiltaket med kortutskrift er bestilt; restrisikoen kan bæres i ett år.');
  await dialog.getByRole('button', { name: 'Aksepter', exact: true }).click();
  await page.getByText('Risikoen er akseptert.').waitFor();
  await assert.doesNotReject(page.locator('#acceptance-state').getByText(/^Akseptert til/).waitFor());
  await page.getByRole('table').getByText('Akseptert', { exact: true }).waitFor();
  await expectNoAxeViolations(page, 'the accepted risk with its history');
  expectNoPageErrors(page);
  await context.close();
});

test('a worse residual risk withdraws the acceptance, and unn.leder is refused with the level named', async () => {
  const isl = await newPage(env.browser, env.srv.url);
  await login(isl.page, 'unn.isl', { path: riskPath });
  await isl.page.getByRole('heading', { level: 1, name: RISK }).waitFor();
  const editor = isl.page.locator('section', { has: isl.page.getByRole('heading', { name: 'Endre risikoen' }) });
  await editor.getByRole('group', { name: 'Restrisiko (etter tiltak)' })
    .getByLabel('Sannsynlighet 4 (Sannsynlig), konsekvens 4 (Alvorlig): Høy').check();
  await editor.getByRole('button', { name: 'Lagre' }).click();
  await isl.page.locator('dl.facts').getByText('Krever aksept av styret eller regionen (nivå 4).').waitFor();
  await isl.page.locator('#acceptance-state').getByText('Ikke akseptert').waitFor();
  await isl.context.close();

  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'unn.leder', { path: riskPath });
  await page.getByRole('button', { name: 'Aksepter restrisiko' }).click();
  const dialog = page.getByRole('dialog', { name: 'Aksepter restrisikoen' });
  await dialog.getByLabel('Begrunnelse').fill('Forsøk på aksept over mandatet.');
  await dialog.getByRole('button', { name: 'Aksepter', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Risikoen må aksepteres av styret eller regionen \(nivå 4\) eller høyere\./);
  await expectNoAxeViolations(page, 'the refused acceptance');
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await page.locator('#acceptance-state').getByText('Ikke akseptert').waitFor();
  expectNoPageErrors(page);
  await context.close();
});

test('the heat map has a table of the same numbers, and a cell lists its risks', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'unn.isl', { path: '/risiko/varmekart' });
  await page.getByRole('heading', { level: 2, name: 'Varmekart for Universitetssykehuset Nord-Norge HF' }).waitFor();
  const inherent = page.locator('#heat-inherent');
  await inherent.waitFor();
  await expectNoAxeViolations(page, 'the heat map');
  // "Oppslag i journal uten tjenstlig behov" (demo): inherent 3 × 4.
  await inherent.getByRole('button', { name: /risikoer med sannsynlighet 3 og konsekvens 4/ }).click();
  await page.getByRole('heading', { level: 3, name: /Risikoer i ruten: sannsynlighet 3, konsekvens 4/ }).waitFor();
  await page.getByRole('link', { name: 'Oppslag i journal uten tjenstlig behov' }).waitFor();
  await expectNoAxeViolations(page, 'a heat map cell\'s risks');
  expectNoPageErrors(page);
  await context.close();
});

test('the region sees its trusts side by side and imports a CISO Assistant matrix with a preview', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'hn.isl', { path: '/risiko/varmekart' });
  await page.getByRole('heading', { level: 2, name: 'Foretakene side om side' }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Helse Nord IKT HF' }).waitFor();
  await expectNoAxeViolations(page, 'the region\'s heat maps');

  await page.getByRole('link', { name: 'Risikomatriser' }).click();
  await page.getByRole('heading', { level: 2, name: 'Risikomatriser i Helse Nord RHF' }).waitFor();
  await page.getByRole('table').filter({ hasText: 'Standard for nye vurderinger' }).waitFor();
  await expectNoAxeViolations(page, 'the matrices');
  await page.getByLabel('Bibliotekfil (.yaml)').setInputFiles(join(fixtures, 'ciso-assistant', 'risk-matrix-4x4-ebios-rm.yaml'));
  await page.getByRole('button', { name: 'Forhåndsvis' }).click();
  await page.getByRole('table', { name: /4x4 risk matrix from EBIOS-RM – 4×4/ }).waitFor();
  await page.getByText(/ingen regler for aksept/).waitFor();
  await expectNoAxeViolations(page, 'the import preview');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await page.getByText('1 matrise(r) er importert.').waitFor();
  // The file had no Norwegian name: give it one, and let the trust director accept the top cell.
  await page.getByRole('button', { name: '4x4 risk matrix from EBIOS-RM' }).click();
  await page.getByRole('table', { name: /4x4 risk matrix from EBIOS-RM \(v1\)/ }).waitFor();
  // An imported matrix has the default rules, and the editor says so until it is saved there.
  await page.getByTestId('default-rules').getByText(/standardregler fra importen/).waitFor();
  await page.getByText('Matrisen har ingen konsekvensområder, så konsekvensen vurderes under ett.').waitFor();
  await page.getByLabel('Matrisens navn (4x4 risk matrix from EBIOS-RM)').fill('EBIOS RM 4 × 4');
  await page.getByLabel('Aksept for sannsynlighet 4, konsekvens 4').selectOption({ label: 'administrerende direktør (nivå 3)' });
  await expectNoAxeViolations(page, 'the matrix editor');
  await page.getByRole('button', { name: 'Lagre som ny versjon' }).click();
  await page.getByText('Matrisen er lagret som versjon 2.').waitFor();
  await page.getByRole('button', { name: 'EBIOS RM 4 × 4' }).waitFor();
  await page.getByRole('table', { name: 'EBIOS RM 4 × 4 (v2)' }).getByText('Aksept: administrerende direktør (nivå 3)').first().waitFor();
  assert.equal(await page.getByTestId('default-rules').count(), 0, 'the warning goes once the rules are saved');
  expectNoPageErrors(page);
  await context.close();
});

test('the region edits what a consequence level means per area, saved as a new version of the matrix', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  await login(page, 'hn.isl', { path: '/risiko/matriser' });
  await page.getByRole('table', { name: 'Risikomatrise 5 × 5 (helseforetak) (v1)' }).waitFor();
  assert.equal(await page.getByTestId('default-rules').count(), 0, 'the built-in matrix has its own rules');
  await page.getByRole('table', { name: 'Hva hvert konsekvensnivå betyr per konsekvensområde' }).waitFor();
  const nb = () => page.getByLabel('Konsekvens 3 (Moderat) for Personvern, Bokmål');
  assert.match(await nb().inputValue(), /\S/, 'the default matrix has a text there');
  await nb().fill('Helseopplysninger om inntil ti pasienter kommer på avveie');
  await page.getByLabel('Språk for tekstene').selectOption({ label: 'Engelsk' });
  await page.getByLabel('Konsekvens 3 (Moderat) for Personvern, Engelsk').fill('Health data on up to ten patients goes astray');
  await expectNoAxeViolations(page, 'the per-area texts in the matrix editor');
  await page.getByRole('button', { name: 'Lagre som ny versjon' }).click();
  await page.getByText('Matrisen er lagret som versjon 2.').waitFor();
  await page.getByRole('table', { name: 'Risikomatrise 5 × 5 (helseforetak) (v2)' }).waitFor();

  // From the server, after a reload: version 2 is the default and has the texts.
  await page.reload();
  await page.getByRole('table', { name: 'Risikomatrise 5 × 5 (helseforetak) (v2)' }).waitFor();
  assert.equal(await nb().inputValue(), 'Helseopplysninger om inntil ti pasienter kommer på avveie');
  await page.getByLabel('Språk for tekstene').selectOption({ label: 'Engelsk' });
  assert.equal(await page.getByLabel('Konsekvens 3 (Moderat) for Personvern, Engelsk').inputValue(), 'Health data on up to ten patients goes astray');
  expectNoPageErrors(page);
  await context.close();
});
