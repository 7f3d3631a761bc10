/**
 * The session's transport against the fake GitHub: the repository's default branch is asked once
 * per session, whichever operation asks (the red-build alerts' poll and the Morning Review's
 * systems check read the same runs), and asked again after a failure.
 */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../../src/github/client';

describe('github/transport: one default-branch cache per session', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let asked: string[];
  let client: GitHubClient;

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()));
    asked = [];
    client = new GitHubClient(createOctokit({
      baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5,
      // `url` is the request key, "GET http://…/repos/…".
      onResponse: ({ url }) => { const [method, href] = url.split(' '); asked.push(`${method} ${new URL(href!).pathname}`); },
    }), new URL(fake.url).host);
  });
  afterEach(() => fake.close());

  const repositoryReads = () => asked.filter((r) => r === 'GET /repos/acme/web').length;

  it('the alerts and the Morning Review, asking at once and again, fetch the repository once', async () => {
    const [alerts, review] = await Promise.all([client.defaultBranchRuns('acme/web'), client.latestDefaultBranchRuns('acme/web')]);
    await client.defaultBranchRuns('acme/web');
    await client.latestDefaultBranchRuns('acme/web');
    // acme/web's default branch is develop in the demo: both callers read it from the one answer.
    assert.equal(alerts.branch, 'develop');
    assert.ok(review.length > 0 && review.every((w) => w.branch === 'develop'), 'the systems check reads develop too');
    assert.equal(repositoryReads(), 1, asked.join('\n'));
    assert.ok(asked.filter((r) => r === 'GET /repos/acme/web/actions/runs').length >= 2, 'the runs themselves are asked by each caller');
  });

  it('a failed read is not kept: the next caller asks again, then the answer is kept', async () => {
    fake.inject('GET /repos/acme/web', { status: 404, times: 1 });
    await assert.rejects(client.defaultBranchRuns('acme/web'), (e: { kind?: string }) => e.kind === 'not-found');
    assert.equal((await client.latestDefaultBranchRuns('acme/web'))[0]?.branch, 'develop');
    await client.defaultBranchRuns('acme/web');
    assert.equal(repositoryReads(), 2, asked.join('\n'));
  });
});
