// The Organisasjon page: tree, node details, role grants, and the admin forms
// (grant/revoke a role, add/edit/delete a node, optimistic locking, field errors),
// plus what a non-admin sees. Every state is checked with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/server.mjs';
import {
  useServerAndBrowser,
  newPage,
  login,
  treeNode,
  expectNoAxeViolations,
  expectNoPageErrors,
} from '../lib/browser.mjs';


const env = useServerAndBrowser();

async function openOrganisation(page) {
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Organisasjon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Organisasjon' }).waitFor();
}

// Expands the path down to a node (by codes) and selects the last one.
async function selectNode(page, codes, name) {
  for (const code of codes.slice(0, -1)) {
    const toggle = page.locator(`li[data-org-code="${code}"] > .row button[aria-expanded]`);
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  }
  await treeNode(page, codes.at(-1)).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

const grantsTable = (page) => page.locator('#grants-table');

test('admin grants the role reader on UNN to hnikt.isl, sees it, and revokes it', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    await openOrganisation(page);
    await selectNode(page, ['NO', 'HN', 'UNN'], 'Universitetssykehuset Nord-Norge HF');
    assert.equal(await treeNode(page, 'UNN').getAttribute('aria-current'), 'true');

    // Details of the node.
    const details = page.locator('dl.facts').first();
    assert.equal(await details.locator('[data-field="code"]').innerText(), 'UNN');
    assert.equal(await details.locator('[data-field="kind"]').innerText(), 'Foretak (HF)');
    assert.equal(await details.locator('[data-field="path"]').innerText(), 'NO / HN / UNN');

    // The grants table with translated roles and the leader level.
    await grantsTable(page).waitFor();
    const row = (username) => grantsTable(page).locator(`tbody tr[data-username="${username}"]`);
    assert.equal(await row('unn.isl').locator('td[data-role]').innerText(), 'Informasjonssikkerhetsleder');
    assert.equal(await row('unn.pvo').locator('td[data-role]').innerText(), 'Personvernombud');
    assert.equal(await row('unn.leder').locator('td[data-role]').innerText(), 'Leder');
    assert.equal(await row('unn.leder').locator('td').nth(2).innerText(), '3');
    assert.equal(await row('unn.leser').locator('td[data-role]').innerText(), 'Leser');
    assert.equal(await row('unn.isl').locator('th').innerText(), 'Ole Mikkelsen');
    assert.equal(await row('hnikt.isl').count(), 0);
    await expectNoAxeViolations(page, 'org page, UNN selected');

    // Grant reader to hnikt.isl.
    await page.getByRole('button', { name: 'Gi en rolle' }).click();
    const search = page.getByLabel('Søk etter bruker');
    await search.fill('hnikt.isl');
    const userSelect = page.getByLabel('Velg bruker');
    await userSelect.locator('option', { hasText: '(hnikt.isl)' }).waitFor({ state: 'attached' });
    const hnikt = await userSelect.locator('option', { hasText: '(hnikt.isl)' }).getAttribute('value');
    await userSelect.selectOption(hnikt);
    await page.getByLabel('Rolle', { exact: true }).selectOption('leader');
    await page.getByLabel('Ledernivå').waitFor();
    await expectNoAxeViolations(page, 'grant form open (leader)');
    await page.getByLabel('Rolle', { exact: true }).selectOption('reader');
    assert.equal(await page.getByLabel('Ledernivå').count(), 0);
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/users\/\d+\/grants$/.test(r.url()) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Gi rollen' }).click(),
    ]);
    assert.equal(res.status(), 201);
    await row('hnikt.isl').waitFor();
    assert.equal(await row('hnikt.isl').locator('td[data-role]').innerText(), 'Leser');
    assert.equal(await row('hnikt.isl').locator('th').innerText(), 'Håkon Strand');
    await page.getByText('Håkon Strand har fått rollen Leser.').waitFor();

    // Revoke it again (with a confirmation dialog).
    await row('hnikt.isl').getByRole('button', { name: 'Fjern rollen Leser for Håkon Strand' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fjerne rollen?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'revoke dialog');
    const [del] = await Promise.all([
      page.waitForResponse((r) => /\/api\/grants\/\d+$/.test(r.url()) && r.request().method() === 'DELETE'),
      dialog.getByRole('button', { name: 'Fjern rollen' }).click(),
    ]);
    assert.equal(del.status(), 204);
    await row('hnikt.isl').waitFor({ state: 'detached' });
    await page.getByText('Rollen Leser er fjernet fra Håkon Strand.').waitFor();
    assert.equal(await dialog.isVisible(), false);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('admin adds a child unit, sees it in the tree, gets field errors beside fields, and deletes it', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    await openOrganisation(page);
    await selectNode(page, ['NO', 'HN', 'UNN', 'UNN-MED'], 'Medisinsk klinikk');

    await page.getByRole('button', { name: 'Legg til underenhet' }).click();
    const code = page.getByLabel('Kode');
    await code.waitFor();
    // The code is already taken: the server's message appears beside the field.
    await code.fill('UNN');
    await page.getByLabel('Navn').fill('Testenhet');
    assert.equal(await page.getByLabel('Type').inputValue(), 'unit');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/orgs') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Opprett' }).click(),
    ]);
    assert.ok(bad.status() >= 400 && bad.status() < 500);
    const problem = await bad.json();
    assert.equal(problem.field, 'code');
    await page.locator('#org-add-code-error').waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    assert.match(await code.getAttribute('aria-describedby'), /org-add-code-error/);
    assert.equal(await page.locator('#org-add-code-error').innerText(), problem.detail);
    assert.equal(await page.locator('#org-add-error').innerText(), 'Rett opp feilene i skjemaet.');
    assert.equal(await page.getByLabel('Navn').inputValue(), 'Testenhet', 'input is kept');
    await expectNoAxeViolations(page, 'add form with a field error');

    await code.fill('UNN-MED-TEST');
    const [ok] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/orgs') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Opprett' }).click(),
    ]);
    assert.equal(ok.status(), 201);
    await page.getByText('Testenhet er opprettet.').waitFor();
    const item = treeNode(page, 'UNN-MED-TEST');
    await item.waitFor();
    assert.match(await item.innerText(), /Testenhet/);
    // It is also in the organisation switcher.
    await page.locator('#org-switcher option', { hasText: '(UNN-MED-TEST)' }).waitFor({ state: 'attached' });

    // Delete it again.
    await item.click();
    await page.getByRole('heading', { level: 2, name: 'Testenhet' }).waitFor();
    await page.getByRole('button', { name: 'Slett', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Slette Testenhet?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'delete dialog');
    const [del] = await Promise.all([
      page.waitForResponse((r) => /\/api\/orgs\/\d+$/.test(r.url()) && r.request().method() === 'DELETE'),
      dialog.getByRole('button', { name: 'Slett enheten' }).click(),
    ]);
    assert.equal(del.status(), 204);
    await page.getByText('Testenhet er slettet.').waitFor();
    await item.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2, name: 'Medisinsk klinikk' }).waitFor();

    // A node with children cannot be deleted: the server's reason is shown in the dialog.
    await page.getByRole('button', { name: 'Slett', exact: true }).click();
    const d2 = page.getByRole('dialog', { name: 'Slette Medisinsk klinikk?' });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => /\/api\/orgs\/\d+$/.test(r.url()) && r.request().method() === 'DELETE'),
      d2.getByRole('button', { name: 'Slett enheten' }).click(),
    ]);
    assert.equal(refused.status(), 409);
    await d2.getByRole('alert').waitFor();
    assert.equal(await d2.getByRole('alert').innerText(), (await refused.json()).detail);
    await d2.getByRole('button', { name: 'Avbryt' }).click();
    await d2.waitFor({ state: 'hidden' });
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('editing a node someone else changed meanwhile shows the stored values and keeps the input', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'admin');
    await openOrganisation(page);
    await selectNode(page, ['NO', 'HN', 'UNN', 'UNN-PHR'], 'Klinikk psykisk helse og rus');
    await page.getByRole('button', { name: 'Endre' }).click();
    const name = page.getByLabel('Navn');
    await name.waitFor();
    await expectNoAxeViolations(page, 'edit form open');

    // Someone else renames the node through the API.
    const other = new Client(env.srv.url);
    await other.login('hn.admin');
    const id = Number(page.url().split('/').pop());
    const current = await other.get(`/api/orgs/${id}`);
    const changed = await other.patch(`/api/orgs/${id}`, { name: 'Klinikk for psykisk helse og rusbehandling' }, {
      'if-match': `"${current.body.version}"`,
    });
    assert.equal(changed.status, 200);

    await name.fill('Psykisk helse og rus (ny)');
    const [stale] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/orgs/${id}`) && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Lagre' }).click(),
    ]);
    assert.equal(stale.status(), 412);
    assert.equal(stale.request().headers()['if-match'], `"${current.body.version}"`);
    const conflict = page.locator('#org-edit-conflict');
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /Noen andre har endret dette i mellomtiden/);
    assert.equal(await conflict.locator('[data-current="name"]').innerText(), 'Klinikk for psykisk helse og rusbehandling');
    assert.equal(await name.inputValue(), 'Psykisk helse og rus (ny)', "the user's input is kept");
    await expectNoAxeViolations(page, 'edit form with a conflict');

    // Saving again writes on top of the stored version.
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/orgs/${id}`) && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Lagre' }).click(),
    ]);
    assert.equal(saved.status(), 200);
    await page.getByRole('heading', { level: 2, name: 'Psykisk helse og rus (ny)' }).waitFor();
    await page.getByText('Endringene er lagret.').waitFor();
    assert.match(await treeNode(page, 'UNN-PHR').innerText(), /Psykisk helse og rus \(ny\)/);
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a reader (unn.leser) sees only UNN and below, and no edit controls', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.leser');
    await openOrganisation(page);
    await page.getByRole('heading', { level: 2, name: 'Universitetssykehuset Nord-Norge HF' }).waitFor();
    const codes = await page.locator('li[data-org-code]').evaluateAll((els) => els.map((e) => e.dataset.orgCode));
    assert.ok(codes.includes('UNN') && codes.includes('UNN-MED') && codes.includes('UNN-HJE'), String(codes));
    for (const hidden of ['NO', 'HN', 'HMN', 'STO', 'HMR', 'HNT', 'SIMN', 'HEMIT', 'NLSH', 'HNIKT']) {
      assert.ok(!codes.includes(hidden), `${hidden} is not visible to unn.leser`);
    }
    const switcher = await page.locator('#org-switcher option').allInnerTexts();
    assert.ok(!switcher.some((o) => /\((HMN|STO|HMR|HNT|SIMN|HEMIT)\)/.test(o)), String(switcher));
    // The path shows that there is more above, without naming it.
    assert.equal(await page.locator('[data-field="path"]').innerText(), '… / UNN');
    for (const name of ['Endre', 'Legg til underenhet', 'Slett', 'Gi en rolle']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no "${name}" button`);
    }
    // A reader may not manage, so the grants (GET /api/orgs/{id}/grants → 403) are not shown.
    assert.equal(await page.locator('#grants-table').count(), 0);
    await expectNoAxeViolations(page, 'org page as reader');

    // A node outside the reader's scope, by address, is "not found".
    const admin = new Client(env.srv.url);
    await admin.login('admin');
    const sto = (await admin.get('/api/orgs?q=STO')).body.items.find((o) => o.code === 'STO');
    await page.goto(`/organisasjon/${sto.id}`);
    await page.getByText('Enheten finnes ikke, eller du har ikke tilgang til den.').waitFor();
    expectNoPageErrors(page);
  } finally {
    await context.close();
  }
});

test('a security officer sees the grants but no admin controls', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'unn.isl');
    await openOrganisation(page);
    await page.getByRole('heading', { level: 2, name: 'Universitetssykehuset Nord-Norge HF' }).waitFor();
    await grantsTable(page).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Fjern/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Gi en rolle' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Endre' }).count(), 0);
    await expectNoAxeViolations(page, 'org page as security officer');
  } finally {
    await context.close();
  }
});

test('hn.admin administers inside Helse Nord but cannot see Helse Midt-Norge', async () => {
  const { context, page } = await newPage(env.browser, env.srv.url);
  try {
    await login(page, 'hn.admin');
    await openOrganisation(page);
    await page.getByRole('heading', { level: 2, name: 'Helse Nord RHF' }).waitFor();
    await page.getByRole('button', { name: 'Endre' }).waitFor();
    const codes = await page.locator('li[data-org-code]').evaluateAll((els) => els.map((e) => e.dataset.orgCode));
    assert.ok(codes.includes('HN') && codes.includes('HNIKT'));
    assert.ok(!codes.includes('HMN') && !codes.includes('NO') && !codes.includes('STO'));
  } finally {
    await context.close();
  }
});
