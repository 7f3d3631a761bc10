import { mergeMeetingSpans, type Meeting, type MeetingSpan } from './calendar';
import type { MeetingCredit, OverlapRule } from './timeline';

export { creditMeetings, MEETING_ENTRY_ID, type OverlapRule, type SourcedSegment, type TimeSource } from './timeline';

/** What the balance credits for these meetings (of every calendar): merged spans and the overlap rule. */
export function meetingCredit(meetings: readonly Meeting[], overlap: OverlapRule): MeetingCredit {
  return { spans: mergeMeetingSpans(meetings), overlap };
}

/** The titles of the meetings in the spans that overlap [start, end), in order ("" with spans only). */
export function meetingTitles(spans: readonly MeetingSpan[], start: number, end: number): string {
  return spans.filter((s) => s.start < end && s.end > start).flatMap((s) => s.titles).join('; ');
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
