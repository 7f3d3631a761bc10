/**
 * Nudges: a comment the lead posts to move a stalled item along (their own PR waiting on a
 * reviewer, an overdue delegated item, a review handed to someone who has not started). The
 * rules — the draft text, the quiet hours between two nudges, "nudged 2h ago", which of
 * yesterday's nudges got no answer — are pure and unit tested. Never imports `vscode`.
 */
import { startOfDay, subDays } from 'date-fns';
import { businessMsBetween, slaState, type BusinessHours } from './businessHours';
import { REPO_NAME } from './repoName';
import { formatDuration } from './timeline';
import { isWorkingDay } from './workingDays';
import { LOGIN } from './login';
import { ownPullWaitingSince } from './inboxEntries';

export const NUDGE_KINDS = ['own-pr', 'delegated', 'handed-review'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/**
 * What a tree item (or a palette pick) offers to nudge: any argument with a `nudgeTarget` of this
 * shape works with the Nudge… command.
 */
export interface NudgeTarget {
  /** `owner/name`. */
  readonly repo: string;
  readonly number: number;
  /** The item on GitHub (http(s)); '' when unknown. */
  readonly url: string;
  /** Plain text, untrusted: never put in the draft, only shown through safe channels. */
  readonly title: string;
  /** The GitHub logins to mention. */
  readonly who: readonly string[];
  /** How long it has waited, in business milliseconds. */
  readonly waitedMs: number;
  readonly kind: NudgeKind;
}

/** One nudge, as stored: to whom, on what, when. */
export interface NudgeRecord {
  readonly at: number;
  readonly who: string;
  readonly repo: string;
  readonly number: number;
  /** The posted comment. */
  readonly url: string;
  readonly kind?: NudgeKind;
}

/** {@link Settings.nudgeQuietHours}: its default and bounds (business hours). */
export const QUIET_HOURS_DEFAULT = 24;
export const QUIET_HOURS_MIN = 0;
export const QUIET_HOURS_MAX = 720;

const HOUR = 3_600_000;

export const isLogin = (s: string): boolean => LOGIN.test(s);

/** The key of an item (GitHub compares repo names case-insensitively). */
export const itemKey = (repo: string, number: number): string => `${repo.toLowerCase()}#${number}`;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The logins of `who` that are logins (anything else would mention no one, or inject text), once each. */
export function mentionable(who: readonly string[]): string[] {
  const seen = new Set<string>();
  return who.filter((w) => isLogin(w) && !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
}

/**
 * The comment the lead edits before it is posted: the people mentioned, the wait in business
 * hours and the link. Only logins and an http(s) link go in, so titles and names from GitHub
 * cannot add text (or mentions) of their own.
 */
export function draftNudge(target: NudgeTarget): string {
  const mentions = mentionable(target.who).map((w) => `@${w}`).join(' ');
  const wait = formatDuration(target.waitedMs);
  const link = /^https?:\/\/[^\s]+$/.test(target.url) ? target.url : `#${target.number}`;
  switch (target.kind) {
    case 'own-pr':
      return `${mentions} could you take a look at this pull request? It has waited ${wait} (business hours) for your review: ${link}`;
    case 'delegated':
      return target.waitedMs > 0
        ? `${mentions} how is this going? Anything blocking you? It is overdue by ${wait} (business hours): ${link}`
        : `${mentions} how is this going? Anything blocking you? ${link}`;
    case 'handed-review':
      return `${mentions} I handed this review to you ${wait} (business hours) ago and it has not started yet. Can you pick it up? ${link}`;
  }
}

/** The latest nudge on this item (to `who`, when given). */
export function lastNudge(records: readonly NudgeRecord[], repo: string, number: number, who?: string): NudgeRecord | undefined {
  const key = itemKey(repo, number);
  let latest: NudgeRecord | undefined;
  for (const r of records) {
    if (itemKey(r.repo, r.number) !== key || (who !== undefined && !same(r.who, who))) continue;
    if (!latest || r.at > latest.at) latest = r;
  }
  return latest;
}

/** The latest nudge on each item (to anyone), keyed by `itemKey`: what `lastNudge` finds, for every item at once. */
export function latestNudgeByItem(records: readonly NudgeRecord[]): Map<string, NudgeRecord> {
  const latest = new Map<string, NudgeRecord>();
  for (const r of records) {
    const key = itemKey(r.repo, r.number);
    const seen = latest.get(key);
    if (!seen || r.at > seen.at) latest.set(key, r);
  }
  return latest;
}

/**
 * True while a nudge at `lastAt` is still within `quietHours` business hours of `now`: a second
 * nudge then asks first. Nights and weekends do not count, so a nudge on Friday evening is still
 * quiet on Monday morning. 0 quiet hours never asks.
 */
export function withinQuietHours(lastAt: number, now: number, quietHours: number, hours: BusinessHours): boolean {
  if (!(quietHours > 0) || !Number.isFinite(lastAt)) return false;
  if (now < lastAt) return true; // a clock that went back: the nudge is as recent as can be
  return businessMsBetween(lastAt, now, hours) < quietHours * HOUR;
}

/** The people of `target` already nudged on it within the quiet hours, with their last nudge. */
export function recentlyNudged(records: readonly NudgeRecord[], target: Pick<NudgeTarget, 'repo' | 'number' | 'who'>, now: number, quietHours: number, hours: BusinessHours): NudgeRecord[] {
  return mentionable(target.who).flatMap((who) => {
    const last = lastNudge(records, target.repo, target.number, who);
    return last && withinQuietHours(last.at, now, quietHours, hours) ? [last] : [];
  });
}

/** `nudged just now`, `nudged 12m ago`, `nudged 2h ago`, `nudged 3d ago` (wall-clock time). */
export function nudgedText(at: number, now: number): string {
  const ms = Math.max(0, now - at);
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'nudged just now';
  if (minutes < 60) return `nudged ${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `nudged ${hours}h ago`;
  return `nudged ${Math.floor(hours / 24)}d ago`;
}

/**
 * The Morning Review's "yesterday": from the start of the last working day before today to the
 * start of today (so on a Monday, Friday's nudges and the weekend's).
 */
export function yesterdayRange(now: number, workingDays: readonly number[]): { from: number; to: number } {
  const today = startOfDay(now);
  let from = subDays(today, 1);
  for (let i = 1; i <= 7; i++) {
    const day = subDays(today, i);
    if (isWorkingDay(day, workingDays)) { from = day; break; }
  }
  return { from: from.getTime(), to: today.getTime() };
}

/** Something a person did on an item: a comment, a review, a push. */
export interface ItemActivity {
  readonly who: string;
  readonly at: number;
}

/** The nudged person commented, reviewed or pushed on the item after the nudge. */
export function isAnswered(nudge: NudgeRecord, activity: readonly ItemActivity[]): boolean {
  return activity.some((a) => same(a.who, nudge.who) && a.at > nudge.at);
}

/**
 * Yesterday's nudges, newest first, one per person and item (the latest): what the review asks
 * GitHub about.
 */
export function yesterdaysNudges(records: readonly NudgeRecord[], now: number, workingDays: readonly number[]): NudgeRecord[] {
  const { from, to } = yesterdayRange(now, workingDays);
  const latest = new Map<string, NudgeRecord>();
  for (const r of records) {
    if (r.at < from || r.at >= to) continue;
    const key = `${itemKey(r.repo, r.number)}:${r.who.toLowerCase()}`;
    const seen = latest.get(key);
    if (!seen || r.at > seen.at) latest.set(key, r);
  }
  return [...latest.values()].sort((a, b) => b.at - a.at);
}

/**
 * Business time an item has been overdue: from the start of the day after its due date (a
 * `yyyy-MM-dd` local date) to `now`; 0 when it is not overdue or has no due date.
 */
export function overdueBusinessMs(due: string | null | undefined, now: number, hours: BusinessHours,
  since: (from: number) => number = (from) => businessMsBetween(from, now, hours)): number {
  if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return 0;
  const [y, m, d] = due.split('-').map(Number) as [number, number, number];
  const dayAfter = new Date(y, m - 1, d + 1).getTime();
  return Number.isFinite(dayAfter) ? since(dayAfter) : 0;
}

/** A delegated item (a task linked to GitHub, or an issue assigned to a teammate) as a nudge target. */
export function delegatedNudgeTarget(
  item: { repo: string; number: number; url: string; title: string; who: readonly string[]; due: string | null | undefined },
  now: number, hours: BusinessHours, since?: (from: number) => number,
): NudgeTarget {
  return { repo: item.repo, number: item.number, url: item.url, title: item.title, who: [...item.who], waitedMs: overdueBusinessMs(item.due, now, hours, since), kind: 'delegated' };
}

/**
 * One of the lead's own PRs as a nudge target, waiting on its reviewers since `ownPullWaitingSince`,
 * or null when it waits on no one.
 */
export function ownPrNudgeTarget(
  pr: { repo: string; number: number; url: string; title: string; createdAt: number; waitingSince?: number; waitingOn: readonly string[]; draft?: boolean },
  now: number, hours: BusinessHours, since: (from: number) => number = (from) => businessMsBetween(from, now, hours),
): NudgeTarget | null {
  const who = mentionable(pr.waitingOn);
  if (who.length === 0 || pr.draft) return null;
  return { repo: pr.repo, number: pr.number, url: pr.url, title: pr.title, who, waitedMs: since(ownPullWaitingSince(pr)), kind: 'own-pr' };
}

/** True when a target has waited past an SLA of `slaHours` business hours. */
export const pastSla = (target: NudgeTarget, slaHours: number): boolean => slaState(target.waitedMs, slaHours) === 'breached';

/** A value read from an untrusted argument as a `NudgeTarget`, or null when it is not one. */
export function asNudgeTarget(v: unknown): NudgeTarget | null {
  if (typeof v !== 'object' || v === null) return null;
  const t = v as Record<keyof NudgeTarget, unknown>;
  if (typeof t.repo !== 'string' || !REPO_NAME.test(t.repo)) return null;
  if (!Number.isSafeInteger(t.number) || (t.number as number) <= 0) return null;
  if (!Array.isArray(t.who) || !NUDGE_KINDS.includes(t.kind as NudgeKind)) return null;
  return {
    repo: t.repo, number: t.number as number, url: typeof t.url === 'string' ? t.url : '', title: typeof t.title === 'string' ? t.title : '',
    who: t.who.filter((w): w is string => typeof w === 'string'), waitedMs: Number.isFinite(t.waitedMs) ? Math.max(0, t.waitedMs as number) : 0, kind: t.kind as NudgeKind,
  };
}
