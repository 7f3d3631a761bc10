import assert from 'node:assert/strict';
import fc from 'fast-check';
import { businessMsBetween, DEFAULT_BUSINESS_HOURS } from '../../../src/core/businessHours';
import {
  asNudgeTarget, draftNudge, isAnswered, itemKey, lastNudge, latestNudgeByItem, mentionable, nudgedText, overdueBusinessMs, ownPrNudgeTarget, pastSla, recentlyNudged,
  withinQuietHours, yesterdayRange, yesterdaysNudges, type NudgeRecord, type NudgeTarget,
} from '../../../src/core/nudges';
import { at, HOUR, inTimeZone, MINUTE } from './timeZone';

const target = (extra: Partial<NudgeTarget> = {}): NudgeTarget => ({
  repo: 'acme/api', number: 12, url: 'https://github.com/acme/api/pull/12', title: 'Fix it', who: ['mira'], waitedMs: 30 * HOUR, kind: 'own-pr', ...extra,
});
const record = (at: number, extra: Partial<NudgeRecord> = {}): NudgeRecord => ({ at, who: 'mira', repo: 'acme/api', number: 12, url: 'https://github.com/acme/api/pull/12#c1', ...extra });

inTimeZone('Europe/Berlin', () => {
  describe('core/nudges draftNudge', () => {
    it('mentions the people, says the wait in business hours and links the item, for each kind', () => {
      assert.equal(draftNudge(target()), '@mira could you take a look at this pull request? It has waited 30h 00m (business hours) for your review: https://github.com/acme/api/pull/12');
      assert.match(draftNudge(target({ kind: 'delegated', who: ['tomas', 'jun'], waitedMs: 5 * HOUR })), /^@tomas @jun how is this going\? Anything blocking you\? It is overdue by 5h 00m \(business hours\): https:/);
      assert.equal(draftNudge(target({ kind: 'delegated', waitedMs: 0 })), '@mira how is this going? Anything blocking you? https://github.com/acme/api/pull/12', 'not overdue: no wait');
      assert.match(draftNudge(target({ kind: 'handed-review', waitedMs: 90 * MINUTE })), /^@mira I handed this review to you 1h 30m \(business hours\) ago and it has not started yet\. .* https:/);
    });

    it('keeps hostile names and links inert: only logins are mentioned, only an http(s) link goes in, never the title', () => {
      const draft = draftNudge(target({ who: ['mira', '@everyone', 'x y', '<img src=x>', 'MIRA'], url: 'javascript:alert(1)', title: '@org/all [x](command:quit)' }));
      assert.equal(draft.match(/@/g)?.length, 1, draft);
      assert.ok(!draft.includes('javascript:') && !draft.includes('command:') && !draft.includes('<img'), draft);
      assert.ok(draft.endsWith(' #12'));
    });

    it('property: the draft mentions exactly the valid logins, each once, and the wait', () => {
      fc.assert(fc.property(fc.array(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.string())), fc.nat(10_000 * HOUR), (who, waited) => {
        const draft = draftNudge(target({ who, waitedMs: waited }));
        const expected = mentionable(who);
        for (const w of expected) assert.ok(draft.includes(`@${w}`));
        assert.equal((draft.match(/(^| )@/g) ?? []).length, expected.length);
        assert.ok(draft.includes(`${Math.floor(waited / HOUR)}h`) || waited < HOUR);
      }));
    });
  });

  describe('core/nudges quiet hours', () => {
    it('counts business hours only: a Friday evening nudge is still quiet on Monday morning', () => {
      const friday = at('2024-05-17T16:00:00+02:00');
      assert.equal(withinQuietHours(friday, at('2024-05-20T10:00:00+02:00'), 24, DEFAULT_BUSINESS_HOURS), true);
      // 24 business hours = three 8-hour days: Fri 16–17 (1), Mon (8), Tue (8), Wed (7 until 16:00).
      assert.equal(withinQuietHours(friday, at('2024-05-22T15:59:00+02:00'), 24, DEFAULT_BUSINESS_HOURS), true);
      assert.equal(withinQuietHours(friday, at('2024-05-22T16:00:00+02:00'), 24, DEFAULT_BUSINESS_HOURS), false);
    });

    it('0 quiet hours never asks; a clock that went back asks', () => {
      const t = at('2024-05-15T10:00:00+02:00');
      assert.equal(withinQuietHours(t, t, 0, DEFAULT_BUSINESS_HOURS), false);
      assert.equal(withinQuietHours(t, t - HOUR, 24, DEFAULT_BUSINESS_HOURS), true);
    });

    it('property: within the quiet hours exactly while fewer business hours have passed', () => {
      const start = at('2024-01-01T00:00:00+01:00');
      fc.assert(fc.property(fc.nat(60 * 24 * 60), fc.nat(60 * 24 * 30), fc.integer({ min: 1, max: 720 }), (a, gap, quiet) => {
        const last = start + a * MINUTE;
        const now = last + gap * MINUTE;
        assert.equal(withinQuietHours(last, now, quiet, DEFAULT_BUSINESS_HOURS), businessMsBetween(last, now, DEFAULT_BUSINESS_HOURS) < quiet * HOUR);
      }));
    });

    it('asks only about the same person on the same item', () => {
      const now = at('2024-05-15T12:00:00+02:00');
      const records = [record(now - HOUR), record(now - HOUR, { who: 'jun', number: 13 }), record(now - 10 * 24 * HOUR, { who: 'tomas' })];
      assert.deepEqual(recentlyNudged(records, { repo: 'ACME/api', number: 12, who: ['Mira', 'jun', 'tomas'] }, now, 24, DEFAULT_BUSINESS_HOURS).map((r) => r.who), ['mira']);
      assert.equal(lastNudge(records, 'acme/api', 12)?.who, 'mira');
      assert.equal(lastNudge(records, 'acme/api', 99), undefined);
      const latest = latestNudgeByItem(records);
      assert.equal(latest.get(itemKey('ACME/api', 12))?.who, lastNudge(records, 'acme/api', 12)?.who);
      assert.equal(latest.get(itemKey('acme/api', 13))?.who, 'jun');
      assert.equal(latest.get(itemKey('acme/api', 99)), undefined);
    });

    it('finds, for every item at once, the very record lastNudge finds (ties: the first one logged)', () => {
      const nudges = fc.array(fc.record({ at: fc.integer({ min: 0, max: 20 }), who: fc.constantFrom('mira', 'jun'), repo: fc.constantFrom('acme/api', 'ACME/api', 'acme/web'), number: fc.integer({ min: 1, max: 3 }) }));
      fc.assert(fc.property(nudges, (raw) => {
        const records = raw.map((r) => record(r.at, r));
        const latest = latestNudgeByItem(records);
        for (const r of records) assert.equal(latest.get(itemKey(r.repo, r.number)), lastNudge(records, r.repo, r.number));
        assert.equal(latest.size, new Set(records.map((r) => itemKey(r.repo, r.number))).size);
      }));
    });
  });

  describe('core/nudges nudgedText and waits', () => {
    it('says how long ago, in the largest sensible unit', () => {
      const now = at('2024-05-15T12:00:00+02:00');
      assert.equal(nudgedText(now, now), 'nudged just now');
      assert.equal(nudgedText(now - 12 * MINUTE, now), 'nudged 12m ago');
      assert.equal(nudgedText(now - 2 * HOUR - 5 * MINUTE, now), 'nudged 2h ago');
      assert.equal(nudgedText(now - 72 * HOUR, now), 'nudged 3d ago');
      assert.equal(nudgedText(now + HOUR, now), 'nudged just now', 'a clock skew is not "in the future"');
    });

    it('property: nudgedText always reads "nudged … ago" or "just now"', () => {
      fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e11 }), (ago) => {
        assert.match(nudgedText(1e12 - ago, 1e12), /^nudged (just now|\d+[mhd] ago)$/);
      }));
    });

    it('counts an overdue item from the day after its due date, in business hours', () => {
      assert.equal(overdueBusinessMs('2024-05-14', at('2024-05-15T11:00:00+02:00'), DEFAULT_BUSINESS_HOURS), 2 * HOUR);
      assert.equal(overdueBusinessMs('2024-05-15', at('2024-05-15T11:00:00+02:00'), DEFAULT_BUSINESS_HOURS), 0);
      assert.equal(overdueBusinessMs(null, at('2024-05-15T11:00:00+02:00'), DEFAULT_BUSINESS_HOURS), 0);
    });

    it('turns an own PR into a target only when it waits on someone and is not a draft', () => {
      const pr = { repo: 'acme/api', number: 3, url: 'https://x/3', title: 't', createdAt: at('2024-05-13T09:00:00+02:00'), waitingOn: ['mira', 'bad name'] };
      const now = at('2024-05-16T09:00:00+02:00');
      const t = ownPrNudgeTarget(pr, now, DEFAULT_BUSINESS_HOURS)!;
      assert.deepEqual([t.who, t.waitedMs, t.kind, pastSla(t, 24), pastSla(t, 25)], [['mira'], 24 * HOUR, 'own-pr', true, false]);
      assert.equal(ownPrNudgeTarget({ ...pr, waitingOn: [] }, now, DEFAULT_BUSINESS_HOURS), null);
      assert.equal(ownPrNudgeTarget({ ...pr, draft: true }, now, DEFAULT_BUSINESS_HOURS), null);
    });

    it('reads a nudge target from an untrusted argument', () => {
      assert.deepEqual(asNudgeTarget(target()), target());
      assert.equal(asNudgeTarget({ ...target(), repo: '../etc' }), null);
      assert.equal(asNudgeTarget({ ...target(), number: 0 }), null);
      assert.equal(asNudgeTarget({ ...target(), kind: 'other' }), null);
      assert.equal(asNudgeTarget(null), null);
      assert.deepEqual(asNudgeTarget({ ...target(), who: ['a', 3], waitedMs: Number.NaN })?.who, ['a']);
    });
  });

  describe("core/nudges yesterday's unanswered", () => {
    it('takes the last working day and the weekend on a Monday', () => {
      const monday = at('2024-05-20T09:30:00+02:00');
      const { from, to } = yesterdayRange(monday, [1, 2, 3, 4, 5]);
      assert.deepEqual([from, to], [at('2024-05-17T00:00:00+02:00'), at('2024-05-20T00:00:00+02:00')]);
    });

    it('keeps the latest nudge per person and item from yesterday, newest first', () => {
      const now = at('2024-05-15T09:30:00+02:00');
      const y = at('2024-05-14T10:00:00+02:00');
      const records = [record(y), record(y + HOUR), record(y, { who: 'jun' }), record(now - 10 * MINUTE), record(y - 2 * 24 * HOUR)];
      assert.deepEqual(yesterdaysNudges(records, now, [1, 2, 3, 4, 5]).map((r) => [r.who, r.at]), [['mira', y + HOUR], ['jun', y]]);
    });

    it('an answer is the nudged person acting on the item after the nudge', () => {
      const n = record(1000);
      assert.equal(isAnswered(n, [{ who: 'MIRA', at: 1001 }]), true);
      assert.equal(isAnswered(n, [{ who: 'mira', at: 999 }, { who: 'jun', at: 2000 }]), false);
      assert.equal(isAnswered(n, []), false);
    });
  });
});
