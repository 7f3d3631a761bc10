/**
 * Every write to GitHub is sent once, against a fake that applies the write and then loses the
 * answer (502, a dropped connection, no answer at all): the client never sends it again, reads
 * back what happened, and says so. Real Octokit (retry plugin on) against the fake over HTTP.
 */
import assert from 'node:assert/strict';
import { demoScenario, startFakeGitHub, type FakeGitHub, type Fault } from '../../../fake-github';
import { GitHubFailure, UnconfirmedWrite } from '../../../../src/github/transport/failure';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { GitHubClient } from '../../../../src/github/client';

/** A write, where it goes, and how to count its effect in the fake's world. */
interface WriteCase {
  readonly name: string;
  readonly route: string;
  readonly run: (client: GitHubClient, fake: FakeGitHub) => Promise<unknown>;
  /** How many times the write shows in the world (1 after it, 0 before). */
  readonly effect: (fake: FakeGitHub) => number;
}

/** An open sev1 issue of acme/api: the same one all along, although a case takes its label off. */
const chosenIssue = new WeakMap<FakeGitHub, number>();
const openIssue = (fake: FakeGitHub) => {
  if (!chosenIssue.has(fake)) chosenIssue.set(fake, fake.scenario.issues.find((i) => i.repo === 'acme/api' && i.state === 'open' && i.labels.includes('sev1'))!.number);
  return fake.scenario.issues.find((i) => i.repo === 'acme/api' && i.number === chosenIssue.get(fake))!;
};
const leadPull = (fake: FakeGitHub) => fake.scenario.pulls.find((p) => p.repo === 'acme/api' && p.author === 'lead' && p.state === 'open' && !p.draft)!;
const redRun = (fake: FakeGitHub) => fake.scenario.runs.filter((r) => r.repo === 'acme/api' && r.conclusion === 'failure').at(-1)!;
const NUDGE = 'Friendly nudge: could you take a look?';

const CASES: WriteCase[] = [
  {
    name: 'the nudge (a comment)', route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    run: (c, f) => c.comment('acme/api', openIssue(f).number, NUDGE),
    effect: (f) => f.scenario.comments.filter((x) => x.issue === openIssue(f).number && x.body === NUDGE).length,
  },
  {
    name: 'the merge', route: 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
    run: (c, f) => c.merge('acme/api', leadPull(f).number, 'squash'),
    effect: (f) => f.scenario.pulls.filter((p) => p.repo === 'acme/api' && p.author === 'lead' && p.mergedAt !== null).length,
  },
  {
    name: 'a review request', route: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    run: (c, f) => c.requestReviewers('acme/api', leadPull(f).number, ['kwame']),
    effect: (f) => f.scenario.timeline.filter((e) => (e as { event?: string }).event === 'review_requested' && JSON.stringify(e).includes('kwame') && (e as { issue?: number }).issue === leadPull(f).number).length,
  },
  {
    name: 'removing a review request', route: 'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    run: (c, f) => c.removeReviewRequest('acme/api', leadPull(f).number, [leadPull(f).requestedReviewers[0]!]),
    effect: (f) => f.scenario.timeline.filter((e) => (e as { event?: string }).event === 'review_request_removed' && (e as { issue?: number }).issue === leadPull(f).number).length,
  },
  {
    name: 're-running failed jobs', route: 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
    run: (c, f) => c.rerunFailedJobs('acme/api', redRun(f).id),
    effect: (f) => Number(f.scenario.runs.some((r) => r.repo === 'acme/api' && r.status === 'queued')),
  },
  {
    name: 'the heads-down status (a GraphQL mutation)', route: 'POST /graphql',
    run: (c) => c.setUserStatus({ message: 'Heads-down', emoji: ':technologist:', busy: true, expiresAt: new Date(Date.now() + 3_600_000) }),
    effect: (f) => Number(f.scenario.userStatus?.message === 'Heads-down'),
  },
  {
    name: 'reassigning', route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    run: (c, f) => c.setAssignees('acme/api', openIssue(f).number, ['jun']),
    effect: (f) => Number(openIssue(f).assignees.join() === 'jun'),
  },
  {
    name: 'writing the due line', route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    run: (c, f) => c.writeDueLine('acme/api', openIssue(f).number, '2030-01-31'),
    effect: (f) => (openIssue(f).body ?? '').split('2030-01-31').length - 1,
  },
  {
    name: 'adding a label', route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    run: (c, f) => c.addLabels('acme/api', openIssue(f).number, ['escalated']),
    effect: (f) => Number(openIssue(f).labels.includes('escalated')),
  },
  {
    name: 'removing a label', route: 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    run: (c, f) => c.removeLabel('acme/api', openIssue(f).number, 'sev1'),
    effect: (f) => Number(!openIssue(f).labels.includes('sev1')),
  },
  {
    name: 'marking a notification read', route: 'PATCH /notifications/threads/{thread_id}',
    run: (c, f) => c.markThreadRead(f.scenario.notifications.find((n) => n.id === 'first')?.id ?? f.scenario.notifications[0]!.id),
    effect: (f) => Number(!f.scenario.notifications[0]!.unread),
  },
];

describe('writes to GitHub are sent once', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  const client = (timeoutMs = 5000) => new GitHubClient(
    createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5 }),
    new URL(fake.url).host,
  );
  /** Requests of the write itself: its route and method (GraphQL: mutations only). */
  const sent = (route: string) => {
    const [method, template] = route.split(' ');
    return fake.writes().filter((w) => w.method === method && w.route === template).length;
  };
  const quietly = async <T>(fn: () => Promise<T>): Promise<T> => {
    const warn = console.warn;
    console.warn = () => {};
    try { return await fn(); } finally { console.warn = warn; }
  };

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()));
    fake.scenario.notifications[0]!.unread = true;
  });
  afterEach(() => fake.close());

  for (const w of CASES) {
    it(`${w.name}: applied, then answered 502 — sent once, read back as done, and says GitHub answered 502`, async () => {
      assert.equal(w.effect(fake), 0, 'not yet done');
      fake.inject(w.route, { afterApply: 502, times: 1 });
      const result = await quietly(() => w.run(client(), fake));
      assert.equal(sent(w.route), 1, 'sent once, never retried');
      assert.equal(w.effect(fake), 1, 'happened once');
      const recovered = (result as { recoveredFrom?: GitHubFailure } | undefined)?.recoveredFrom;
      if (typeof result === 'object' && result !== null) assert.equal(recovered?.status, 502, 'the result says GitHub answered 502');
    });
  }

  const lost: [string, Fault, string][] = [
    ['the connection drops after the request was sent', { afterApply: 'reset' }, 'offline'],
    ['no answer comes', { afterApply: 'hang' }, 'timeout'],
  ];
  for (const [how, fault, kind] of lost) {
    it(`a nudge and a merge whose answer is lost (${how}) are sent once and read back as done`, async () => {
      const issue = openIssue(fake).number;
      const pull = leadPull(fake).number;
      fake.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...fault, times: 1 });
      fake.inject('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...fault, times: 1 });
      const c = client(800);
      const posted = await quietly(() => c.comment('acme/api', issue, NUDGE));
      const merged = await quietly(() => c.merge('acme/api', pull, 'squash'));
      assert.equal(posted.recoveredFrom?.kind, kind);
      assert.match(posted.url, new RegExp(`/acme/api/issues/${issue}#issuecomment-\\d+$`));
      assert.equal(merged.recoveredFrom?.kind, kind);
      assert.equal(sent('POST /repos/{owner}/{repo}/issues/{issue_number}/comments'), 1);
      assert.equal(sent('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge'), 1);
      assert.equal(fake.scenario.comments.filter((x) => x.body === NUDGE).length, 1);
    });
  }

  it('a nudge GitHub did not store (502) after the same nudge was posted earlier is not read back as posted', async () => {
    const issue = openIssue(fake).number;
    await client().comment('acme/api', issue, NUDGE);
    fake.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 502, times: 1 });
    await quietly(() => assert.rejects(client().comment('acme/api', issue, NUDGE), (e: unknown) => e instanceof GitHubFailure && e.status === 502));
    assert.equal(fake.scenario.comments.filter((x) => x.issue === issue && x.body === NUDGE).length, 1, 'only the earlier nudge is on GitHub');
  });

  it('a re-run whose new attempt already failed again when the answer was lost still reads as re-run (not sent twice)', async () => {
    const run = redRun(fake);
    fake.inject('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', { afterApply: 'hang', times: 1 });
    // The new attempt fails within a second (a job failing at once), before the read-back.
    const failFast = setTimeout(() => Object.assign(fake.scenario.runs.find((r) => r.id === run.id)!, { status: 'completed', conclusion: 'failure' }), 700);
    try {
      assert.equal(await quietly(() => client(1500).rerunFailedJobs('acme/api', run.id)), true);
    } finally {
      clearTimeout(failFast);
    }
    assert.equal(sent('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs'), 1);
    assert.equal(fake.scenario.runs.find((r) => r.id === run.id)!.attempt, 2, 'one new attempt');
  });

  it('a write that GitHub did not apply (502, read back: not there) fails as it was, sent once', async () => {
    const issue = openIssue(fake).number;
    fake.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 502, times: 1 });
    await assert.rejects(quietly(() => client().comment('acme/api', issue, NUDGE)),
      (e: unknown) => e instanceof GitHubFailure && !(e instanceof UnconfirmedWrite) && e.kind === 'server' && e.status === 502);
    assert.equal(sent('POST /repos/{owner}/{repo}/issues/{issue_number}/comments'), 1);
    assert.equal(fake.scenario.comments.filter((x) => x.body === NUDGE).length, 0);
  });

  it('a write whose read-back fails too is reported as unknown, never as "not done", and never sent again', async () => {
    const pull = leadPull(fake).number;
    fake.inject('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { afterApply: 502, times: 1 });
    fake.inject('GET /repos/{owner}/{repo}/pulls/{pull_number}', { status: 503 });
    await assert.rejects(quietly(() => client().merge('acme/api', pull, 'squash')), (e: unknown) => {
      assert.ok(e instanceof UnconfirmedWrite, String(e));
      assert.equal(e.describe(), `GitHub answered 502, and Lead Desk could not check whether acme/api#${pull} was merged: look on GitHub before trying again`);
      return true;
    });
    assert.equal(sent('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge'), 1);
  });

  it('a write that never left (connection refused) is a plain failure: nothing to read back, nothing unknown', async () => {
    const closed = await startFakeGitHub(demoScenario(new Date()));
    await closed.close();
    const c = new GitHubClient(createOctokit({ baseUrl: closed.url, token: closed.token, timeoutMs: 2000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5 }), new URL(closed.url).host);
    await assert.rejects(quietly(() => c.comment('acme/api', 1, NUDGE)),
      (e: unknown) => e instanceof GitHubFailure && !(e instanceof UnconfirmedWrite) && e.kind === 'offline');
  });

  it('reads are still retried after a 502', async () => {
    fake.inject('GET /repos/{owner}/{repo}/collaborators', { status: 502, times: 1 });
    assert.ok((await client().collaborators('acme/api')).length > 0);
    assert.equal(fake.requests.filter((r) => r.route === '/repos/{owner}/{repo}/collaborators').length, 2);
  });
});
