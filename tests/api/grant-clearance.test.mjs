// The grants on a node carry their clearance for classified documents: the
// level set on the grant (null: the role's default) and the one in effect,
// which follows PUT /api/grants/{id}/clearance.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { loginAs, orgsByCode } from '../lib/api.mjs';

let srv;
const as = {};
let orgs;

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'unn.isl']) as[u] = await loginAs(srv, u);
  orgs = await orgsByCode(as.admin);
});

after(async () => { await srv?.stop(); });

test("GET /api/orgs/{id}/grants has each grant's clearance and the level in effect", async () => {
  const grants = async () => (await as['unn.isl'].get(`/api/orgs/${orgs.get('UNN').id}/grants`)).body;
  const reader = (list) => list.find((g) => g.user.username === 'unn.leser');
  const before = await grants();
  assert.equal(reader(before).clearance, null);
  assert.equal(reader(before).effective_clearance, 'internal');
  assert.equal(before.find((g) => g.user.username === 'unn.isl').effective_clearance, 'confidential');

  const set = await as.admin.request('PUT', `/api/grants/${reader(before).id}/clearance`, { clearance: 'strictly_confidential' });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const after = reader(await grants());
  assert.equal(after.clearance, 'strictly_confidential');
  assert.equal(after.effective_clearance, 'strictly_confidential');

  await as.admin.request('PUT', `/api/grants/${reader(before).id}/clearance`, { clearance: null });
  const reset = reader(await grants());
  assert.equal(reset.clearance, null);
  assert.equal(reset.effective_clearance, 'internal');
});
