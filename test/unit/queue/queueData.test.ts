import assert from 'node:assert/strict';
import { DEFAULT_BUSINESS_HOURS } from '../../../src/core/businessHours';
import { decideWork, decisionContext, type OwnPullItem } from '../../../src/core/itemDecisions';
import type { PendingReview } from '../../../src/core/reviews';
import { buildQueueData, type QueueDataWords } from '../../../src/queue/queueData';
import { filterQueue, sortQueue, stateCountsText } from '../../../src/core/reviewQueue';
import type { ReviewQueueSnapshot } from '../../../src/queue/source';
import { HOUR, at, inTimeZone } from '../core/timeZone';

/** The words `queueDataWords` gives in English. */
const WORDS: QueueDataWords = { asOfNotice: 'As of {0} — {1}', asOfSaved: 'As of {0} (saved)', updated: 'Updated {0}' };

function review(number: number, requestedAt: number, extra: Partial<PendingReview> = {}): PendingReview {
  return {
    repo: 'octo/app', number, title: `PR ${number}`, author: 'ana', url: `https://github.com/octo/app/pull/${number}`,
    requestedAt, createdAt: requestedAt, direct: true, additions: 10, deletions: 2, draft: false, ci: 'success', labels: [], ...extra,
  };
}

/** The queue's snapshot of these facts, decided at `now` as the inbox decides them. */
function queued(facts: { reviews: PendingReview[]; ownPullRequests: OwnPullItem[]; asOf: number | null; notice: string | null; slaHours: number; staleDays?: number }, now: number): ReviewQueueSnapshot {
  const ctx = decisionContext(now, { slaHours: facts.slaHours, staleDays: facts.staleDays ?? 0, businessHours: DEFAULT_BUSINESS_HOURS });
  const decisions = decideWork({ reviews: facts.reviews, ownPullRequests: facts.ownPullRequests, delegatedIssues: [], tasks: [], teamMembers: [] }, ctx);
  return { decisions, asOf: facts.asOf, notice: facts.notice, slaHours: facts.slaHours };
}

inTimeZone('Europe/London', () => {
  describe('buildQueueData', () => {
    it('computes rows with business-hours waits and SLA, and the snooze bounds', () => {
      const now = at('2024-05-08T15:00:00+01:00'); // Wednesday
      const snapshot = queued({
        reviews: [review(1, at('2024-05-08T14:00:00+01:00')), review(2, at('2024-05-03T10:00:00+01:00'), { snoozedUntil: now + HOUR })],
        ownPullRequests: [],
        asOf: now, notice: null, slaHours: 16,
      }, now);
      const data = buildQueueData(snapshot, now, 'en-GB', WORDS);
      assert.deepEqual(data.rows.map((r) => [r.number, r.waitingBusinessMs / HOUR, r.sla, r.snoozed]), [
        [2, 7 + 8 + 8 + 6, 'breached', true], // oldest first
        [1, 1, 'ok', false],
      ]);
      assert.equal(data.notice, null);
      assert.equal(data.updated, 'Updated 15:00');
      assert.deepEqual([data.snoozeMin, data.snoozeMax], ['2024-05-09', '2024-08-06']);
    });

    it('gives every row its inbox state, filters and sorts by it, and counts the states', () => {
      const now = at('2024-05-08T15:00:00+01:00'); // Wednesday
      const snapshot = queued({
        reviews: [
          review(1, at('2024-05-08T14:00:00+01:00')),
          review(2, at('2024-05-07T10:00:00+01:00'), { requested: false, myReview: { verdict: 'CHANGES_REQUESTED', at: at('2024-05-07T11:00:00+01:00') }, commitsSinceMyReview: 0 }),
          review(3, at('2024-05-08T09:00:00+01:00'), { myReview: { verdict: 'COMMENTED', at: at('2024-05-07T12:00:00+01:00') } }),
          review(4, at('2024-04-29T10:00:00+01:00'), { updatedAt: at('2024-04-29T10:00:00+01:00') }),
          review(5, at('2024-05-07T10:00:00+01:00'), { requested: false, myReview: { verdict: 'APPROVED', at: at('2024-05-07T11:00:00+01:00') } }),
        ],
        ownPullRequests: [
          { repo: 'octo/app', number: 9, title: 'Mine', url: '', createdAt: at('2024-05-06T10:00:00+01:00'), draft: false, waitingOn: ['bo'], reviewDecision: 'REVIEW_REQUIRED', waitingSince: at('2024-05-06T10:00:00+01:00') },
          { repo: 'octo/app', number: 8, title: 'Approved', url: '', createdAt: at('2024-05-08T10:00:00+01:00'), draft: false, waitingOn: [], reviewDecision: 'APPROVED', reviews: [{ reviewer: 'cy', verdict: 'APPROVED' }] },
        ],
        asOf: now, notice: null, slaHours: 16, staleDays: 3,
      }, now);
      const data = buildQueueData(snapshot, now, 'en-GB', WORDS);
      assert.deepEqual(data.rows.map((r) => [r.number, r.state]), [[4, 'stale'], [2, 'waiting-on-author'], [3, 're-requested'], [1, 'needs-review']], 'approved and not asked again: no row');
      assert.equal(data.rows.find((r) => r.number === 2)?.sla, 'ok', 'waiting on its author: no SLA');
      assert.deepEqual(filterQueue(data.rows, { state: 're-requested' }).map((r) => r.number), [3]);
      assert.deepEqual(sortQueue(data.rows, 'state').map((r) => r.number), [1, 3, 2, 4]);
      assert.equal(stateCountsText(data.rows), 'Needs your review: 1 · Re-requested: 1 · Waiting on author: 1 · Stale: 1');
      assert.deepEqual(data.ownPullRequests.map((p) => [p.number, p.state, p.summary, p.pastSla]), [[8, 'approved', 'approved by cy', false], [9, 'waiting-on-reviewers', 'waiting on bo', true]]);
    });

    it('says how old the data is when the source has a notice', () => {
      const now = at('2024-05-08T15:00:00+01:00');
      const base = { reviews: [], ownPullRequests: [], slaHours: 24 };
      assert.equal(buildQueueData(queued({ ...base, asOf: at('2024-05-08T10:42:00+01:00'), notice: 'GitHub unreachable' }, now), now, 'en-GB', WORDS).notice, 'As of 10:42 — GitHub unreachable');
      assert.equal(buildQueueData(queued({ ...base, asOf: at('2024-05-07T10:42:00+01:00'), notice: 'GitHub unreachable' }, now), now, 'en-GB', WORDS).notice, 'As of 7 May, 10:42 — GitHub unreachable');
      assert.equal(buildQueueData(queued({ ...base, asOf: null, notice: 'Sign in to GitHub' }, now), now, 'en-GB', WORDS).notice, 'Sign in to GitHub');
    });

    it('says the time of the data in the words it is given (the display language\'s), and counts the states in the webview\'s', () => {
      const now = at('2024-05-08T15:00:00+01:00');
      const german: QueueDataWords = { asOfNotice: 'Stand {0} — {1}', asOfSaved: 'Stand {0} (gespeichert)', updated: 'Aktualisiert {0}' };
      const base = { reviews: [review(1, at('2024-05-08T14:00:00+01:00'))], ownPullRequests: [], slaHours: 24 };
      const stale = buildQueueData(queued({ ...base, asOf: at('2024-05-08T10:42:00+01:00'), notice: 'GitHub nicht erreichbar' }, now), now, 'de', german);
      assert.equal(stale.notice, 'Stand 10:42 — GitHub nicht erreichbar');
      assert.equal(stale.updated, 'Aktualisiert 10:42');
      const saved = buildQueueData({ ...queued({ ...base, asOf: at('2024-05-08T10:42:00+01:00'), notice: null }, now), saved: true }, now, 'de', german);
      assert.equal(saved.updated, 'Stand 10:42 (gespeichert)');
      assert.equal(stateCountsText(saved.rows, (state, n) => `${state} = ${n}`), 'needs-review = 1');
    });

    it('lists own pull requests oldest first with their wait', () => {
      const now = at('2024-05-08T15:00:00+01:00');
      const own = (number: number, createdAt: number) => ({ repo: 'octo/app', number, title: 't', url: '', createdAt, draft: false, waitingOn: ['bo', '@core'] });
      const data = buildQueueData(queued({
        reviews: [], asOf: now, notice: null, slaHours: 24,
        ownPullRequests: [own(5, at('2024-05-08T13:00:00+01:00')), own(4, at('2024-05-07T13:00:00+01:00'))],
      }, now), now, 'en-GB', WORDS);
      assert.deepEqual(data.ownPullRequests.map((p) => [p.number, p.waitingBusinessMs / HOUR, p.waitingOn]), [[4, 10, ['bo', '@core']], [5, 2, ['bo', '@core']]]);
    });
  });
});
