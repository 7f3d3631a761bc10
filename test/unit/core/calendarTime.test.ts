import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MeetingSpan } from '../../../src/core/calendar';
import { creditMeetings, meetingTime } from '../../../src/core/calendarTime';
import type { TimeSegment } from '../../../src/core/timeline';

const MIN = 60_000;
const seg = (entryId: string, mode: 'technical' | 'managerial', start: number, end: number): TimeSegment => ({ entryId, mode, start: start * MIN, end: end * MIN });
const span = (start: number, end: number, meetings = 1): MeetingSpan => ({ start: start * MIN, end: end * MIN, meetings, titles: [] });
const shape = (s: readonly { mode: string; start: number; end: number; source: string }[]) => s.map((x) => `${x.source}:${x.mode} ${x.start / MIN}-${x.end / MIN}`);

describe('meetings in the balance', () => {
  it('meeting wins: technical time under a meeting counts once, as the meeting', () => {
    const credited = creditMeetings([seg('a', 'technical', 0, 120)], [span(30, 60), span(90, 150)], 'meeting');
    assert.deepEqual(shape(credited), ['timer:technical 0-30', 'calendar:managerial 30-60', 'timer:technical 60-90', 'calendar:managerial 90-150']);
    const total = credited.reduce((sum, s) => sum + s.end - s.start, 0);
    assert.equal(total, 150 * MIN, 'the union, never the sum');
  });

  it('timer wins: only meeting time the timer did not track is added', () => {
    const credited = creditMeetings([seg('a', 'technical', 0, 120)], [span(30, 60), span(90, 150)], 'timer');
    assert.deepEqual(shape(credited), ['timer:technical 0-120', 'calendar:managerial 120-150']);
  });

  it('never counts a moment twice, whatever the rule (property)', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 120 })).map(([s, d]) => [s, s + d] as const);
    const disjoint = (list: readonly (readonly [number, number])[]) => {
      const out: [number, number][] = [];
      for (const [s, e] of [...list].sort((a, b) => a[0] - b[0])) if (out.length === 0 || s >= out[out.length - 1]![1]) out.push([s, e]);
      return out;
    };
    fc.assert(fc.property(fc.array(interval, { maxLength: 8 }), fc.array(interval, { maxLength: 8 }), fc.constantFrom('meeting' as const, 'timer' as const), (t, m, rule) => {
      const segments = disjoint(t).map(([s, e], i) => seg(`e${i}`, 'technical', s, e));
      const spans = disjoint(m).map(([s, e]) => span(s, e));
      const credited = creditMeetings(segments, spans, rule);
      for (let i = 1; i < credited.length; i++) assert.ok(credited[i]!.start >= credited[i - 1]!.end, 'overlap');
      const covered = new Set<number>();
      for (const x of [...segments, ...spans]) for (let k = x.start / MIN; k < x.end / MIN; k++) covered.add(k);
      assert.equal(credited.reduce((sum, s) => sum + s.end - s.start, 0), covered.size * MIN);
    }));
  });

  it('sums meeting time and count within a day for the standup', () => {
    assert.deepEqual(meetingTime([span(0, 30), span(60, 190, 3), span(2000, 2030)], 0, 1440 * MIN), { ms: 160 * MIN, meetings: 4 });
  });
});
