/** Edits of an issue's own fields on the fake GitHub: the `Due:` line (its read-back after a lost answer is in transport/writeOnce.test.ts). */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { writeDueLine } from '../../../../src/github/ops/issueUpdate';
import { sidebar } from '../../../../src/github/ops/sidebarQuery';
import { fakeTransport } from '../fakeSession';

describe('github/ops/issueUpdate', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  beforeEach(async () => { fake = await startFakeGitHub(demoScenario(new Date())); });
  afterEach(() => fake.close());

  it('writes the Due: line into an issue description, keeping the rest, once', async () => {
    const target = fake.scenario.issues.find((i) => i.title === 'Decide on a feature-flag vendor')!;
    const s = fakeTransport(fake);
    assert.equal(await writeDueLine(s, target.repo, target.number, '2026-12-04'), true);
    assert.equal(target.body, 'Decide on a feature-flag vendor.\n\nDue: 2026-12-04');
    assert.equal(await writeDueLine(s, target.repo, target.number, '2026-12-04'), false, 'unchanged: no write');
    assert.equal(await writeDueLine(s, target.repo, target.number, '2026-12-11'), true);
    assert.equal(target.body, 'Decide on a feature-flag vendor.\n\nDue: 2026-12-11');
    assert.equal(fake.writes().filter((w) => w.method === 'PATCH').length, 2);
    const [issue] = (await sidebar(s, ['acme/api', 'acme/web', 'acme/infra'])).delegatedIssues.filter((i) => i.number === target.number && i.repo === target.repo);
    assert.equal(issue, undefined, 'unassigned, so not delegated; the line is read once someone is assigned');
  });
});
