/**
 * Issue 20, item 4: review turnaround per teammate, against a set checked by hand (a weekend, a
 * re-request, a request removed before review, a repeated request, a closed PR, a bot, one still
 * waiting), and properties that hold for any history.
 *
 * Times are local wall-clock times (business hours are local), in weeks without a DST change, so
 * the figures are the same in every time zone.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  quantile, requestIntervals, reviewTurnaround,
  turnaroundWindows, type PullRequestHistory, type TurnaroundEvent,
} from '../../../src/core/reviewTurnaround';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Local time: month is 1-based here. */
const at = (month: number, day: number, hour: number, minute = 0): number => new Date(2026, month - 1, day, hour, minute).getTime();
/** Sunday 6 December 2026, noon: the current window starts Sunday 8 November, noon; the previous one Sunday 11 October. */
const NOW = at(12, 6, 12);
const PREVIOUS_FROM = turnaroundWindows(NOW).previousFrom;

const req = (reviewer: string, t: number, bot = false): TurnaroundEvent => ({ kind: 'requested', reviewer, at: t, ...(bot ? { bot } : {}) });
const rev = (reviewer: string, t: number, bot = false): TurnaroundEvent => ({ kind: 'reviewed', reviewer, at: t, ...(bot ? { bot } : {}) });
const rem = (reviewer: string, t: number): TurnaroundEvent => ({ kind: 'removed', reviewer, at: t });
let seq = 0;
const pr = (events: TurnaroundEvent[], closedAt: number | null = null): PullRequestHistory => ({ repo: 'acme/api', number: ++seq, closedAt, events });

/** The hand-checked set (business hours Monday–Friday 09:00–17:00). */
function handChecked(): PullRequestHistory[] {
  return [
    // ana, this window: 3h (same day).
    pr([req('ana', at(11, 16, 10)), rev('ana', at(11, 16, 13)), req('copilot', at(11, 16, 10), true), rev('copilot', at(11, 16, 10, 5), true)]),
    // ana: Friday 15:00 → Monday 11:00 = 2h + 2h = 4h (the weekend counts nothing).
    pr([req('ana', at(11, 20, 15)), rev('ana', at(11, 23, 11))]),
    // ana, a re-request: Tue 09:00 → 10:00 = 1h, then re-requested Tue 14:00 → Wed 11:00 = 3h + 2h = 5h.
    pr([rev('ana', at(11, 24, 10)), req('ana', at(11, 24, 9)), req('ana', at(11, 24, 14)), rev('ana', at(11, 25, 11))]),
    // ana, removed before review: not counted, and her later unrequested review answers nothing.
    pr([req('ana', at(11, 26, 9)), rem('ana', at(11, 26, 12)), rev('ana', at(11, 26, 15))]),
    // ana, asked again while still open: the clock runs from the first request, Mon 09:00 → 12:00 = 3h.
    pr([req('ana', at(11, 30, 9)), req('ana', at(11, 30, 11)), rev('ana', at(11, 30, 12))]),
    // ana, the PR was closed before she reviewed: not counted, not waiting.
    pr([req('ana', at(12, 1, 10))], at(12, 1, 15)),
    // ana, still waiting: Friday 16:00 to Sunday noon = 1h so far.
    pr([req('ana', at(12, 4, 16))]),
    // ana, the 4 weeks before: Tue 09:00 → 11:00 = 2h; Wed 12:00 → Thu 10:00 = 5h + 1h = 6h.
    pr([req('ana', at(10, 13, 9)), rev('ana', at(10, 13, 11))]),
    pr([req('ana', at(10, 14, 12)), rev('ana', at(10, 15, 10))]),
    // ben: Mon 16:00 → Tue 09:30 = 1h + 0.5h = 1.5h; a review without request (cleo) and a non-member (dan).
    pr([req('ben', at(11, 9, 16)), rev('ben', at(11, 10, 9, 30)), rev('cleo', at(11, 10, 10)), req('dan', at(11, 10, 9)), rev('dan', at(11, 10, 10))]),
    // Older than 8 weeks: not in either window.
    pr([req('ben', at(10, 1, 9)), rev('ben', at(10, 5, 9))]),
  ];
}

describe('core/reviewTurnaround', () => {
  it('the hand-checked set: medians and 90th percentiles in business hours, per teammate and for the team', () => {
    const t = reviewTurnaround(handChecked(), ['ana', 'Ben', 'copilot-less', 'ANA'], NOW);
    assert.deepEqual(t.members.map((m) => m.login), ['ana', 'Ben', 'copilot-less'], 'members once each, as configured');
    const [ana, ben, none] = t.members;
    // ana, this window: [1, 3, 3, 4, 5] h.
    assert.deepEqual(ana!.current, { reviewed: 5, medianMs: 3 * HOUR, p90Ms: 4 * HOUR + 36 * MIN, stillWaiting: 1, longestWaitingMs: 1 * HOUR });
    // ana, before: [2, 6] h.
    assert.deepEqual(ana!.previous, { reviewed: 2, medianMs: 4 * HOUR, p90Ms: 5 * HOUR + 36 * MIN, stillWaiting: 0, longestWaitingMs: null });
    assert.deepEqual(ben!.current, { reviewed: 1, medianMs: 1.5 * HOUR, p90Ms: 1.5 * HOUR, stillWaiting: 0, longestWaitingMs: null });
    assert.equal(ben!.previous.reviewed, 0, 'the request of 1 October is older than 8 weeks');
    assert.deepEqual(none!.current, { reviewed: 0, medianMs: null, p90Ms: null, stillWaiting: 0, longestWaitingMs: null });
    // The team, this window: [1, 1.5, 3, 3, 4, 5] h.
    assert.deepEqual(t.team.current, { reviewed: 6, medianMs: 3 * HOUR, p90Ms: 4 * HOUR + 30 * MIN, stillWaiting: 1, longestWaitingMs: 1 * HOUR });
    assert.deepEqual(t.team.previous, ana!.previous);
    assert.equal(t.currentFrom, at(11, 8, 12));
    assert.equal(t.previousFrom, at(10, 11, 12));
  });

  it('bots are left out, as requested reviewers and as reviewers', () => {
    const t = reviewTurnaround([pr([req('copilot', at(11, 16, 10), true), rev('copilot', at(11, 16, 11), true)]),
      pr([req('copilot', at(11, 17, 10), true)])], ['copilot'], NOW);
    assert.equal(t.members[0]!.current.reviewed, 0);
    assert.equal(t.members[0]!.current.stillWaiting, 0);
  });

  it('a timeline GitHub cut short leaves its open requests out (they may have been answered after the cut)', () => {
    const cut: PullRequestHistory = { repo: 'acme/api', number: 1, closedAt: null, cut: true, events: [req('ana', at(11, 16, 10)), req('ben', at(11, 16, 10)), rev('ben', at(11, 16, 11))] };
    assert.deepEqual(requestIntervals(cut).map((i) => [i.reviewer, i.reviewedAt]), [['ben', at(11, 16, 11)]]);
  });

  it('quantile interpolates between the nearest ranks', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([7], 0.9), 7);
    assert.equal(quantile([0, 10], 0.9), 9);
  });

  describe('properties', () => {
    const MEMBERS = ['ana', 'ben', 'cleo'];
    const event = fc.record({
      kind: fc.constantFrom('requested' as const, 'removed' as const, 'reviewed' as const),
      reviewer: fc.constantFrom('ana', 'Ben', 'cleo', 'dan'),
      at: fc.integer({ min: PREVIOUS_FROM - 7 * 86_400_000, max: NOW }),
      bot: fc.boolean(),
    });
    const history = fc.record({
      repo: fc.constant('acme/api'), number: fc.nat(50),
      closedAt: fc.option(fc.integer({ min: PREVIOUS_FROM, max: NOW }), { nil: null }),
      events: fc.array(event, { maxLength: 10 }),
    });
    const histories = fc.array(history, { maxLength: 8 });

    it('the median is never above the 90th percentile, and both are within the waits', () => {
      fc.assert(fc.property(histories, (hs) => {
        const t = reviewTurnaround(hs, MEMBERS, NOW);
        for (const s of [...t.members.flatMap((m) => [m.current, m.previous]), t.team.current, t.team.previous]) {
          assert.equal(s.medianMs === null, s.reviewed === 0);
          if (s.medianMs === null || s.p90Ms === null) continue;
          assert.ok(s.medianMs >= 0 && s.medianMs <= s.p90Ms, `${s.medianMs} ≤ ${s.p90Ms}`);
        }
      }), { numRuns: 200 });
    });

    it('the order of the events and of the pull requests changes nothing', () => {
      fc.assert(fc.property(histories, fc.integer(), (hs, seed) => {
        const shuffle = <T>(xs: readonly T[], s: number): T[] => xs.map((x, i) => ({ x, k: Math.imul(i + 1, 2_654_435_761 ^ s) >>> 0 })).sort((a, b) => a.k - b.k).map((e) => e.x);
        const shuffled = shuffle(hs, seed).map((h, i) => ({ ...h, events: shuffle(h.events, seed + i) }));
        assert.deepEqual(reviewTurnaround(shuffled, MEMBERS, NOW), reviewTurnaround(hs, MEMBERS, NOW));
      }), { numRuns: 200 });
    });

    it('a request nobody reviewed never lowers the counts: it only adds one still waiting', () => {
      fc.assert(fc.property(histories, fc.constantFrom(...MEMBERS), fc.integer({ min: PREVIOUS_FROM + 1, max: NOW }), (hs, who, when) => {
        const before = reviewTurnaround(hs, MEMBERS, NOW);
        const after = reviewTurnaround([...hs, { repo: 'acme/new', number: 1, closedAt: null, events: [req(who, when)] }], MEMBERS, NOW);
        before.members.forEach((b, i) => {
          const a = after.members[i]!;
          for (const w of ['current', 'previous'] as const) {
            assert.deepEqual([a[w].reviewed, a[w].medianMs, a[w].p90Ms], [b[w].reviewed, b[w].medianMs, b[w].p90Ms]);
            assert.ok(a[w].stillWaiting >= b[w].stillWaiting);
          }
        });
        const waitingBefore = before.team.current.stillWaiting + before.team.previous.stillWaiting;
        assert.equal(after.team.current.stillWaiting + after.team.previous.stillWaiting, waitingBefore + 1);
      }), { numRuns: 200 });
    });

    it('every answered interval ends at a review of the same reviewer, no earlier than its request', () => {
      fc.assert(fc.property(history, (h) => {
        for (const i of requestIntervals(h)) {
          if (i.reviewedAt === null) continue;
          assert.ok(i.reviewedAt >= i.requestedAt);
          assert.ok(h.events.some((e) => e.kind === 'reviewed' && !e.bot && e.at === i.reviewedAt && e.reviewer.toLowerCase() === i.reviewer.toLowerCase()));
        }
      }), { numRuns: 300 });
    });
  });
});
