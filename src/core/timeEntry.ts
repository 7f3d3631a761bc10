/** What prompted an automatic change (src/core/autoMode.ts); recorded on the entry it started. */
export type AutoSignal = 'edits' | 'morning-review' | 'review-queue' | 'checkout' | 'one-on-one' | 'meeting' | 'meeting-end';

/** The two kinds of work a lead's time is tagged with. */
export type Mode = 'technical' | 'managerial';

export const MODES: readonly Mode[] = ['technical', 'managerial'];

/**
 * One stretch of time in one mode. Times are epoch milliseconds (UTC instants); the local
 * calendar (days, weeks, DST) is applied only when totals are computed.
 */
export interface TimeEntry {
  readonly id: string;
  readonly mode: Mode;
  readonly start: number;
  /** `null` while the entry is running. */
  readonly end: number | null;
  /** Last moment the lead was seen active while this entry ran; a crashed entry is closed here. */
  readonly heartbeat?: number;
  readonly note?: string;
  /** How the entry ended when not by the lead's own hand ('crash' = closed at its last heartbeat). */
  readonly closedBy?: 'user' | 'crash' | 'idle';
  /**
   * Set when the timer started this entry by itself ({@link Settings.autoMode} (switch)): what
   * prompted it. Absent for entries the lead started, and in files written before it existed.
   */
  readonly auto?: AutoSignal;
}

export function isMode(value: unknown): value is Mode {
  return value === 'technical' || value === 'managerial';
}
