/** The GraphQL sidebar answer mapped to the features' types: wait start, direct or team, CI. */
import assert from 'node:assert/strict';
import { readSearch } from '../../../src/github/ops/sidebarQuery';
import { ciFromRollup, pendingReviewFrom, timelineEvents, uniqueByRepoAndNumber, waitingOnFrom } from '../../../src/github/sidebarItems';

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
