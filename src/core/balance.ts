import type { ModeTotals } from './timeline';

export type BalanceState = 'on-target' | 'too-technical' | 'too-managerial' | 'no-data';

/** How far the technical share may stray from the target, in percentage points, and still count as on target. */
export const ON_TARGET_TOLERANCE_POINTS = 5;

export interface Balance {
  readonly technicalMs: number;
  readonly managerialMs: number;
  readonly totalMs: number;
  /** Technical share of the total in percent (0–100); `null` when nothing was tracked. */
  readonly technicalPercent: number | null;
  /** The target the share is measured against, clamped to 0–100. */
  readonly targetPercent: number;
  /** Technical share minus target, in percentage points; positive means too technical. */
  readonly deltaPoints: number;
  /** Technical minutes minus the minutes the target asks for, rounded; positive means too technical. */
  readonly deltaMinutes: number;
  readonly state: BalanceState;
}

/** Less tracked time than this gets no verdict (a share of a few seconds is noise). */
export const MIN_JUDGED_MS = 60_000;

/** Compares tracked time with the lead's technical target percentage. */
export function balanceAgainstTarget(totals: ModeTotals, targetPercent: number): Balance {
  const technicalMs = Math.max(0, totals.technical);
  const managerialMs = Math.max(0, totals.managerial);
  const totalMs = technicalMs + managerialMs;
  const target = clampPercent(targetPercent);
  // Seconds of tracking say nothing about a day's balance: no verdict below a minute.
  if (totalMs < MIN_JUDGED_MS) {
    return { technicalMs, managerialMs, totalMs, technicalPercent: null, targetPercent: target, deltaPoints: 0, deltaMinutes: 0, state: 'no-data' };
  }
  // Multiply before dividing so a share exactly at the tolerance edge is not lost to rounding.
  const technicalPercent = (technicalMs * 100) / totalMs;
  const deltaPoints = (technicalMs * 100 - target * totalMs) / totalMs;
  const deltaMinutes = Math.round((technicalMs - (totalMs * target) / 100) / 60_000);
  const state: BalanceState =
    Math.abs(deltaPoints) <= ON_TARGET_TOLERANCE_POINTS ? 'on-target' : deltaPoints > 0 ? 'too-technical' : 'too-managerial';
  return { technicalMs, managerialMs, totalMs, technicalPercent, targetPercent: target, deltaPoints, deltaMinutes, state };
}

function clampPercent(value: number): number {
  if (Number.isNaN(value)) throw new RangeError('The technical target must be a number from 0 to 100');
  return Math.min(100, Math.max(0, value));
}
