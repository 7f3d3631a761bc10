/** Team review load: per-member counts, oldest wait and breaches, and the lightest-first order. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BusinessHours } from '../../../src/core/businessHours';
import type { PendingReview } from '../../../src/core/reviews';
import { assignableMembers, botMembers, compareLoad, loadCountsText, memberLoad, teamLoad, teammates, unknownMembers, withReview, type MemberReviews } from '../../../src/core/teamLoad';

const ALWAYS: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' };
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 4, 12);
const config = { slaHours: 24, businessHours: ALWAYS };

function pr(number: number, hoursAgo: number, extra: Partial<PendingReview> = {}): PendingReview {
  return {
    repo: 'acme/api', number, title: `PR ${number}`, author: 'ana', url: '', requestedAt: NOW - hoursAgo * HOUR, createdAt: NOW - hoursAgo * HOUR - 1,
    direct: true, additions: 1, deletions: 1, draft: false, ci: 'none', labels: [], ...extra,
  };
}
const member = (login: string, reviews: PendingReview[] | null, exists = true): MemberReviews => ({ login, exists, reviews });

describe('team load', () => {
  it('counts the reviews waiting on a member, the oldest wait and the breaches (drafts never breach)', () => {
    const m = memberLoad(member('bob', [pr(1, 2), pr(2, 30), pr(3, 50, { draft: true })]), NOW, config);
    assert.equal(m.count, 3);
    assert.equal(m.oldestWaitMs, 50 * HOUR);
    assert.equal(m.breaching, 1);
    assert.deepEqual(m.reviews.map((r) => r.number), [3, 2, 1], 'longest-waiting first');
    assert.equal(loadCountsText(m), '3 waiting · 1 past SLA');
  });

  it('measures the wait in business hours', () => {
    const weekdays: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    const monday9 = new Date(2026, 10, 2, 9).getTime();
    const m = memberLoad(member('bob', [pr(1, 0, { requestedAt: monday9 })]), monday9 + 26 * HOUR, { slaHours: 8, businessHours: weekdays });
    assert.equal(m.oldestWaitMs, 10 * HOUR, 'Monday 8 h + Tuesday 09:00–11:00');
    assert.equal(m.breaching, 1);
  });

  it('sorts lightest first, ties by fewer breaches, shorter wait, then by name', () => {
    const load = teamLoad([
      member('zed', [pr(1, 1)]), member('Amy', [pr(2, 1)]), member('bob', []), member('cat', [pr(3, 30)]),
      member('dan', null), member('typo', [], false),
    ], NOW, config);
    assert.deepEqual(load.map((m) => m.login), ['bob', 'Amy', 'zed', 'cat', 'dan', 'typo']);
    assert.equal(loadCountsText(load[4]!), 'not loaded');
    assert.equal(loadCountsText(load[5]!), 'not a GitHub user');
  });

  it('a bot or an agent named in teamAgents is never a teammate with load, even listed among the members', () => {
    const listed = [member('amy', [pr(1, 2)]), member('copilot-swe-agent[bot]', [pr(2, 1)]), member('Nightshift', [pr(3, 1), pr(4, 5)]), member('bob', [])];
    const load = teamLoad(listed, NOW, { ...config, agents: ['nightshift[bot]'] });
    assert.deepEqual(load.map((m) => [m.login, m.count]), [['bob', 0], ['amy', 1]]);
    assert.deepEqual(teammates(listed, ['NIGHTSHIFT']).map((m) => m.login), ['amy', 'bob']);
    // Without the setting, only what GitHub marks as a bot is left out.
    assert.deepEqual(teamLoad(listed, NOW, config).map((m) => m.login), ['bob', 'amy', 'Nightshift']);
  });

  it('names the members GitHub does not know, in the setting\'s order', () => {
    assert.deepEqual(unknownMembers([member('a', []), member('b', [], false), member('c', [], false)]), ['b', 'c']);
  });

  it('never calls a bot or a named agent a misspelling: GitHub has no user by that login, and it is no teammate', () => {
    const listed = [member('renovate[bot]', null, false), member('tomass', null, false), member('Nightshift', null, false)];
    assert.deepEqual(unknownMembers(listed, ['nightshift']), ['tomass']);
    assert.deepEqual(unknownMembers(listed), ['tomass', 'Nightshift'], 'without the setting, only an app login is known to be a bot');
  });

  it('tells apps listed among the members apart, unless named as agents: never offered as assignees', () => {
    const members = ['mira', 'renovate[bot]', 'copilot-swe-agent[bot]', 'nightshift'];
    assert.deepEqual(botMembers(members, ['copilot-swe-agent', 'nightshift']), ['renovate[bot]']);
    assert.deepEqual(assignableMembers(members, ['copilot-swe-agent', 'nightshift']), ['mira', 'copilot-swe-agent[bot]', 'nightshift']);
    assert.deepEqual(botMembers(['mira', 'bot-builder']), [], 'a login that only says "bot" is a person');
  });

  it('adds a handed-over review to the teammate once', () => {
    const before = [member('bob', [pr(1, 3)]), member('amy', [])];
    const after = withReview(withReview(before, 'BOB', pr(1, 0)), 'amy', pr(7, 0));
    assert.deepEqual(after.map((m) => m.reviews?.map((r) => [r.number, r.requestedAt])), [[[1, NOW]], [[7, NOW]]]);
  });

  it('a cut list counts what GitHub counted, and its breaches and waits (lower bounds) never rank', () => {
    const cut = (login: string, total: number, reviews: PendingReview[]): MemberReviews => ({ login, exists: true, reviews, total });
    // ann's list is cut after 2 of 9: her listed PRs breach, bea's do not; the count alone decides.
    const load = teamLoad([cut('ann', 9, [pr(1, 1), pr(2, 1)]), cut('bea', 9, [pr(3, 30), pr(4, 30)]), member('cy', [pr(5, 1)]), cut('dee', 9, [pr(6, 1)])], NOW, config);
    assert.deepEqual(load.map((m) => [m.login, m.count, m.complete]), [['cy', 1, true], ['ann', 9, false], ['bea', 9, false], ['dee', 9, false]]);
    assert.equal(loadCountsText(load[2]!), '9 waiting (2 listed) · 2+ past SLA');
    assert.equal(loadCountsText(load[0]!), '1 waiting');
    // Between complete lists, breaches still rank.
    assert.deepEqual(teamLoad([cut('ann', 1, [pr(1, 30)]), cut('bob', 1, [pr(2, 1)])], NOW, config).map((m) => m.login), ['bob', 'ann']);
    const after = withReview([cut('ann', 9, [pr(1, 1)])], 'ann', pr(7, 0));
    assert.equal(after[0]!.total, 10, 'a new request adds one to the count');
    assert.equal(withReview(after, 'ann', pr(7, 0))[0]!.total, 10, 'once');
  });

  it('property: the order is total and stable — every member once, each no heavier than the next', () => {
    const review = fc.record({ n: fc.nat(20), hoursAgo: fc.integer({ min: 0, max: 100 }), draft: fc.boolean() });
    const arbMember = fc.record({
      login: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,6}$/), exists: fc.boolean(),
      reviews: fc.option(fc.array(review, { maxLength: 6 }), { nil: null }),
    });
    fc.assert(fc.property(fc.uniqueArray(arbMember, { selector: (m) => m.login, maxLength: 10 }), (raw) => {
      const members = raw.map((m) => member(m.login, m.reviews?.map((r, i) => pr(r.n * 10 + i, r.hoursAgo, { draft: r.draft })) ?? null, m.exists));
      const sorted = teamLoad(members, NOW, config);
      assert.deepEqual(sorted.map((m) => m.login).sort(), members.map((m) => m.login).sort());
      for (let i = 1; i < sorted.length; i++) assert.ok(compareLoad(sorted[i - 1]!, sorted[i]!) <= 0);
      const again = teamLoad([...members].reverse(), NOW, config);
      assert.deepEqual(again.map((m) => m.login), sorted.map((m) => m.login), 'input order does not matter');
      for (const m of sorted) {
        assert.ok(m.breaching <= (m.count ?? 0));
        if (m.count !== null) assert.equal(m.count, m.reviews.length);
      }
    }));
  });
});
