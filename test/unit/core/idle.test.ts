import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IdleDetector, idleSpanReplacement, type IdleDecision, type IdleSpan } from '../../../src/core/idle';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { effectiveEnd } from '../../../src/core/timeline';
import { arbitraryEntries, entry } from './entries';
import { applyIdleDecision, closeCrashedEntry } from './models/idleModels';
import { HOUR, MINUTE } from './timeZone';

const T0 = Date.UTC(2024, 4, 15, 7);
const SECOND = 1000;
const config = { idleMinutes: 5, tickIntervalMs: 30 * SECOND };

/** A detector whose monotonic clock starts at 0 and tracks the wall clock unless told otherwise. */
function detector(focused: boolean) {
  const d = new IdleDetector(config, { wall: T0, monotonic: 0, focused });
  /** Ticks every 30 s from the last tick up to `until` (wall = monotonic + T0). */
  const tickUntil = (from: number, until: number) => {
    const signals = [];
    for (let t = from; t <= until; t += 30 * SECOND) {
      const s = d.tick(T0 + t, t);
      if (s) signals.push({ at: t, ...s });
    }
    return signals;
  };
  return { d, tickUntil };
}

describe('IdleDetector', () => {
  it('goes away after idleMinutes unfocused and quiet, and returns the span on activity', () => {
    const { d, tickUntil } = detector(false);
    assert.deepEqual(tickUntil(30 * SECOND, 4 * MINUTE + 30 * SECOND), []);
    assert.deepEqual(d.tick(T0 + 5 * MINUTE, 5 * MINUTE), { kind: 'away', since: T0, reason: 'idle' });
    assert.equal(d.tick(T0 + 6 * MINUTE, 6 * MINUTE), null, 'away is reported once');
    assert.deepEqual(d.activity(T0 + 20 * MINUTE), { kind: 'back', span: { start: T0, end: T0 + 20 * MINUTE, reason: 'idle' } });
    assert.equal(d.away, null);
  });

  it('never goes idle while the window keeps focus', () => {
    const { d, tickUntil } = detector(true);
    assert.deepEqual(tickUntil(30 * SECOND, 2 * HOUR), []);
    assert.equal(d.away, null);
  });

  it('starts the quiet period at the later of the last activity and the blur', () => {
    const { d, tickUntil } = detector(true);
    tickUntil(30 * SECOND, MINUTE);
    d.activity(T0 + MINUTE);
    tickUntil(MINUTE + 30 * SECOND, 3 * MINUTE);
    d.focus(T0 + 3 * MINUTE, false);
    const signals = tickUntil(3 * MINUTE + 30 * SECOND, 10 * MINUTE);
    assert.deepEqual(signals, [{ at: 8 * MINUTE, kind: 'away', since: T0 + 3 * MINUTE, reason: 'idle' }]);
    assert.deepEqual(d.focus(T0 + 12 * MINUTE, true), { kind: 'back', span: { start: T0 + 3 * MINUTE, end: T0 + 12 * MINUTE, reason: 'idle' } });
  });

  it('restarts the quiet period on activity while unfocused', () => {
    const { d, tickUntil } = detector(false);
    tickUntil(30 * SECOND, 4 * MINUTE);
    d.activity(T0 + 4 * MINUTE);
    assert.deepEqual(tickUntil(4 * MINUTE + 30 * SECOND, 8 * MINUTE + 30 * SECOND), []);
    assert.deepEqual(d.tick(T0 + 9 * MINUTE, 9 * MINUTE), { kind: 'away', since: T0 + 4 * MINUTE, reason: 'idle' });
  });

  it('detects sleep when the wall clock outruns the monotonic clock', () => {
    const d = new IdleDetector(config, { wall: T0, monotonic: 0, focused: true });
    d.tick(T0 + 30 * SECOND, 30 * SECOND);
    d.activity(T0 + 40 * SECOND);
    // Woke an hour later; the monotonic clock only saw the 30 s the machine was running.
    assert.deepEqual(d.tick(T0 + HOUR, MINUTE), { kind: 'away', since: T0 + 40 * SECOND, reason: 'sleep' });
    assert.deepEqual(d.activity(T0 + HOUR + 10 * SECOND), { kind: 'back', span: { start: T0 + 40 * SECOND, end: T0 + HOUR + 10 * SECOND, reason: 'sleep' } });
  });

  it('detects sleep from a late tick even where the monotonic clock counts sleep', () => {
    const d = new IdleDetector(config, { wall: T0, monotonic: 0, focused: true });
    assert.deepEqual(d.tick(T0 + 2 * MINUTE + 31 * SECOND, 2 * MINUTE + 31 * SECOND), { kind: 'away', since: T0, reason: 'sleep' });
  });

  it('does not call a slightly late tick sleep', () => {
    const d = new IdleDetector(config, { wall: T0, monotonic: 0, focused: true });
    assert.equal(d.tick(T0 + 2 * MINUTE + 30 * SECOND, 2 * MINUTE + 30 * SECOND), null);
    assert.equal(d.tick(T0 + 3 * MINUTE + 30 * SECOND, 3 * MINUTE), null, '30 s of skew is not a sleep');
  });

  it('survives a wall clock set back an hour without negative or future spans', () => {
    const { d } = detector(false);
    d.tick(T0 + MINUTE, MINUTE);
    assert.equal(d.tick(T0 - HOUR, 90 * SECOND), null);
    // The quiet period now starts at the new, earlier wall time, not an hour in the future.
    const signals = [];
    for (let t = 30 * SECOND; t <= 5 * MINUTE; t += 30 * SECOND) signals.push(d.tick(T0 - HOUR + t, 90 * SECOND + t));
    assert.deepEqual(signals.at(-1), { kind: 'away', since: T0 - HOUR, reason: 'idle' });
    assert.equal(signals.filter(Boolean).length, 1);
    const back = d.activity(T0 - 2 * HOUR);
    assert.deepEqual(back, { kind: 'back', span: { start: T0 - HOUR, end: T0 - HOUR, reason: 'idle' } });
  });

  it('never reports a span that ends before it starts, for any event sequence', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('activity' as const), dt: fc.integer({ min: -HOUR, max: HOUR }) }),
      fc.record({ kind: fc.constant('focus' as const), dt: fc.integer({ min: -HOUR, max: HOUR }), focused: fc.boolean() }),
      fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: -HOUR, max: 3 * HOUR }), dm: fc.integer({ min: 0, max: HOUR }) }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(event, { maxLength: 40 }), (focused, events) => {
        const d = new IdleDetector(config, { wall: T0, monotonic: 0, focused });
        let wall = T0;
        let mono = 0;
        for (const e of events) {
          wall += e.dt;
          const signal = e.kind === 'activity' ? d.activity(wall) : e.kind === 'focus' ? d.focus(wall, e.focused) : d.tick(wall, (mono += e.dm));
          if (signal?.kind === 'back') assert.ok(signal.span.end >= signal.span.start);
          if (signal?.kind === 'away') assert.ok(signal.since <= wall, 'away never starts in the future');
        }
      }),
    );
  });
});

describe('applyIdleDecision', () => {
  const nine = Date.UTC(2024, 4, 15, 9);
  const span: IdleSpan = { start: nine + 30 * MINUTE, end: nine + HOUR, reason: 'idle' };
  let counter = 0;
  const ids = () => `new${++counter}`;
  beforeEach(() => (counter = 0));

  it('re-tags the span, closing the running entry at its start and resuming after it', () => {
    const running = entry('run', 'technical', nine, null, { heartbeat: nine + 30 * MINUTE, note: 'refactor' });
    assert.deepEqual(applyIdleDecision([running], span, 'other-mode', ids), [
      { id: 'run', mode: 'technical', start: nine, end: nine + 30 * MINUTE, heartbeat: nine + 30 * MINUTE, note: 'refactor', closedBy: 'idle' },
      { id: 'new1', mode: 'managerial', start: nine + 30 * MINUTE, end: nine + HOUR, heartbeat: nine + 30 * MINUTE, note: 'refactor', closedBy: 'idle' },
      { id: 'new2', mode: 'technical', start: nine + HOUR, end: null, heartbeat: nine + HOUR, note: 'refactor' },
    ]);
  });

  it('drops the span and leaves the rest', () => {
    const running = entry('run', 'technical', nine, null);
    assert.deepEqual(applyIdleDecision([running], span, 'drop', ids), [
      { id: 'run', mode: 'technical', start: nine, end: nine + 30 * MINUTE, closedBy: 'idle' },
      { id: 'new1', mode: 'technical', start: nine + HOUR, end: null, heartbeat: nine + HOUR },
    ]);
  });

  it('keeps everything as it was for keep', () => {
    const entries = [entry('run', 'technical', nine, null)];
    assert.deepEqual(applyIdleDecision(entries, span, 'keep', ids), entries);
  });

  it('keeps how an entry ended when it ended inside the span, and leaves untouched entries alone', () => {
    const before = entry('before', 'managerial', nine - HOUR, nine);
    const inside = entry('in', 'technical', nine + 10 * MINUTE, nine + 45 * MINUTE, { closedBy: 'user' });
    const out = applyIdleDecision([before, inside], span, 'other-mode', ids);
    assert.equal(out[0], before);
    assert.deepEqual(out.slice(1), [
      { id: 'in', mode: 'technical', start: nine + 10 * MINUTE, end: nine + 30 * MINUTE, closedBy: 'idle' },
      { id: 'new1', mode: 'managerial', start: nine + 30 * MINUTE, end: nine + 45 * MINUTE, closedBy: 'user' },
    ]);
    assert.deepEqual(applyIdleDecision([entry('whole', 'technical', span.start, span.end)], span, 'drop', ids), []);
  });

  it('moves exactly the overlapped time: kept, re-tagged or dropped', () => {
    const overlap = (e: TimeEntry, s: IdleSpan, now: number) => Math.max(0, Math.min(effectiveEnd(e, now), s.end) - Math.max(e.start, s.start));
    const total = (es: readonly TimeEntry[], mode: string, now: number) => es.filter((e) => e.mode === mode).reduce((t, e) => t + effectiveEnd(e, now) - e.start, 0);
    fc.assert(
      fc.property(arbitraryEntries(), fc.integer({ min: -100, max: 500 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom<IdleDecision>('keep', 'other-mode', 'drop'), ({ entries, now }, startQ, lengthQ, decision) => {
        const valid = entries.filter((e) => e.end === null || e.end >= e.start);
        const base = Math.min(...valid.map((e) => e.start), now);
        const s: IdleSpan = { start: base + startQ * 15 * MINUTE, end: base + (startQ + lengthQ) * 15 * MINUTE, reason: 'idle' };
        // Running entries are measured at a "now" after the span, as when the lead comes back.
        const later = Math.max(now, s.end, ...valid.map((e) => e.start));
        const out = applyIdleDecision(valid, s, decision, ids);
        const moved = (mode: string) => valid.filter((e) => e.mode === mode).reduce((t, e) => t + overlap(e, s, later), 0);
        const [tech, man] = [moved('technical'), moved('managerial')];
        const expected = {
          keep: [total(valid, 'technical', later), total(valid, 'managerial', later)],
          'other-mode': [total(valid, 'technical', later) - tech + man, total(valid, 'managerial', later) - man + tech],
          drop: [total(valid, 'technical', later) - tech, total(valid, 'managerial', later) - man],
        }[decision];
        assert.deepEqual([total(out, 'technical', later), total(out, 'managerial', later)], expected);
        for (const e of out) assert.ok(e.end === null || e.end >= e.start);
        assert.equal(new Set(out.map((e) => e.id)).size, out.length, 'ids stay unique');
        assert.equal(out.filter((e) => e.end === null).length, valid.filter((e) => e.end === null).length, 'running entries stay running');
        if (decision === 'drop') for (const e of out) assert.equal(overlap(e, s, later), 0);
      }),
    );
  });
});

describe('idleSpanReplacement', () => {
  const nine = Date.UTC(2024, 4, 15, 9);
  const span: IdleSpan = { start: nine + 30 * MINUTE, end: nine + HOUR, reason: 'idle' };
  let counter = 0;
  const ids = () => `new${++counter}`;
  beforeEach(() => (counter = 0));

  it('holds nothing for "drop"', () => {
    assert.deepEqual(idleSpanReplacement([entry('run', 'technical', nine, null)], span, 'drop', ids), []);
  });

  it('holds the overlap in the other mode, closed and under new ids, for "other-mode" (a running entry included)', () => {
    const closed = entry('a', 'managerial', nine, nine + 40 * MINUTE, { note: 'standup' });
    const running = entry('run', 'technical', nine + 40 * MINUTE, null, { heartbeat: nine + 41 * MINUTE });
    assert.deepEqual(idleSpanReplacement([closed, running, entry('before', 'technical', nine - HOUR, nine)], span, 'other-mode', ids), [
      { id: 'new1', mode: 'technical', start: nine + 30 * MINUTE, end: nine + 40 * MINUTE, closedBy: 'idle', note: 'standup' },
      { id: 'new2', mode: 'managerial', start: nine + 40 * MINUTE, end: nine + HOUR, closedBy: 'idle' },
    ]);
  });

  it('is exactly the part of applyIdleDecision inside the span, and only closed entries inside the span', () => {
    fc.assert(
      fc.property(arbitraryEntries(), fc.integer({ min: -100, max: 500 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom<'other-mode' | 'drop'>('other-mode', 'drop'), ({ entries }, startQ, lengthQ, decision) => {
        const valid = entries.filter((e) => e.end === null || e.end >= e.start);
        const base = Math.min(...valid.map((e) => e.start));
        const s: IdleSpan = { start: base + startQ * 15 * MINUTE, end: base + (startQ + lengthQ) * 15 * MINUTE, reason: 'idle' };
        const inside = idleSpanReplacement(valid, s, decision, ids);
        for (const e of inside) assert.ok(e.end !== null && e.start >= s.start && e.end <= s.end && e.start < e.end);
        const spanPart = applyIdleDecision(valid, s, decision, ids)
          .filter((e) => e.start >= s.start && e.end !== null && e.end <= s.end && e.start < e.end)
          .map((e) => [e.mode, e.start, e.end]);
        assert.deepEqual(inside.map((e) => [e.mode, e.start, e.end]), spanPart);
        assert.ok(inside.every((e) => !valid.some((v) => v.id === e.id)), 'no id of an existing entry');
      }),
    );
  });
});

describe('closeCrashedEntry', () => {
  const nine = Date.UTC(2024, 4, 15, 9);

  it('closes a running entry at its last heartbeat, not at now', () => {
    assert.deepEqual(closeCrashedEntry(entry('a', 'technical', nine, null, { heartbeat: nine + 40 * MINUTE })), {
      id: 'a', mode: 'technical', start: nine, end: nine + 40 * MINUTE, heartbeat: nine + 40 * MINUTE, closedBy: 'crash',
    });
  });

  it('makes an entry without heartbeat zero-length, and never ends before its start', () => {
    assert.equal(closeCrashedEntry(entry('a', 'technical', nine, null)).end, nine);
    assert.equal(closeCrashedEntry(entry('a', 'technical', nine, null, { heartbeat: nine - HOUR })).end, nine);
  });

  it('leaves closed entries unchanged', () => {
    const closed = entry('a', 'managerial', nine, nine + HOUR, { closedBy: 'user' });
    assert.equal(closeCrashedEntry(closed), closed);
  });
});
