import { randomId } from './randomId';
import type { Mode, TimeEntry } from './timeEntry';

export type IdleReason = 'idle' | 'sleep';

/** Time the lead was away, to be resolved (kept, re-tagged or dropped) when they return. */
export interface IdleSpan {
  readonly start: number;
  readonly end: number;
  readonly reason: IdleReason;
}

export interface IdleConfig {
  /** Quiet minutes (no activity, window unfocused) before the lead counts as away. */
  readonly idleMinutes: number;
  /** How often the shell calls `tick`. */
  readonly tickIntervalMs: number;
  /** Unexplained wall-clock time between ticks that counts as a sleep; default 2 minutes. */
  readonly sleepThresholdMs?: number;
}

/** What the shell should do after an event: show "away", or ask the lead about a finished span. */
export type IdleSignal =
  | { readonly kind: 'away'; readonly since: number; readonly reason: IdleReason }
  | { readonly kind: 'back'; readonly span: IdleSpan };

const DEFAULT_SLEEP_THRESHOLD_MS = 2 * 60_000;

/**
 * Idle and sleep detection as a state machine. It reads no clock: the shell passes wall-clock
 * times (`Date.now()`) and, on ticks, a monotonic time (`performance.now()`) as well.
 *
 * - Idle: the window is unfocused and nothing happened for `idleMinutes`; the span starts when
 *   that quiet period began (the later of the last activity and the blur).
 * - Sleep: between two ticks the wall clock moved much further than the monotonic clock (which
 *   stops while the machine sleeps on Linux and macOS), or the tick came far too late (timers
 *   do not fire during sleep on any platform). The span starts at the last moment the lead was
 *   known to be there.
 * - The lead is back on the first activity or focus gain; that event returns the span.
 *   A wall clock that goes backwards never yields a span that ends before it starts.
 */
export class IdleDetector {
  private focused: boolean;
  /** Start of the current quiet period: latest of activity, blur, wake-up (wall ms). */
  private quietSince: number;
  private lastTick: { wall: number; monotonic: number };
  private awaySince: { since: number; reason: IdleReason } | null = null;
  private readonly idleMs: number;
  private readonly sleepThresholdMs: number;

  constructor(
    private readonly config: IdleConfig,
    start: { readonly wall: number; readonly monotonic: number; readonly focused: boolean },
  ) {
    this.focused = start.focused;
    this.quietSince = start.wall;
    this.lastTick = { wall: start.wall, monotonic: start.monotonic };
    this.idleMs = Math.max(0, config.idleMinutes) * 60_000;
    this.sleepThresholdMs = config.sleepThresholdMs ?? DEFAULT_SLEEP_THRESHOLD_MS;
  }

  /** `null` while the lead is present. */
  get away(): { readonly since: number; readonly reason: IdleReason } | null {
    return this.awaySince;
  }

  /** The lead typed, moved the selection, switched editors… */
  activity(at: number): IdleSignal | null {
    if (this.awaySince) return this.comeBack(at);
    this.quietSince = Math.max(this.quietSince, at);
    return null;
  }

  focus(at: number, focused: boolean): IdleSignal | null {
    this.focused = focused;
    if (focused && this.awaySince) return this.comeBack(at);
    // A blur starts the unfocused quiet period; a focus gain shows the lead is here.
    this.quietSince = Math.max(this.quietSince, at);
    return null;
  }

  tick(wallNow: number, monotonicNow: number): IdleSignal | null {
    const previous = this.lastTick;
    this.lastTick = { wall: wallNow, monotonic: monotonicNow };
    // A wall clock set backwards would leave the quiet period starting in the future.
    this.quietSince = Math.min(this.quietSince, wallNow);
    if (this.awaySince) return null;

    const wallDelta = wallNow - previous.wall;
    const monotonicDelta = Math.max(0, monotonicNow - previous.monotonic);
    const slept =
      wallDelta - monotonicDelta > this.sleepThresholdMs || wallDelta > this.config.tickIntervalMs + this.sleepThresholdMs;
    // The lead was last known present at the previous tick, or at a later activity or blur.
    if (slept) return this.goAway(Math.min(wallNow, Math.max(previous.wall, this.quietSince)), 'sleep');
    if (!this.focused && wallNow - this.quietSince >= this.idleMs) return this.goAway(this.quietSince, 'idle');
    return null;
  }

  private goAway(since: number, reason: IdleReason): IdleSignal {
    this.awaySince = { since, reason };
    return { kind: 'away', since, reason };
  }

  private comeBack(at: number): IdleSignal {
    const { since, reason } = this.awaySince!;
    this.awaySince = null;
    const end = Math.max(since, at);
    this.quietSince = end;
    return { kind: 'back', span: { start: since, end, reason } };
  }
}

/**
 * A span away cut by the meetings in it: `open`, the parts no meeting covers (the only ones the
 * lead is asked about), and `inMeetings`, the parts a meeting covers (counted as the meeting,
 * without asking). Both sorted; together they make the span. `meetings` may overlap.
 */
export function splitByMeetings(span: IdleSpan, meetings: readonly { readonly start: number; readonly end: number }[]): { open: IdleSpan[]; inMeetings: IdleSpan[] } {
  const open: IdleSpan[] = [];
  const inMeetings: IdleSpan[] = [];
  let cursor = span.start;
  for (const m of [...meetings].sort((a, b) => a.start - b.start)) {
    const start = Math.max(m.start, cursor);
    const end = Math.min(m.end, span.end);
    if (end <= start) continue;
    if (start > cursor) open.push({ ...span, start: cursor, end: start });
    const last = inMeetings[inMeetings.length - 1];
    // Meetings that overlap or follow one another make one part.
    if (last && last.end === start) inMeetings[inMeetings.length - 1] = { ...last, end };
    else inMeetings.push({ ...span, start, end });
    cursor = end;
  }
  if (cursor < span.end) open.push({ ...span, start: cursor, end: span.end });
  return { open, inMeetings };
}

/** What the lead chose for an idle span: count it as it was, count it in the other mode, or drop it. */
export type IdleDecision = 'keep' | 'other-mode' | 'drop';

/**
 * What the span itself should hold after the lead's decision, for a store that rewrites one
 * range (and moves a running entry past it on its own): nothing for "drop"; for "other-mode",
 * each entry's overlap with the span in the other mode, closed, under a new id (the original
 * id stays with the part outside the span). Only closed entries, all inside the span.
 */
export function idleSpanReplacement(
  entries: readonly TimeEntry[],
  span: IdleSpan,
  decision: Exclude<IdleDecision, 'keep'>,
  makeId: () => string = () => randomId(),
): TimeEntry[] {
  if (decision === 'drop' || span.end <= span.start) return [];
  return entries.flatMap((entry) => {
    const start = Math.max(entry.start, span.start);
    const end = Math.min(entry.end ?? Number.POSITIVE_INFINITY, span.end);
    if (start >= end) return [];
    const piece: TimeEntry = { id: makeId(), mode: otherMode(entry.mode), start, end, closedBy: 'idle' };
    return [entry.note === undefined ? piece : { ...piece, note: entry.note }];
  });
}

export function otherMode(mode: Mode): Mode {
  return mode === 'technical' ? 'managerial' : 'technical';
}
