/**
 * The review turnaround in words, where the views show it (the Team group, the picker, the 1:1
 * panel). Times are business hours, rounded: "6h", "45m".
 */
import * as vscode from 'vscode';
import type { PersonTurnaround, TurnaroundStats } from '../core/reviewTurnaround';

/** "6h" (rounded to the hour from an hour on), "45m" below. */
export function shortBusinessTime(ms: number): string {
  return ms < 3_600_000 ? vscode.l10n.t('{0}m', Math.max(1, Math.round(ms / 60_000))) : vscode.l10n.t('{0}h', Math.round(ms / 3_600_000));
}

/** The minutes `shortBusinessTime` shows: whole hours from an hour on. */
function shownMinutes(ms: number | null): number | null {
  return ms === null ? null : ms < 3_600_000 ? Math.max(1, Math.round(ms / 60_000)) : Math.round(ms / 3_600_000) * 60;
}

/** "picks up in 6h median (3h before)"; "" when no review of theirs in the last 4 weeks. */
export function pickupLine(t: PersonTurnaround | undefined): string {
  if (t?.current.medianMs == null) return '';
  const now = shortBusinessTime(t.current.medianMs);
  return t.previous.medianMs == null ? vscode.l10n.t('picks up in {0} median', now)
    : vscode.l10n.t('picks up in {0} median ({1} before)', now, shortBusinessTime(t.previous.medianMs));
}

/** "median pickup 6h", for the picker's items; "" when not known. */
export function pickerPickup(t: PersonTurnaround | undefined): string {
  return t?.current.medianMs == null ? '' : vscode.l10n.t('median pickup {0}', shortBusinessTime(t.current.medianMs));
}

/** The 1:1's line: "mira picks reviews up in 6h median this month, 3h before"; "" when not known. */
export function oneOnOneLine(t: PersonTurnaround | undefined): string {
  if (t?.current.medianMs == null) return '';
  const now = shortBusinessTime(t.current.medianMs);
  return t.previous.medianMs == null ? vscode.l10n.t('{0} picks reviews up in {1} median this month', t.login, now)
    : vscode.l10n.t('{0} picks reviews up in {1} median this month, {2} before', t.login, now, shortBusinessTime(t.previous.medianMs));
}

function statsText(s: TurnaroundStats): string {
  const answered = s.reviewed === 1 ? vscode.l10n.t('1 review') : vscode.l10n.t('{0} reviews', s.reviewed);
  return s.medianMs === null || s.p90Ms === null ? vscode.l10n.t('no review')
    : vscode.l10n.t('median {0}, 90th percentile {1}, {2}', shortBusinessTime(s.medianMs), shortBusinessTime(s.p90Ms), answered);
}

/** The tooltip's lines: both windows, what still waits, and the trend. */
export function turnaroundDetails(t: PersonTurnaround): string[] {
  const lines = [
    vscode.l10n.t('Review pickup (business hours from a request to their first review), last 4 weeks: {0}', statsText(t.current)),
    vscode.l10n.t('The 4 weeks before: {0}', statsText(t.previous)),
  ];
  if (t.current.stillWaiting > 0 && t.current.longestWaitingMs !== null) {
    lines.push(vscode.l10n.t('Still waiting: {0} (the longest for {1})', t.current.stillWaiting, shortBusinessTime(t.current.longestWaitingMs)));
  }
  // As shown (rounded): "6h, 6h before" is not called faster.
  const [now, before] = [shownMinutes(t.current.medianMs), shownMinutes(t.previous.medianMs)];
  if (now !== null && before !== null) {
    lines.push(now > before ? vscode.l10n.t('Trend: slower than before') : now < before ? vscode.l10n.t('Trend: faster than before') : vscode.l10n.t('Trend: as before'));
  }
  return lines;
}
