/**
 * The lead's day around their meetings (issue 19 items 4–5), pure: which meeting is on now, when
 * the next one begins or ends (the timer's single wake-up for it), what the timer does at a
 * meeting's start and end with automatic mode on, the free blocks of today's working hours, and
 * the next meeting with a teammate. Meetings come from core/calendar.ts; times are epoch ms.
 */
import type { AutoModeSetting } from './autoMode';
import { workingHoursOn, type BusinessHours } from './businessHours';
import type { Meeting, TimeWindow } from './calendar';
import { formatClock } from './clock';
import { fill } from './fill';
import type { Mode } from './timeEntry';
import { formatDuration } from './timeline';

const MINUTE = 60_000;

/** The meeting on at `now`: of several, the one begun last (the lead walked into it), then the one ending first. */
export function meetingAt(meetings: readonly Meeting[], now: number): Meeting | undefined {
  let found: Meeting | undefined;
  for (const m of meetings) {
    if (!(m.start <= now && now < m.end)) continue;
    if (!found || m.start > found.start || (m.start === found.start && m.end < found.end)) found = m;
  }
  return found;
}

/**
 * The first instant after `now` at which a meeting begins or ends, or undefined: the one wake-up
 * the timer needs for the calendar (its minute tick does the rest), so no polling.
 */
export function nextMeetingBoundary(meetings: readonly TimeWindow[], now: number): number | undefined {
  let next: number | undefined;
  for (const m of meetings) {
    for (const t of [m.start, m.end]) if (t > now && (next === undefined || t < next)) next = t;
  }
  return next;
}

/** Wake-ups for meetings come at most once a minute, however many meetings start and end. */
export const MIN_MEETING_WAKE_GAP_MS = MINUTE;

/**
 * When the timer should next wake for the calendar, given when it last did: the next boundary, but
 * never within {@link MIN_MEETING_WAKE_GAP_MS} of the last wake-up (its minute tick catches what
 * falls between). Undefined: no meeting ahead, no wake-up at all.
 */
export function nextMeetingWake(meetings: readonly TimeWindow[], now: number, lastWake: number): number | undefined {
  const boundary = nextMeetingBoundary(meetings, now);
  return boundary === undefined ? undefined : Math.max(boundary, lastWake + MIN_MEETING_WAKE_GAP_MS);
}

/** Meeting spans closer than `gapMs` to each other as one stretch (input sorted or not). */
export function joinSpans(spans: readonly TimeWindow[], gapMs: number): TimeWindow[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const joined: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = joined[joined.length - 1];
    if (last && s.start - last.end < gapMs) last.end = Math.max(last.end, s.end);
    else joined.push({ start: s.start, end: s.end });
  }
  return joined;
}

// ---------------------------------------------------------------------------------------------
// The timer follows the day

/**
 * What automatic mode knows about the meeting under way. The rule at a meeting's end: the timer
 * returns to the mode that ran before it only if it still runs what the meeting's start set
 * (Managerial, switched or accepted) and nobody changed the mode by hand during the meeting — a
 * lead who paused, or went back to Technical and then Managerial again, decided for themselves.
 */
export interface MeetingModeState {
  /** The meeting time followed (meetings closer than `joinGapMs` joined), or null. */
  readonly span: TimeWindow | null;
  /** What ran when it began: what its end returns to. */
  readonly before: Mode | null;
  /** The mode changed during the meeting other than by its start's switch. */
  readonly leadChanged: boolean;
  /** The mode last seen (null: paused or stopped). */
  readonly mode: Mode | null;
}

export const NO_MEETING: MeetingModeState = { span: null, before: null, leadChanged: false, mode: null };

export interface MeetingModeInput {
  readonly now: number;
  /** Merged meeting spans (core/calendar.ts mergeMeetingSpans). */
  readonly spans: readonly TimeWindow[];
  /** What the timer runs now (null: paused or stopped). */
  readonly mode: Mode | null;
  /**
   * The running entry was started by a meeting's start (its `auto` is `meeting`): a window that
   * opens during the meeting, or that another window beat to the switch, still knows what to
   * return to.
   */
  readonly startedByMeeting: boolean;
  readonly setting: AutoModeSetting;
  /** Meetings closer than this are one stretch: no switching back for the five minutes between two. */
  readonly joinGapMs: number;
}

export type MeetingSignal = 'meeting' | 'meeting-end';

export interface MeetingModeProposal {
  readonly action: 'suggest' | 'switch';
  readonly from: Mode;
  readonly to: Mode;
  readonly signal: MeetingSignal;
  readonly at: number;
}

/**
 * One look at the calendar and the timer (at a meeting boundary, on the minute tick or when the
 * timer changed): the next state and at most one proposal. Like the rest of automatic mode it
 * never starts a paused or stopped timer.
 */
export function followMeetings(state: MeetingModeState, input: MeetingModeInput): { state: MeetingModeState; proposal: MeetingModeProposal | null } {
  const { now, mode, setting } = input;
  const span = joinSpans(input.spans, input.joinGapMs).find((s) => s.start <= now && now < s.end) ?? null;
  let leadChanged = state.leadChanged;
  if (state.span && mode !== state.mode) {
    // The one change a meeting makes itself: Technical (what ran before it) to Managerial.
    const meetingSwitch = state.before === 'technical' && state.mode === 'technical' && mode === 'managerial';
    if (!meetingSwitch) leadChanged = true;
  }
  const act = (to: Mode, signal: MeetingSignal): MeetingModeProposal | null =>
    setting === 'off' || mode === null || mode === to ? null : { action: setting === 'switch' ? 'switch' : 'suggest', from: mode, to, signal, at: now };

  if (span) {
    // The same meeting time (the calendar may since have moved its end).
    if (state.span && state.span.start < span.end && span.start < state.span.end) {
      return { state: { span, before: state.before, leadChanged, mode }, proposal: null };
    }
    const before: Mode | null = input.startedByMeeting && mode === 'managerial' ? 'technical' : mode;
    const proposal = mode === 'technical' ? act('managerial', 'meeting') : null;
    return { state: { span, before, leadChanged: false, mode }, proposal };
  }
  if (state.span) {
    const proposal = !leadChanged && state.before === 'technical' && mode === 'managerial' ? act('technical', 'meeting-end') : null;
    return { state: { ...NO_MEETING, mode }, proposal };
  }
  return { state: { ...state, mode }, proposal: null };
}

// ---------------------------------------------------------------------------------------------
// Plan the day

/** Free time shorter than this is not a block to plan work in. */
export const MIN_FREE_BLOCK_MS = 30 * MINUTE;

/**
 * Today's free blocks: the working hours of the local day holding `now`, minus every meeting,
 * from `now` on (time already past is not free to plan; `now` is taken to the next whole minute),
 * keeping blocks of at least `minMs`. None on a day that is not a working day.
 */
export function freeBlocks(meetings: readonly TimeWindow[], hours: BusinessHours, now: number, minMs = MIN_FREE_BLOCK_MS): TimeWindow[] {
  const day = workingHoursOn(now, hours);
  if (!day) return [];
  let cursor = Math.max(day.start, Math.ceil(now / MINUTE) * MINUTE);
  const blocks: TimeWindow[] = [];
  const push = (end: number) => { if (end - cursor >= minMs) blocks.push({ start: cursor, end }); };
  for (const m of joinSpans(meetings, 0)) {
    if (m.end <= cursor) continue;
    if (m.start >= day.end) break;
    push(Math.min(m.start, day.end));
    cursor = Math.max(cursor, m.end);
    if (cursor >= day.end) return blocks;
  }
  push(day.end);
  return blocks;
}

export interface DayPlan {
  /** Today's meetings (all of the local day, working hours or not), by start. */
  readonly meetings: readonly Meeting[];
  readonly blocks: readonly TimeWindow[];
  readonly freeMs: number;
  /** The technical target in time: the target share of today's working hours (0 on a day off). */
  readonly targetMs: number;
  /** Technical time already tracked today. */
  readonly technicalDoneMs: number;
  /** Whether what is left of the target fits in the free blocks. */
  readonly fits: boolean;
  readonly workingDay: boolean;
}

export interface DayPlanInput {
  readonly meetings: readonly Meeting[];
  readonly hours: BusinessHours;
  readonly now: number;
  readonly targetPercent: number;
  readonly technicalDoneMs: number;
}

export function planTheDay(input: DayPlanInput): DayPlan {
  const { hours, now } = input;
  const day = workingHoursOn(now, hours);
  const dayStart = new Date(now).setHours(0, 0, 0, 0);
  const dayEnd = new Date(dayStart).setHours(24, 0, 0, 0);
  const meetings = input.meetings.filter((m) => m.end > dayStart && m.start < dayEnd).sort((a, b) => a.start - b.start || a.end - b.end);
  const blocks = freeBlocks(meetings, hours, now);
  const freeMs = blocks.reduce((sum, b) => sum + b.end - b.start, 0);
  const percent = Math.min(100, Math.max(0, input.targetPercent));
  // Whole minutes, so that 50% of 8h reads "4h 00m", not a minute short.
  const targetMs = day ? Math.round(((day.end - day.start) * percent) / 100 / MINUTE) * MINUTE : 0;
  const left = Math.max(0, targetMs - Math.max(0, input.technicalDoneMs));
  return { meetings, blocks, freeMs, targetMs, technicalDoneMs: Math.max(0, input.technicalDoneMs), fits: freeMs >= left, workingDay: day !== null };
}

/** `09:00–10:30`. */
export function formatBlock(block: TimeWindow, locale: string): string {
  return `${formatClock(block.start, locale)}–${formatClock(block.end, locale)}`;
}

/** `4h`, `2h 30m`, `45m`: a plan reads better without the status bar's padded minutes. */
export function formatPlanDuration(ms: number): string {
  const text = formatDuration(ms);
  return text.replace(/ 00m$/, '').replace(/ 0(\d)m$/, ' $1m');
}

/** "Technical target 4h — 2h 30m free in 3 blocks: 09:00–10:30, 13:00–13:30, 16:00–16:30", in `words`' language. */
export function planLine(plan: DayPlan, locale: string, words: PlanWords = ENGLISH_PLAN_WORDS): string {
  if (!plan.workingDay) return words.notWorkingDay;
  const n = plan.blocks.length;
  const blocks = plan.blocks.map((b) => formatBlock(b, locale)).join(', ');
  const free = n === 0 ? words.noFreeBlock
    : n === 1 ? fill(words.freeInBlock, formatPlanDuration(plan.freeMs), blocks) : fill(words.freeInBlocks, formatPlanDuration(plan.freeMs), n, blocks);
  const target = formatPlanDuration(plan.targetMs);
  return plan.technicalDoneMs > 0 ? fill(words.planTargetDone, target, formatPlanDuration(plan.technicalDoneMs), free) : fill(words.planTarget, target, free);
}

/** Whether the target fits, in words: "It fits." or "1h 30m short." */
export function planVerdict(plan: DayPlan, words: PlanWords = ENGLISH_PLAN_WORDS): string {
  if (!plan.workingDay) return '';
  const left = Math.max(0, plan.targetMs - plan.technicalDoneMs);
  if (left === 0) return words.targetReached;
  return plan.fits ? words.fits : fill(words.short, formatPlanDuration(left - plan.freeMs));
}

/** The day plan's sentences, `{0}`… filled by `planLine`/`planVerdict`; the host passes them in VS Code's display language. */
export interface PlanWords {
  readonly notWorkingDay: string;
  readonly planTarget: string;
  readonly planTargetDone: string;
  readonly noFreeBlock: string;
  readonly freeInBlock: string;
  readonly freeInBlocks: string;
  readonly targetReached: string;
  readonly fits: string;
  readonly short: string;
}

/** The English the host's table translates (`src/review/reviewWords.ts`). */
export const ENGLISH_PLAN_WORDS: PlanWords = {
  notWorkingDay: 'Not a working day: no technical target today.',
  planTarget: 'Technical target {0} — {1}',
  planTargetDone: 'Technical target {0} ({1} done) — {2}',
  noFreeBlock: 'no free block of 30 minutes or more left today',
  freeInBlock: '{0} free in 1 block: {1}',
  freeInBlocks: '{0} free in {1} blocks: {2}',
  targetReached: 'Target reached.',
  fits: 'It fits.',
  short: '{0} short: move a meeting or lower today\'s target.',
};

// ---------------------------------------------------------------------------------------------
// 1:1

/**
 * Whether a calendar attendee's address is the teammate with GitHub login `login`. The team
 * setting knows logins only, so the address's local part is compared with the login, ignoring
 * case, dots, dashes and underscores and a `+tag` (`mira.k+cal@corp.example` is `mira-k`); a
 * GitHub no-reply address (`123+mira-k@users.noreply.github.com`) is matched by its login part.
 */
export function attendeeIsLogin(address: string, login: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  let local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (domain === 'users.noreply.github.com') local = local.replace(/^\d+\+/, '');
  else local = local.replace(/\+.*$/, '');
  const squash = (s: string) => s.toLowerCase().replace(/[._-]/g, '');
  return squash(local) !== '' && squash(local) === squash(login);
}

/** The next meeting (under way or to come) that has the teammate among its attendees. */
export function nextMeetingWith(meetings: readonly Meeting[], login: string, now: number): Meeting | undefined {
  return [...meetings]
    .filter((m) => m.end > now && (m.attendees ?? []).some((a) => attendeeIsLogin(a, login)))
    .sort((a, b) => a.start - b.start)[0];
}
