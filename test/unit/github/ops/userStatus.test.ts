/** The heads-down status set and cleared through GraphQL's `changeUserStatus`, on the fake GitHub's schema. */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { setUserStatus } from '../../../../src/github/ops/userStatus';
import { fakeTransport } from '../fakeSession';

describe('github/ops/userStatus', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  beforeEach(async () => { fake = await startFakeGitHub(demoScenario(new Date())); });
  afterEach(() => fake.close());

  it('sets and clears the user status through GraphQL', async () => {
    const s = fakeTransport(fake);
    await setUserStatus(s, { message: 'Heads-down coding until 11:30', emoji: ':technologist:', busy: true, expiresAt: new Date(Date.now() + 3600_000) });
    assert.equal(fake.scenario.userStatus?.message, 'Heads-down coding until 11:30');
    assert.equal(fake.scenario.userStatus?.indicatesLimitedAvailability, true);
    await setUserStatus(s, null);
    assert.equal(fake.scenario.userStatus, null);
  });
});
