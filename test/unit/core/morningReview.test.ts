import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffSeen, reviewStreak } from '../../../src/core/morningReview';
import { inTimeZone } from './timeZone';

describe('diffSeen', () => {
  it('returns, per current section, the ids not seen last time in their current order', () => {
    const previous = { notifications: ['n1', 'n2'], incidents: ['i1'] };
    const current = { notifications: ['n3', 'n2', 'n4'], incidents: ['i1'], milestones: ['m1', 'm1'] };
    assert.deepEqual(diffSeen(previous, current), { notifications: ['n3', 'n4'], incidents: [], milestones: ['m1'] });
  });

  it('yields exactly the current ids that were not seen', () => {
    const ids = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 6 });
    const sections = fc.dictionary(fc.constantFrom('runs', 'incidents', 'reviews'), ids);
    fc.assert(
      fc.property(sections, sections, (previous, current) => {
        const changed = diffSeen(previous, current);
        assert.deepEqual(Object.keys(changed).sort(), Object.keys(current).sort());
        for (const [section, now] of Object.entries(current)) {
          const seen = new Set(previous[section] ?? []);
          assert.deepEqual(new Set(changed[section]), new Set(now.filter((id) => !seen.has(id))));
          assert.equal(new Set(changed[section]).size, changed[section]!.length, 'no duplicates');
        }
      }),
    );
  });
});

// Dates only, but the week is read in local time, so pin the zone anyway.
inTimeZone('Europe/Berlin', () => {
  describe('reviewStreak', () => {
    // 2024-05-10 Fri, 11 Sat, 12 Sun, 13 Mon, 14 Tue, 15 Wed.
    it('counts consecutive working days with a review up to today', () => {
      assert.equal(reviewStreak(['2024-05-13', '2024-05-14', '2024-05-15'], '2024-05-15'), 3);
    });

    it('does not break on a today without review yet', () => {
      assert.equal(reviewStreak(['2024-05-13', '2024-05-14'], '2024-05-15'), 2);
    });

    it('skips a weekend without reviews: it does not break the chain', () => {
      assert.equal(reviewStreak(['2024-05-09', '2024-05-10', '2024-05-13', '2024-05-14'], '2024-05-15'), 4);
      assert.equal(reviewStreak(['2024-05-09', '2024-05-10'], '2024-05-12'), 2, 'today is Sunday');
    });

    it('counts a review done on a non-working day: a weekend review never reads 0', () => {
      assert.equal(reviewStreak(['2024-05-12'], '2024-05-12'), 1, 'the only review, on a Sunday');
      assert.equal(reviewStreak(['2024-05-11'], '2024-05-12'), 1, 'Saturday, seen on Sunday');
      assert.equal(reviewStreak(['2024-05-10', '2024-05-11', '2024-05-12'], '2024-05-12'), 3, 'Friday, Saturday and Sunday');
      assert.equal(reviewStreak(['2024-05-10', '2024-05-11', '2024-05-12', '2024-05-13'], '2024-05-14'), 4);
      assert.equal(reviewStreak(['2024-05-12', '2024-05-13'], '2024-05-13'), 2, 'Sunday then Monday');
      assert.equal(reviewStreak(['2024-05-11', '2024-05-14'], '2024-05-14'), 1, 'Monday missed: the Saturday is cut off');
    });

    it('breaks on a missed working day', () => {
      assert.equal(reviewStreak(['2024-05-10', '2024-05-13', '2024-05-15'], '2024-05-15'), 1);
      assert.equal(reviewStreak(['2024-05-10', '2024-05-13'], '2024-05-15'), 0);
      assert.equal(reviewStreak([], '2024-05-15'), 0);
    });

    it('follows the configured working days and ignores malformed dates', () => {
      const sundayToThursday = [0, 1, 2, 3, 4];
      assert.equal(reviewStreak(['2024-05-09', '2024-05-12', '2024-05-13'], '2024-05-13', sundayToThursday), 3);
      assert.equal(reviewStreak(['2024-05-14', 'yesterday', '2024-02-30'], '2024-05-14'), 1);
      assert.equal(reviewStreak(['2024-05-13', '2024-05-14'], '2024-05-14', []), 2, 'no working days: every day counts');
    });

    it('never exceeds the days reviewed up to today, counts today once reviewed, and a review today never lowers it', () => {
      const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-05-${String(d).padStart(2, '0')}`);
      fc.assert(
        fc.property(fc.array(day, { maxLength: 25 }), day, (dates, today) => {
          const streak = reviewStreak(dates, today);
          assert.ok(streak <= new Set(dates.filter((d) => d <= today)).size);
          const withToday = reviewStreak([...dates, today], today);
          assert.ok(withToday >= 1, 'a review today, whatever the day, is a streak of at least 1');
          assert.ok(withToday >= streak);
        }),
      );
    });
  });
});
