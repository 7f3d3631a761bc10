/**
 * The GraphQL sidebar answer mapped to the features' types: wait start, direct or team, CI. The
 * sidebar's cursor paging (pure): which lists a round trip asks for, from which cursor, and when
 * it stops. And `sidebar` itself on the fake GitHub: one round trip, its cost, paging per list.
 */
import assert from 'node:assert/strict';
import { readSearch, sidebar, SidebarPager } from '../../../../src/github/ops/sidebarQuery';
import { ciFromRollup, pendingReviewFrom, timelineEvents, uniqueByRepoAndNumber, waitingOnFrom } from '../../../../src/github/sidebarItems';
import { failureFromErrors } from '../../../../src/github/transport/failure';
import { addPull, demoScenario, requestReview, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { fakeTransport } from '../fakeSession';

const T = (h: number) => new Date(Date.UTC(2026, 10, 2, h)).toISOString();
const user = (login: string) => ({ __typename: 'User', login });
const team = (slug: string) => ({ __typename: 'Team', slug });

function pr(extra: Record<string, unknown> = {}) {
  return {
    __typename: 'PullRequest', id: 'PR_1', number: 7, title: 'Add cache', url: 'https://github.com/acme/api/pull/7',
    createdAt: T(1), updatedAt: T(9), isDraft: false, additions: 10, deletions: 2,
    author: { login: 'mira' }, repository: { nameWithOwner: 'acme/api' }, labels: { nodes: [{ name: 'perf' }] },
    commits: { nodes: [{ commit: { statusCheckRollup: { state: 'FAILURE' } } }] },
    reviewRequests: { nodes: [{ requestedReviewer: user('lead') }] },
    timelineItems: { nodes: [] }, ...extra,
  };
}

describe('sidebar query mapping', () => {
  it('starts the wait at the latest request of the lead: a re-request restarts it', () => {
    const r = pendingReviewFrom(pr({ timelineItems: { nodes: [
      { __typename: 'ReviewRequestedEvent', createdAt: T(2), requestedReviewer: user('lead') },
      { __typename: 'ReviewRequestRemovedEvent', createdAt: T(3), requestedReviewer: user('lead') },
      { __typename: 'ReviewRequestedEvent', createdAt: T(5), requestedReviewer: user('LEAD') },
      { __typename: 'ReviewRequestedEvent', createdAt: T(6), requestedReviewer: user('tomas') },
    ] } }), 'lead', 'github.com');
    assert.equal(r.requestedAt, Date.parse(T(5)));
    assert.equal(r.direct, true);
    assert.equal(r.team, undefined);
    assert.equal(r.ci, 'failure');
    assert.deepEqual([r.repo, r.number, r.author, r.additions, r.deletions, r.labels], ['acme/api', 7, 'mira', 10, 2, ['perf']]);
  });

  it('counts a draft from ready-for-review', () => {
    const r = pendingReviewFrom(pr({ timelineItems: { nodes: [
      { __typename: 'ReviewRequestedEvent', createdAt: T(2), requestedReviewer: user('lead') },
      { __typename: 'ConvertToDraftEvent', createdAt: T(3) },
      { __typename: 'ReadyForReviewEvent', createdAt: T(7) },
    ] } }), 'lead', 'github.com');
    assert.equal(r.requestedAt, Date.parse(T(7)));
  });

  it('tells a team request from a direct one by the review requests alone', () => {
    const r = pendingReviewFrom(pr({
      reviewRequests: { nodes: [{ requestedReviewer: team('backend') }, { requestedReviewer: user('tomas') }] },
      timelineItems: { nodes: [{ __typename: 'ReviewRequestedEvent', createdAt: T(4), requestedReviewer: team('backend') }] },
    }), 'lead', 'github.com');
    assert.equal(r.direct, false);
    assert.equal(r.team, 'backend');
    assert.equal(r.requestedAt, Date.parse(T(4)));
    assert.deepEqual(waitingOnFrom(pr({ reviewRequests: { nodes: [{ requestedReviewer: team('backend') }, { requestedReviewer: user('tomas') }, { requestedReviewer: null }] } })), ['@backend', 'tomas']);
  });

  it('reads CI from the status rollup, and keeps only links to the GitHub host', () => {
    assert.deepEqual(['SUCCESS', 'FAILURE', 'ERROR', 'PENDING', 'EXPECTED', null, 'WEIRD'].map(ciFromRollup), ['success', 'failure', 'failure', 'pending', 'pending', 'none', 'none']);
    assert.equal(pendingReviewFrom(pr({ commits: { nodes: [] } }), 'lead', 'github.com').ci, 'none');
    assert.equal(pendingReviewFrom(pr({ url: 'https://evil.example/x' }), 'lead', 'github.com').url, '');
  });

  it('skips null and unknown timeline items and search nodes, and de-duplicates by repo and number', () => {
    assert.deepEqual(timelineEvents({ nodes: [null, { __typename: 'Mystery', createdAt: T(1) }, { __typename: 'ReadyForReviewEvent' }] }), []);
    const list = readSearch({ reviews: { issueCount: 3, pageInfo: { hasNextPage: true, endCursor: 'c1' }, nodes: [pr(), null, pr()] } }, 'reviews')!;
    assert.equal(list.nodes.length, 2);
    assert.equal(list.endCursor, 'c1');
    assert.equal(readSearch({ reviews: null }, 'reviews'), null);
    assert.equal(uniqueByRepoAndNumber(list.nodes.map((n) => pendingReviewFrom(n, 'lead', 'github.com'))).length, 1);
  });

  it('refuses a result without a repository as malformed', () => {
    assert.throws(() => pendingReviewFrom(pr({ repository: null }), 'lead', 'github.com'), /repository/);
  });
});

const page = (count: number, total: number, cursor: string | null, more: boolean) => ({
  issueCount: total, pageInfo: { hasNextPage: more, endCursor: cursor },
  nodes: Array.from({ length: count }, (_, i) => ({ __typename: 'PullRequest', number: i + 1, repository: { nameWithOwner: `acme/r${cursor}` }, title: 't', url: '', createdAt: '2026-11-02T10:00:00Z' })),
});
const answer = (lists: Record<string, unknown>) => ({ viewer: { login: 'lead' }, rateLimit: { cost: 1, remaining: 4990, limit: 5000, resetAt: '2026-11-02T11:00:00Z' }, ...lists });

describe('sidebar paging', () => {
  it('asks for every list first, then only the lists with more, each from its own cursor', () => {
    const p = new SidebarPager();
    const first = p.next()!;
    assert.deepEqual([first.withReviews, first.withMine, first.withDelegated, first.afterReviews], [true, true, true, null]);
    p.accept(answer({ reviews: page(100, 250, 'r1', true), reviewed: page(0, 0, null, false), mine: page(3, 3, 'm1', false), delegated: page(100, 120, 'd1', true) }));
    const second = p.next()!;
    assert.deepEqual([second.withReviews, second.withMine, second.withDelegated, second.afterReviews, second.afterDelegated], [true, false, true, 'r1', 'd1']);
    p.accept(answer({ reviews: page(100, 250, 'r2', true), delegated: page(20, 120, 'd2', false) }));
    const third = p.next()!;
    assert.deepEqual([third.withReviews, third.withMine, third.withDelegated, third.afterReviews], [true, false, false, 'r2']);
    p.accept(answer({ reviews: page(50, 250, 'r3', false) }));
    assert.equal(p.next(), null);
    const r = p.result('github.com');
    assert.equal(r.requests, 3);
    assert.equal(r.rateLimit?.cost, 3, 'the points of every page');
    assert.equal(r.reviewsTotal, 250);
  });

  it('stops at GitHub\'s 1,000-result cap even if GitHub says there is more', () => {
    const p = new SidebarPager();
    let trips = 0;
    for (let vars = p.next(); vars !== null && trips < 50; vars = p.next()) {
      trips++;
      p.accept(answer({
        ...(vars.withReviews ? { reviews: page(100, 5000, `r${trips}`, true) } : {}),
        ...(vars.withReviewed ? { reviewed: page(0, 0, null, false) } : {}),
        ...(vars.withMine ? { mine: page(0, 0, null, false) } : {}),
        ...(vars.withDelegated ? { delegated: page(0, 0, null, false) } : {}),
      }));
    }
    assert.equal(trips, 10);
    assert.equal(p.result('github.com').reviewsTotal, 5000, 'the count GitHub gives, beyond what it returns');
  });

  it('a list that fails stops paging and is named; a failed item is counted', () => {
    const p = new SidebarPager();
    p.accept(answer({ reviews: { ...page(2, 3, 'r1', true), nodes: [page(2, 3, 'r1', true).nodes[0], null] }, reviewed: page(0, 0, null, false), mine: page(0, 0, null, false), delegated: { issueCount: 0, pageInfo: { hasNextPage: true, endCursor: 'd1' }, nodes: null } }),
      [{ path: ['reviews', 'nodes', 1], message: 'x' }, { path: ['delegated', 'nodes'], message: 'y' }]);
    const vars = p.next()!;
    assert.deepEqual([vars.withReviews, vars.withDelegated], [true, false]);
    p.accept(answer({ reviews: page(1, 3, 'r2', false) }));
    const r = p.result('github.com');
    assert.deepEqual(r.missing, ['1 of the pending reviews', 'delegated issues']);
    assert.deepEqual(r.failedLists, ['delegated']);
  });

  it('an answer without data is a failure the UI can name', () => {
    const p = new SidebarPager();
    assert.throws(() => p.accept(null, [{ type: 'FORBIDDEN', message: 'Resource not accessible' }]), (e: { kind: string }) => e.kind === 'forbidden');
    assert.equal(failureFromErrors([{ type: 'RATE_LIMITED', message: 'spent' }]).kind, 'rate-limited');
    assert.equal(failureFromErrors([{ message: 'bad', extensions: { code: 'undefinedField' } }]).kind, 'invalid');
    assert.equal(failureFromErrors([]).kind, 'malformed');
  });
});

describe('sidebar on the fake GitHub (one GraphQL round trip, paged per list)', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  beforeEach(async () => { fake = await startFakeGitHub(demoScenario(new Date())); });
  afterEach(() => fake.close());

  it('lists pending reviews with details, oldest request first, in one GraphQL round trip and no REST request', async () => {
    const { reviews, account, requests } = await sidebar(fakeTransport(fake), ['acme/api', 'acme/web', 'acme/infra']);
    assert.equal(account, 'lead');
    assert.equal(reviews.length, 8);
    const react = reviews.find((r) => r.title.startsWith('Migrate settings page'))!;
    assert.equal(react.direct, false);
    assert.equal(react.team, 'platform');
    assert.deepEqual([react.additions, react.deletions], [880, 610]);
    assert.ok(react.requestedAt > react.createdAt, 'requested time comes from the timeline');
    assert.equal(reviews.find((r) => r.title.startsWith('Terraform'))!.ci, 'failure');
    assert.equal(requests, 1);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['POST /graphql']);
  });

  it('costs at most 12 points at 100 waiting reviews, with the team fields (bots, the merge queue, agent PRs)', async () => {
    for (let i = 0; i < 92; i++) requestReview(fake.scenario, addPull(fake.scenario, { repo: 'acme/api', title: `Filler ${i}`, author: 'mira' }), { user: 'lead' }, new Date());
    const { reviews, rateLimit, requests } = await sidebar(fakeTransport(fake), []);
    assert.equal(reviews.length, 100);
    assert.equal(requests, 1);
    assert.ok(rateLimit && rateLimit.cost <= 12, JSON.stringify(rateLimit));
    assert.equal(fake.requests[0]?.cost, rateLimit.cost);
  });

  it('pages only the list that has more, from its cursor, up to the 1,000 cap', async () => {
    for (let i = 0; i < 242; i++) requestReview(fake.scenario, addPull(fake.scenario, { repo: 'acme/api', title: `Filler ${i}`, author: 'mira' }), { user: 'lead' }, new Date());
    const seen: number[] = [];
    const { reviews, requests, reviewsTotal } = await sidebar(fakeTransport(fake), [], (partial) => seen.push(partial.reviews.length));
    assert.equal(reviews.length, 250);
    assert.equal(reviewsTotal, 250);
    assert.equal(requests, 3);
    assert.deepEqual(seen, [100, 200], 'the first pages are handed over before the last');
    const bodies = fake.requests.map((r) => (r.body as { variables: Record<string, unknown> }).variables);
    assert.deepEqual(bodies.map((v) => [v.withReviews, v.withMine, v.withDelegated]), [[true, true, true], [true, false, false], [true, false, false]]);
    assert.equal(bodies[0]!.afterReviews, null);
    assert.ok(typeof bodies[1]!.afterReviews === 'string' && bodies[2]!.afterReviews !== bodies[1]!.afterReviews);
  });
});
