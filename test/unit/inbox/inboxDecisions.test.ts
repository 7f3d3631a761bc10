/**
 * The decisions of the work shown are made once per refresh: between two refreshes, a snooze, a
 * nudge or a merge decides again only the item it changed (the tree then redraws only that part).
 */
import assert from 'node:assert/strict';
import { DEFAULT_BUSINESS_HOURS } from '../../../src/core/businessHours';
import type { NudgeRecord } from '../../../src/core/nudges';
import type { PendingReview } from '../../../src/core/reviews';
import type { LeadDeskSettings } from '../../../src/settings';
import { InboxDecisions } from '../../../src/inbox/inboxDecisions';
import type { InboxSnapshot as WorkSnapshot } from '../../../src/inbox/inboxSnapshot';

const HOUR = 3_600_000;
const NOW = new Date(2026, 10, 4, 15, 0).getTime();

const review = (number: number): PendingReview => ({
  repo: 'acme/api', number, title: `r${number}`, author: 'mira', url: '', requestedAt: NOW - number * HOUR, createdAt: NOW - 30 * HOUR, updatedAt: NOW - HOUR,
  direct: true, additions: 1, deletions: 1, draft: false, ci: 'none', labels: [],
});
const own = (number: number) => ({
  repo: 'acme/web', number, title: `p${number}`, url: '', createdAt: NOW - 40 * HOUR, waitingSince: NOW - 40 * HOUR, draft: false, waitingOn: ['mira'], reviewDecision: 'REVIEW_REQUIRED' as const, reviews: [],
});

function snapshot(over: Partial<WorkSnapshot> = {}): WorkSnapshot {
  return {
    signedIn: true, signInKnown: true, noRepositories: false, tasks: [], reviews: [review(1), review(2), review(3)], reviewsTotal: 3, delegatedIssues: [],
    ownPullRequests: [own(10), own(11)], teamLoad: null, asOf: NOW - HOUR, fromSnapshot: false, missing: [], rateLimit: null, heldUntil: null, failure: null, refreshing: false, ...over,
  };
}

describe('work decisions, once per refresh', () => {
  const settings = { slaHours: 8, staleDays: 3, businessHours: DEFAULT_BUSINESS_HOURS, teamMembers: [] } as unknown as LeadDeskSettings;
  let records: NudgeRecord[] = [];
  const nudges = { get all() { return records; }, last: (repo: string, number: number) => records.find((r) => r.repo === repo && r.number === number) };
  let shown = snapshot();
  const source = () => new InboxDecisions({ get snapshot() { return shown; }, handedAt: () => undefined }, { settings }, nudges, () => NOW + 60_000);

  beforeEach(() => {
    records = [];
    shown = snapshot();
  });

  it('asks nothing again for the same snapshot', () => {
    const decisions = source();
    const first = decisions.decide(shown, NOW);
    assert.equal(decisions.current, first);
  });

  it('a snooze decides only the snoozed review again; the others keep their decisions', () => {
    const decisions = source();
    const before = decisions.decide(shown, NOW);
    const [a, b, c] = shown.reviews;
    shown = { ...shown, reviews: [a!, { ...b!, snoozedUntil: NOW + HOUR }, c!] };
    const after = decisions.current;
    assert.deepEqual(after.reviews.map((r) => r.item.number).sort(), [1, 3]);
    assert.deepEqual(after.snoozed.map((r) => r.item.number), [2]);
    for (const r of after.reviews) assert.equal(r, before.reviews.find((x) => x.item === r.item), `review ${r.item.number} kept its decision`);
    assert.equal(after.own[0], before.own[0]);
  });

  it('a nudge decides only the nudged PR again, and the decision says when', () => {
    const decisions = source();
    const before = decisions.decide(shown, NOW);
    records = [{ at: NOW - 60_000, who: 'mira', repo: 'acme/web', number: 11, url: 'https://github.com/acme/web/pull/11#c1', kind: 'own-pr' }];
    const after = decisions.current;
    const nudged = after.own.find((d) => d.item.number === 11)!;
    assert.notEqual(nudged, before.own.find((d) => d.item.number === 11));
    assert.equal(nudged.lastNudgeAt, NOW - 60_000);
    assert.equal(after.own.find((d) => d.item.number === 10), before.own.find((d) => d.item.number === 10));
    assert.equal(after.reviews[0], before.reviews[0]);
  });

  it('a refresh (a new "as of") decides everything again', () => {
    const decisions = source();
    const before = decisions.decide(shown, NOW);
    shown = { ...shown, asOf: NOW };
    const after = decisions.current;
    assert.ok(after.reviews.every((r) => !before.reviews.includes(r)));
  });
});
