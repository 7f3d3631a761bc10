/** "Request review from…"'s order: fewest reviews waiting first; ties by fastest median pickup. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareReviewers, rankReviewers, type ReviewerStanding } from '../../../src/core/reviewerRanking';
import type { MemberLoad } from '../../../src/core/teamLoad';

const HOUR = 3_600_000;
const load = (login: string, count: number | null, extra: Partial<MemberLoad> = {}): MemberLoad => ({
  login, exists: true, count, complete: true, oldestWaitMs: 0, breaching: 0, reviews: [], ...extra,
});
const standing = (login: string, count: number | null, medianHours: number | null, extra: Partial<MemberLoad> = {}): ReviewerStanding => ({
  load: load(login, count, extra), medianMs: medianHours === null ? null : medianHours * HOUR,
});
const logins = (list: readonly ReviewerStanding[]) => list.map((s) => s.load.login);

describe('core/reviewerRanking', () => {
  it('puts the fewest reviews waiting first, whatever their turnaround', () => {
    const ranked = rankReviewers([standing('slow-free', 0, 30), standing('fast-busy', 3, 1), standing('mid', 1, 2)]);
    assert.deepEqual(logins(ranked), ['slow-free', 'mid', 'fast-busy']);
  });

  it('breaks a tie in load by the fastest median pickup, unknown turnaround after known', () => {
    const ranked = rankReviewers([standing('unknown', 1, null), standing('six', 1, 6), standing('three', 1, 3), standing('zero', 0, null)]);
    assert.deepEqual(logins(ranked), ['zero', 'three', 'six', 'unknown']);
  });

  it('then the team load\'s order (fewer past SLA, then the login); not a user and load not known last', () => {
    const ranked = rankReviewers([
      standing('ghost', 0, 1, { exists: false }), standing('notloaded', null, 1), standing('bea', 2, 4), standing('al', 2, 4, { breaching: 1 }), standing('cy', 2, 4),
    ]);
    assert.deepEqual(logins(ranked), ['bea', 'cy', 'al', 'notloaded', 'ghost']);
  });

  const arbStanding = fc.record({
    login: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,6}$/),
    count: fc.option(fc.nat(5), { nil: null }),
    exists: fc.boolean(),
    breaching: fc.nat(3),
    oldest: fc.nat(50),
    median: fc.option(fc.nat(40), { nil: null }),
  }).map((r): ReviewerStanding => standing(r.login, r.count, r.median, { exists: r.exists, breaching: r.breaching, oldestWaitMs: r.oldest * HOUR }));

  it('is a total order: antisymmetric, transitive, and the result does not depend on the input order', () => {
    fc.assert(fc.property(fc.array(arbStanding, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (list, shuffle) => {
      const sign = (n: number) => Math.sign(n);
      for (const a of list) {
        for (const b of list) {
          assert.equal(sign(compareReviewers(a, b)) + sign(compareReviewers(b, a)), 0);
          for (const c of list) {
            if (compareReviewers(a, b) <= 0 && compareReviewers(b, c) <= 0) assert.ok(compareReviewers(a, c) <= 0);
          }
        }
      }
      const shuffled = [...list];
      shuffle.forEach((k, i) => {
        const j = k % Math.max(1, shuffled.length);
        if (i < shuffled.length) [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      });
      const key = (s: ReviewerStanding) => JSON.stringify([s.load, s.medianMs]);
      assert.deepEqual(rankReviewers(shuffled).map(key), rankReviewers(list).map(key));
    }));
  });

  it('load first: among known users, a lighter load is always offered before a heavier one', () => {
    fc.assert(fc.property(fc.array(arbStanding, { maxLength: 12 }), (list) => {
      const ranked = rankReviewers(list.filter((s) => s.load.exists && s.load.count !== null));
      for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.load.count! <= ranked[i]!.load.count!, logins(ranked).join());
    }));
  });

  it('turnaround second: with equal loads, a known faster median is always offered first', () => {
    fc.assert(fc.property(fc.array(arbStanding, { maxLength: 12 }), (list) => {
      const ranked = rankReviewers(list.filter((s) => s.load.exists && s.load.count === 1));
      for (let i = 1; i < ranked.length; i++) {
        const [a, b] = [ranked[i - 1]!.medianMs, ranked[i]!.medianMs];
        assert.ok(b === null || (a !== null && a <= b), logins(ranked).join());
      }
    }));
  });
});
