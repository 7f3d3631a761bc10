import assert from 'node:assert/strict';
import { DEFAULT_BUSINESS_HOURS } from '../../../src/core/businessHours';
import type { PendingReview } from '../../../src/core/reviews';
import { buildQueueData } from '../../../src/queue/queueData';
import type { ReviewQueueSnapshot } from '../../../src/queue/source';
import { HOUR, at, inTimeZone } from '../core/timeZone';

function review(number: number, requestedAt: number, extra: Partial<PendingReview> = {}): PendingReview {
  return {
    repo: 'octo/app', number, title: `PR ${number}`, author: 'ana', url: `https://github.com/octo/app/pull/${number}`,
    requestedAt, createdAt: requestedAt, direct: true, additions: 10, deletions: 2, draft: false, ci: 'success', labels: [], ...extra,
  };
}

inTimeZone('Europe/London', () => {
  describe('buildQueueData', () => {
    it('computes rows with business-hours waits and SLA, and the snooze bounds', () => {
      const now = at('2024-05-08T15:00:00+01:00'); // Wednesday
      const snapshot: ReviewQueueSnapshot = {
        reviews: [review(1, at('2024-05-08T14:00:00+01:00')), review(2, at('2024-05-03T10:00:00+01:00'), { snoozedUntil: now + HOUR })],
        ownPullRequests: [],
        asOf: now, notice: null, slaHours: 16, businessHours: DEFAULT_BUSINESS_HOURS,
      };
      const data = buildQueueData(snapshot, now);
      assert.deepEqual(data.rows.map((r) => [r.number, r.waitingBusinessMs / HOUR, r.sla, r.snoozed]), [
        [2, 7 + 8 + 8 + 6, 'breached', true], // oldest first
        [1, 1, 'ok', false],
      ]);
      assert.equal(data.notice, null);
      assert.equal(data.updated, 'Updated 15:00');
      assert.deepEqual([data.snoozeMin, data.snoozeMax], ['2024-05-09', '2024-08-06']);
    });

    it('says how old the data is when the source has a notice', () => {
      const now = at('2024-05-08T15:00:00+01:00');
      const base = { reviews: [], ownPullRequests: [], slaHours: 24, businessHours: DEFAULT_BUSINESS_HOURS };
      assert.equal(buildQueueData({ ...base, asOf: at('2024-05-08T10:42:00+01:00'), notice: 'GitHub unreachable' }, now).notice, 'As of 10:42 — GitHub unreachable');
      assert.equal(buildQueueData({ ...base, asOf: at('2024-05-07T10:42:00+01:00'), notice: 'GitHub unreachable' }, now).notice, 'As of 7 May 10:42 — GitHub unreachable');
      assert.equal(buildQueueData({ ...base, asOf: null, notice: 'Sign in to GitHub' }, now).notice, 'Sign in to GitHub');
    });

    it('lists own pull requests oldest first with their wait', () => {
      const now = at('2024-05-08T15:00:00+01:00');
      const own = (number: number, createdAt: number) => ({ repo: 'octo/app', number, title: 't', url: '', createdAt, draft: false, waitingOn: ['bo', '@core'] });
      const data = buildQueueData({
        reviews: [], asOf: now, notice: null, slaHours: 24, businessHours: DEFAULT_BUSINESS_HOURS,
        ownPullRequests: [own(5, at('2024-05-08T13:00:00+01:00')), own(4, at('2024-05-07T13:00:00+01:00'))],
      }, now);
      assert.deepEqual(data.ownPullRequests.map((p) => [p.number, p.waitingBusinessMs / HOUR, p.waitingOn]), [[4, 10, ['bo', '@core']], [5, 2, ['bo', '@core']]]);
    });
  });
});
