import fc from 'fast-check';
import type { Mode, TimeEntry } from '../../../src/core/timeEntry';

export function entry(id: string, mode: Mode, start: number, end: number | null, extra: Partial<TimeEntry> = {}): TimeEntry {
  return { id, mode, start, end, ...extra };
}

const QUARTER_HOUR = 15 * 60_000;

/** Starting points near the 2024 DST changes in Europe and the US, and one ordinary week. */
const BASES = [Date.UTC(2024, 2, 8), Date.UTC(2024, 2, 29), Date.UTC(2024, 9, 25), Date.UTC(2024, 10, 1), Date.UTC(2024, 4, 13)];

/**
 * Up to 12 entries with unique ids in a four-day window. Quarter-hour steps make shared starts
 * and exact touches common; some entries are inverted or running, as races and clock jumps leave them.
 */
export function arbitraryEntries(): fc.Arbitrary<{ entries: TimeEntry[]; now: number }> {
  const raw = fc.record({
    offset: fc.integer({ min: 0, max: 4 * 96 }),
    length: fc.integer({ min: -4, max: 2 * 96 }),
    running: fc.boolean(),
    mode: fc.constantFrom<Mode>('technical', 'managerial'),
  });
  return fc
    .record({ base: fc.constantFrom(...BASES), raws: fc.array(raw, { maxLength: 12 }), now: fc.integer({ min: 0, max: 5 * 96 }) })
    .map(({ base, raws, now }) => ({
      now: base + now * QUARTER_HOUR,
      entries: raws.map((r, i) => {
        const start = base + r.offset * QUARTER_HOUR;
        return entry(`e${i}`, r.mode, start, r.running ? null : start + r.length * QUARTER_HOUR);
      }),
    }));
}
