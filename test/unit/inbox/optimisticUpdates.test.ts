/** What the inbox shows after a write GitHub confirmed, before the next refresh reads it back. */
import assert from 'node:assert/strict';
import type { PendingReview } from '../../../src/core/reviews';
import type { OwnPullRequest } from '../../../src/github/api';
import { EMPTY_INBOX, type InboxSnapshot } from '../../../src/inbox/inboxSnapshot';
import { withoutOwnPullRequest, withReviewChange, withSnooze } from '../../../src/inbox/optimisticUpdates';

const review = (repo: string, number: number): PendingReview => ({
  repo, number, title: `PR ${number}`, author: 'ana', url: '', requestedAt: 1_000, createdAt: 0, direct: true, additions: 1, deletions: 1, draft: false, ci: 'none', labels: [],
});
const own = (repo: string, number: number, waitingOn: string[]) => ({ repo, number, waitingOn }) as unknown as OwnPullRequest;

describe('inbox: optimistic updates', () => {
  const inbox: InboxSnapshot = {
    ...EMPTY_INBOX,
    reviews: [review('acme/api', 1), review('acme/api', 2)],
    ownPullRequests: [own('Acme/Web', 7, ['mira', '@acme/core']), own('acme/api', 8, ['jun'])],
    teamLoad: [{ login: 'tomas', exists: true, reviews: [] }, { login: 'mira', exists: true, reviews: null }],
  };

  it('a merged or closed PR of the lead\'s leaves at once (owner and name in any case); nothing to do for one not shown', () => {
    assert.deepEqual(withoutOwnPullRequest(inbox, 'acme/web', 7)?.ownPullRequests.map((p) => p.number), [8]);
    assert.equal(withoutOwnPullRequest(inbox, 'acme/web', 99), undefined);
  });

  it('a review request changed: whom the PR waits on is GitHub\'s answer, the team requests stay, the teammate\'s load gains it', () => {
    const patch = withReviewChange(inbox, { repo: 'Acme/Web', number: 7, waitingOn: ['tomas'], leadRemoved: false, requested: { login: 'TOMAS', review: review('Acme/Web', 7) } });
    assert.deepEqual(patch.ownPullRequests.map((p) => p.waitingOn), [['tomas', '@acme/core'], ['jun']]);
    assert.equal(patch.reviews, inbox.reviews, 'the lead is still asked: the reviews are untouched');
    assert.deepEqual(patch.teamLoad?.map((m) => m.reviews?.map((r) => r.number) ?? null), [[7], null], 'a member whose load is unknown stays unknown');
  });

  it('a review handed on drops from the lead\'s pending reviews, and the rest stays as it was', () => {
    const patch = withReviewChange(inbox, { repo: 'acme/api', number: 2, leadRemoved: true });
    assert.deepEqual(patch.reviews.map((r) => r.number), [1]);
    assert.equal(patch.ownPullRequests, inbox.ownPullRequests);
    assert.equal(patch.teamLoad, inbox.teamLoad);
  });

  it('a snooze shows on that review only', () => {
    assert.deepEqual(withSnooze(inbox, 'acme/api', 2, 5_000).reviews.map((r) => r.snoozedUntil), [undefined, 5_000]);
  });
});
