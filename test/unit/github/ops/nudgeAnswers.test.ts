/** Nudge answers: one aliased GraphQL query against the fake GitHub (GitHub's schema), read per item. */
import assert from 'node:assert/strict';
import { addIssue, addPull, iso, nextId, startFakeGitHub, demoScenario, type FakeGitHub } from '../../../fake-github';
import { isAnswered, itemKey, type NudgeRecord } from '../../../../src/core/nudges';
import { nudgeAnswers, nudgeAnswersRequest } from '../../../../src/github/ops/nudgeAnswers';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../../src/github/client';
import { GitHubFailure } from '../../../../src/github/transport/failure';

describe('github/nudgeAnswers', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  const service = () => new GitHubClient(
    createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5 }),
    new URL(fake.url).host,
  );
  const HOUR = 3_600_000;
  const nudgedAt = Date.now() - 20 * HOUR;
  const nudge = (repo: string, number: number, who: string): NudgeRecord => ({ at: nudgedAt, who, repo, number, url: `https://x/${repo}/${number}` });

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()), { eagerGraphQL: true });
  });
  afterEach(() => fake.close());

  const comment = (repo: string, issue: number, user: string, at: number) => fake.scenario.comments.push({
    id: nextId(fake.scenario), repo, issue, user, body: 'on it', createdAt: iso(new Date(at)), updatedAt: iso(new Date(at)),
  });

  it('asks about every nudged item in one request, and reads comments and reviews after the nudge as answers', async () => {
    const s = fake.scenario;
    const issue = addIssue(s, { repo: 'acme/api', title: 'Delegated', author: 'lead', assignees: ['tomas'] });
    const quiet = addIssue(s, { repo: 'acme/api', title: 'Quiet', author: 'lead', assignees: ['jun'] });
    const pull = addPull(s, { repo: 'acme/api', title: 'Mine', author: 'lead' });
    comment('acme/api', issue.number, 'tomas', nudgedAt + HOUR);
    comment('acme/api', quiet.number, 'jun', nudgedAt - HOUR); // before the nudge: not an answer
    comment('acme/api', quiet.number, 'lead', nudgedAt + HOUR); // someone else: not an answer
    s.reviews.push({ id: nextId(s), repo: 'acme/api', pull: pull.number, user: 'mira', state: 'APPROVED', body: '', commitId: pull.head.sha, submittedAt: iso(new Date(nudgedAt + 2 * HOUR)) });
    const nudges = [nudge('acme/api', issue.number, 'tomas'), nudge('acme/api', quiet.number, 'jun'), nudge('acme/api', pull.number, 'mira'), nudge('acme/api', pull.number, 'sofia')];
    fake.resetStats();
    const answers = await nudgeAnswers(service(), nudges);
    assert.equal(fake.requests.filter((r) => r.resource === 'graphql').length, 1, 'one round trip for all items');
    assert.equal(fake.requests.length, 1);
    const answered = nudges.map((n) => isAnswered(n, answers.get(itemKey(n.repo, n.number)) ?? []));
    assert.deepEqual(answered, [true, false, true, false]);
  });

  it('leaves an item GitHub gave no answer for out (no answer known), keeping the others', async () => {
    const s = fake.scenario;
    const a = addIssue(s, { repo: 'acme/api', title: 'A', author: 'lead', assignees: ['tomas'] });
    const nudges = [nudge('acme/api', a.number, 'tomas'), nudge('acme/api', 9999, 'jun'), nudge('acme/gone', 1, 'mira')];
    const answers = await nudgeAnswers(service(), nudges);
    assert.ok(answers.has(itemKey('acme/api', a.number)));
    assert.ok(!answers.has(itemKey('acme/api', 9999)));
    assert.ok(!answers.has(itemKey('acme/gone', 1)));
  });

  it('throws a GitHubFailure when GitHub fails as a whole, and asks nothing for no nudges', async () => {
    assert.equal(nudgeAnswersRequest([]), null);
    assert.equal((await nudgeAnswers(service(), [])).size, 0);
    fake.inject('POST /graphql', { status: 502 });
    await assert.rejects(nudgeAnswers(service(), [nudge('acme/api', 1, 'tomas')]), (e: unknown) => e instanceof GitHubFailure || (e as { status?: number }).status === 502);
  });
});
