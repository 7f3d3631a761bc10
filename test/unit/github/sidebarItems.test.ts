/** The sidebar's items: where the lead's own review stands, and what one of the lead's PRs waits for. */
import assert from 'node:assert/strict';
import { commitsAfter, ownPullRequestFrom, pendingReviewFrom } from '../../../src/github/sidebarItems';

const at = (h: number) => new Date(Date.UTC(2026, 10, 2, h)).toISOString();
const pr = (over: Record<string, unknown> = {}) => ({
  __typename: 'PullRequest', number: 7, title: 'Fix it', url: 'https://github.com/acme/api/pull/7', createdAt: at(8), updatedAt: at(12), isDraft: false,
  additions: 3, deletions: 1, author: { login: 'mira' }, repository: { nameWithOwner: 'acme/api' },
  commits: { nodes: [{ commit: { oid: 'a1', committedDate: at(8) } }, { commit: { oid: 'b2', committedDate: at(11) } }, { commit: { oid: 'c3', committedDate: at(12), statusCheckRollup: { state: 'SUCCESS' } } }] },
  latestReviews: { nodes: [{ state: 'CHANGES_REQUESTED', submittedAt: at(9), author: { login: 'Lead' }, commit: { oid: 'a1' } }, { state: 'APPROVED', submittedAt: at(10), author: { login: 'tomas' }, commit: { oid: 'a1' } }] },
  ...over,
});

describe('sidebar items: the lead\'s review', () => {
  it('counts the commits after the reviewed commit, and links the changes since', () => {
    const r = pendingReviewFrom(pr(), 'lead', 'github.com', false);
    assert.deepEqual([r.requested, r.myReview?.verdict, r.commitsSinceMyReview, r.ci], [false, 'CHANGES_REQUESTED', 2, 'success']);
    assert.equal(r.changesSinceUrl, 'https://github.com/acme/api/pull/7/files/a1..c3');
    assert.equal(r.requestedAt, Date.parse(at(11)), 'back with the lead from the first commit after the review');
  });

  it('without the reviewed commit among the last ones read, counts commits dated after the review', () => {
    assert.equal(commitsAfter({ at: Date.parse(at(10)), commit: 'zz' }, [{ oid: 'b2', at: Date.parse(at(11)) }, { oid: 'c3', at: Date.parse(at(12)) }]), 2);
    assert.equal(commitsAfter({ at: Date.parse(at(10)), commit: 'c3' }, [{ oid: 'b2', at: Date.parse(at(11)) }, { oid: 'c3', at: Date.parse(at(12)) }]), 0);
  });

  it('ignores malformed reviews and verdicts GitHub does not have', () => {
    const r = pendingReviewFrom(pr({ latestReviews: { nodes: [{ state: 'LGTM', submittedAt: at(9), author: { login: 'lead' } }, { state: 'APPROVED', submittedAt: 'never', author: { login: 'lead' } }, null] } }), 'lead', 'github.com');
    assert.equal(r.myReview, undefined);
    assert.equal(r.changesSinceUrl, undefined);
  });

  it('one of the lead\'s PRs: the decision, each reviewer\'s verdict, and the wait since the latest request', () => {
    const own = ownPullRequestFrom(pr({
      reviewDecision: 'CHANGES_REQUESTED',
      timelineItems: { nodes: [{ __typename: 'ReviewRequestedEvent', createdAt: at(8), requestedReviewer: { __typename: 'User', login: 'mira' } }, { __typename: 'ReviewRequestedEvent', createdAt: at(10), requestedReviewer: { __typename: 'Team', slug: 'web' } }] },
    }), 'github.com');
    assert.equal(own.reviewDecision, 'CHANGES_REQUESTED');
    assert.deepEqual(own.reviews?.map((r) => `${r.reviewer}:${r.verdict}`), ['Lead:CHANGES_REQUESTED', 'tomas:APPROVED']);
    assert.equal(own.waitingSince, Date.parse(at(10)));
    assert.equal(ownPullRequestFrom(pr({ reviewDecision: 'MAYBE' }), 'github.com').reviewDecision, null, 'an unknown decision is none');
  });
});
