import type { MeetingSpan } from './calendar';
import type { TimeSegment } from './timeline';

/** Who wins time that the timer and a meeting both claim (the `calendar.overlap` setting). */
export type OverlapRule = 'meeting' | 'timer';

/** Where a stretch of credited time comes from: the lead's timer or a calendar meeting. */
export type TimeSource = 'timer' | 'calendar';

export interface SourcedSegment extends TimeSegment {
  readonly source: TimeSource;
}

/** The entry id of time credited to a meeting span (spans are derived, never written as entries). */
export const MEETING_ENTRY_ID = 'calendar';

/**
 * Credits meeting spans next to the timer's (non-overlapping, sorted) segments, at report time:
 * nothing is written, so a meeting is counted once however many windows report it or however
 * often the calendar is read. `meeting`: a span takes its time from whatever the timer tracked
 * (counted once, as managerial). `timer`: only the parts of a span the timer did not track are
 * added. Result sorted by start, non-overlapping.
 */
export function creditMeetings(segments: readonly TimeSegment[], spans: readonly MeetingSpan[], rule: OverlapRule): SourcedSegment[] {
  const timer: SourcedSegment[] = segments.map((s) => ({ ...s, source: 'timer' }));
  const meetings: SourcedSegment[] = spans.map((s) => ({ entryId: MEETING_ENTRY_ID, mode: 'managerial', start: s.start, end: s.end, source: 'calendar' }));
  const [winners, losers] = rule === 'meeting' ? [meetings, timer] : [timer, meetings];
  const result = [...winners];
  for (const loser of losers) result.push(...subtract(loser, winners));
  return result.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The parts of `segment` that no interval of `cover` (sorted, non-overlapping) touches. */
function subtract(segment: SourcedSegment, cover: readonly SourcedSegment[]): SourcedSegment[] {
  const parts: SourcedSegment[] = [];
  let cursor = segment.start;
  for (const c of cover) {
    if (c.end <= cursor) continue;
    if (c.start >= segment.end) break;
    if (c.start > cursor) parts.push({ ...segment, start: cursor, end: c.start });
    cursor = Math.max(cursor, c.end);
    if (cursor >= segment.end) break;
  }
  if (cursor < segment.end) parts.push({ ...segment, start: cursor, end: segment.end });
  return parts;
}

/** "3h 10m in 4 meetings" material: meeting time and count within [start, end). */
export function meetingTime(spans: readonly MeetingSpan[], start: number, end: number): { ms: number; meetings: number } {
  let ms = 0;
  let meetings = 0;
  for (const span of spans) {
    const overlap = Math.min(span.end, end) - Math.max(span.start, start);
    if (overlap > 0) {
      ms += overlap;
      meetings += span.meetings;
    }
  }
  return { ms, meetings };
}
