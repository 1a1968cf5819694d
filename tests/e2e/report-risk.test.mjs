// A report entry's risk assessments in the editor: Helse Nord IKT's entry for
// requirement 22 shows the demo's ROS on the regional threat assessment, with
// the risk's inherent and residual level and treatment, linked to /risiko; an
// entry with none says so. Keyboard only, axe on both pages, in bokmål and
// English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';
import { useServerAndBrowser, newPage, login, expectNoAxeViolations, expectNoPageErrors } from '../lib/browser.mjs';


const env = useServerAndBrowser();

const ASSESSMENT = 'ROS: regional trusselvurdering 2026';
const RISK = 'Trusselvurderingen er tenkt offentlig';

async function demoIds() {
  const c = new Client(env.srv.url);
  await c.login('hnikt.isl');
  const orgs = (await c.get('/api/orgs?limit=500')).body.items;
  const hnikt = orgs.find((o) => o.code === 'HNIKT');
  const periods = (await c.get(`/api/orgs/${hnikt.id}/periods`)).body.items;
  const t1 = periods.find((p) => p.year === 2026 && p.kind === 'T1');
  const report = (await c.get(`/api/orgs/${hnikt.id}/reports/${t1.id}`)).body;
  const r22 = report.items.find((i) => i.requirement.number === '22');
  const none = report.items.find((i) => i.risk_assessments.length === 0);
  assert.ok(r22 && none, 'the demo has requirement 22 and one without risk assessments for HNIKT');
  return { hnikt: hnikt.id, t1: t1.id, r22, none, assessmentId: r22.risk_assessments.find((a) => a.title === ASSESSMENT)?.id };
}

test('hnikt.isl sees the assessments requirement 22 rests on, follows the link by keyboard, and sees "none" elsewhere', async () => {
  const ids = await demoIds();
  assert.ok(ids.assessmentId, `the demo ties "${ASSESSMENT}" to 22`);
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hnikt.isl');
    await page.goto(`/oppdrag/rapport/${ids.hnikt}/${ids.t1}/${ids.r22.requirement.id}`);
    await page.getByRole('heading', { level: 1, name: /^Krav 22 – / }).waitFor();
    const section = page.getByTestId('entry-risk-assessments');
    await section.getByRole('heading', { level: 3, name: 'Risikovurderinger' }).waitFor();
    const link = section.getByRole('link', { name: ASSESSMENT, exact: true });
    assert.equal(await link.getAttribute('href'), `/risiko/vurdering/${ids.assessmentId}`);
    assert.match(await section.innerText(), /HNIKT, Pågår/);
    const row = section.getByRole('row').filter({ hasText: RISK });
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.match(cells[0], /^\S+: sannsynlighet \d, konsekvens \d$/, `inherent level: ${cells[0]}`);
    assert.equal(cells.length, 3);
    assert.ok(await row.getByRole('link', { name: RISK }).count(), 'the risk links to its page');
    await expectNoAxeViolations(page, 'report editor with risk assessments');

    // By keyboard to the assessment in /risiko.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: ASSESSMENT }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/risiko/vurdering/${ids.assessmentId}`);

    await page.goto(`/oppdrag/rapport/${ids.hnikt}/${ids.t1}/${ids.none.requirement.id}`);
    await page.getByRole('heading', { level: 1, name: /^Krav / }).waitFor();
    await page.getByText('Ingen risikovurderinger knyttet til kravet.', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'report editor without risk assessments');
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('in English the section speaks English', async () => {
  const ids = await demoIds();
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hnikt.isl');
    await page.goto(`/oppdrag/rapport/${ids.hnikt}/${ids.t1}/${ids.r22.requirement.id}`);
    await page.getByRole('heading', { level: 1, name: /^Krav 22 – / }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    const section = page.getByTestId('entry-risk-assessments');
    await section.getByRole('heading', { level: 3, name: 'Risk assessments' }).waitFor();
    assert.match(await section.innerText(), /likelihood \d, consequence \d/);
    await expectNoAxeViolations(page, 'report editor with risk assessments (en)');
    await page.getByRole('button', { name: 'Norsk' }).click();
  } finally {
    await context.close();
  }
});
