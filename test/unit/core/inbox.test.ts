/** Inbox states (pure): every pending review and own PR in exactly one state, ordered by wait. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { badgeCount, countByState, isStale, ownInboxState, placeInInbox, reviewInboxState, INBOX_STATE_LABELS, REVIEW_STATES, type InboxState, type ReviewVerdict } from '../../../src/core/inbox';
import { groupByState, ownInbox, reviewInbox, REVIEW_GROUP_ORDER } from '../../../src/core/inboxEntries';
import { reviewSlaState, summarizeQueue, type PendingReview } from '../../../src/core/reviews';

const HOUR = 3_600_000;
// Wednesday 2026-11-04 15:00 local: business hours 09:00–17:00, Monday to Friday.
const NOW = new Date(2026, 10, 4, 15, 0).getTime();
const config = { slaHours: 8, staleDays: 3 };

const review = (over: Partial<PendingReview> = {}): PendingReview => ({
  repo: 'acme/api', number: 1, title: 't', author: 'mira', url: 'https://github.com/acme/api/pull/1', requestedAt: NOW - HOUR, createdAt: NOW - 2 * HOUR,
  direct: true, additions: 1, deletions: 1, draft: false, ci: 'success', labels: [], updatedAt: NOW - HOUR, ...over,
});

describe('inbox states', () => {
  it('a request never reviewed needs review; after a review it is re-requested', () => {
    assert.equal(reviewInboxState({ requested: true }), 'needs-review');
    assert.equal(reviewInboxState({ requested: true, myReview: { verdict: 'COMMENTED', at: 1 } }), 're-requested');
    assert.equal(reviewInboxState({ requested: true, myReview: { verdict: 'PENDING', at: 1 } }), 'needs-review', 'a pending (unsent) review is no review');
  });

  it('changes requested: waiting on author until a commit comes, then back with the lead', () => {
    assert.equal(reviewInboxState({ requested: false, myReview: { verdict: 'CHANGES_REQUESTED', at: 1 }, commitsSinceMyReview: 0 }), 'waiting-on-author');
    assert.equal(reviewInboxState({ requested: false, myReview: { verdict: 'CHANGES_REQUESTED', at: 1 }, commitsSinceMyReview: 2 }), 're-requested');
    assert.equal(reviewInboxState({ requested: false, myReview: { verdict: 'APPROVED', at: 1 }, commitsSinceMyReview: 2 }), null, 'approved and not asked again: done');
  });

  it('own PRs follow GitHub\'s decision, else the reviewers\' verdicts', () => {
    assert.equal(ownInboxState({ reviewDecision: 'APPROVED' }), 'approved');
    assert.equal(ownInboxState({ reviewDecision: 'CHANGES_REQUESTED', verdicts: ['APPROVED'] }), 'changes-requested');
    assert.equal(ownInboxState({ reviewDecision: 'REVIEW_REQUIRED', verdicts: ['APPROVED'] }), 'waiting-on-reviewers', 'one approval of two required');
    assert.equal(ownInboxState({ reviewDecision: null, verdicts: ['APPROVED', 'CHANGES_REQUESTED'] }), 'changes-requested');
    assert.equal(ownInboxState({ reviewDecision: null, verdicts: ['COMMENTED', 'APPROVED'] }), 'approved');
    assert.equal(ownInboxState({}), 'waiting-on-reviewers');
  });

  it('stale after N business days without activity, weekends not counted', () => {
    const friday = new Date(2026, 10, 6, 17, 0).getTime();
    const nextWednesday = new Date(2026, 10, 11, 16, 59).getTime();
    assert.equal(isStale(friday, nextWednesday, { staleDays: 3 }), false, 'Mon, Tue and most of Wed');
    assert.equal(isStale(friday, new Date(2026, 10, 11, 17, 0).getTime(), { staleDays: 3 }), true);
    assert.equal(isStale(0, NOW, { staleDays: 0 }), false, '0 turns it off');
  });

  it('waiting on author does not count against the SLA, in the queue summary or the badge', () => {
    const back = review({ requested: false, myReview: { verdict: 'CHANGES_REQUESTED', at: NOW - 40 * HOUR }, commitsSinceMyReview: 0, requestedAt: NOW - 40 * HOUR });
    assert.equal(reviewSlaState(back, NOW, config), 'ok');
    assert.equal(summarizeQueue([back], NOW, config).count, 0);
    const entries = reviewInbox([back, review({ number: 2, requestedAt: NOW - 40 * HOUR })], NOW, config);
    assert.deepEqual(entries.map((e) => [e.item.number, e.basis, e.pastSla]), [[2, 'needs-review', true], [1, 'waiting-on-author', false]]);
    assert.equal(badgeCount(entries), 1);
  });

  it('a stale review past the SLA still counts in the badge (the state is stale, its basis needs review)', () => {
    const old = review({ requestedAt: NOW - 200 * HOUR, updatedAt: NOW - 200 * HOUR });
    const [entry] = reviewInbox([old], NOW, config);
    assert.deepEqual([entry?.state, entry?.basis, entry?.pastSla], ['stale', 'needs-review', true]);
    assert.equal(badgeCount([entry!]), 1);
  });

  it('groups in the tree\'s order, leaving empty states out', () => {
    const entries = reviewInbox([
      review({ number: 1 }), review({ number: 2, myReview: { verdict: 'COMMENTED', at: NOW - 3 * HOUR } }), review({ number: 3, updatedAt: NOW - 300 * HOUR }),
    ], NOW, config);
    assert.deepEqual(groupByState(entries, REVIEW_GROUP_ORDER).map((g) => [g.state, g.entries.map((e) => e.item.number)]), [['needs-review', [1]], ['re-requested', [2]], ['stale', [3]]]);
    assert.equal(countByState(entries)['waiting-on-author'], 0);
  });

  it('own PRs: the wait is since the latest request; drafts never pass the SLA', () => {
    const base = { repo: 'acme/api', createdAt: NOW - 100 * HOUR, updatedAt: NOW - HOUR, waitingOn: ['mira'] };
    const entries = ownInbox([
      { ...base, number: 1, draft: false, waitingSince: NOW - 30 * HOUR },
      { ...base, number: 2, draft: true, waitingSince: NOW - 30 * HOUR },
      { ...base, number: 3, draft: false, reviewDecision: 'APPROVED' as const },
    ], NOW, config);
    assert.deepEqual(entries.map((e) => [e.item.number, e.state, e.pastSla]), [[3, 'approved', false], [1, 'waiting-on-reviewers', true], [2, 'waiting-on-reviewers', false]]);
  });
});

describe('inbox states (properties)', () => {
  const verdict = fc.constantFrom<ReviewVerdict>('APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING');
  const facts = fc.record({
    number: fc.integer({ min: 1, max: 40 }),
    repo: fc.constantFrom('acme/api', 'acme/web', 'acme/infra'),
    requested: fc.boolean(),
    myReview: fc.option(fc.record({ verdict, at: fc.integer({ min: NOW - 400 * HOUR, max: NOW }) }), { nil: undefined }),
    commitsSinceMyReview: fc.integer({ min: 0, max: 10 }),
    waitHours: fc.integer({ min: 0, max: 400 }),
    idleHours: fc.integer({ min: 0, max: 400 }),
    draft: fc.boolean(),
  });
  type Facts = typeof facts extends fc.Arbitrary<infer T> ? T : never;
  const asReview = (f: Facts) => review({
    repo: f.repo, number: f.number, requested: f.requested, ...(f.myReview ? { myReview: f.myReview } : {}), commitsSinceMyReview: f.commitsSinceMyReview,
    requestedAt: NOW - f.waitHours * HOUR, updatedAt: NOW - f.idleHours * HOUR, draft: f.draft,
  });

  it('every item is in exactly one state, or outside the inbox only when the lead is done with it', () => {
    fc.assert(fc.property(fc.array(facts, { maxLength: 30 }), (list) => {
      const entries = reviewInbox(list.map(asReview), NOW, config);
      const placed = list.filter((f) => reviewInboxState(f) !== null);
      assert.equal(entries.length, placed.length);
      const states = Object.keys(INBOX_STATE_LABELS) as InboxState[];
      for (const e of entries) assert.equal(states.filter((s) => s === e.state).length, 1);
      const counts = countByState(entries);
      assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), entries.length);
      for (const f of list.filter((x) => reviewInboxState(x) === null)) {
        assert.ok(!f.requested && f.myReview?.verdict !== 'CHANGES_REQUESTED', 'only approved/commented, not asked again, leave the inbox');
      }
    }));
  });

  it('within a state, the longest wait comes first, and the order is total', () => {
    fc.assert(fc.property(fc.array(facts, { maxLength: 30 }), (list) => {
      const items = list.map((f, i) => ({ repo: f.repo, number: i + 1, waitingSince: NOW - f.waitHours * HOUR, lastActivity: NOW - f.idleHours * HOUR, draft: f.draft, f }));
      const entries = placeInInbox(items, (x) => reviewInboxState(x.f), REVIEW_STATES, NOW, config);
      const rank = (s: InboxState) => (s === 'stale' ? 99 : REVIEW_STATES.indexOf(s as never));
      for (let i = 1; i < entries.length; i++) {
        const a = entries[i - 1]!;
        const b = entries[i]!;
        assert.ok(rank(a.state) <= rank(b.state), 'states in order');
        if (a.state === b.state) assert.ok(a.waitMs >= b.waitMs, 'longest wait first');
      }
      const again = placeInInbox([...items].reverse(), (x) => reviewInboxState(x.f), REVIEW_STATES, NOW, config);
      assert.deepEqual(again.map((e) => e.item.number), entries.map((e) => e.item.number), 'input order does not matter');
    }));
  });

  it('the badge never counts drafts or PRs waiting on their authors', () => {
    fc.assert(fc.property(fc.array(facts, { maxLength: 30 }), (list) => {
      const entries = reviewInbox(list.map(asReview), NOW, config);
      const counted = entries.filter((e) => e.pastSla && (e.basis === 'needs-review' || e.basis === 're-requested'));
      assert.equal(badgeCount(entries), counted.length);
      assert.ok(counted.every((e) => !e.item.draft && e.basis !== 'waiting-on-author'));
    }));
  });
});
