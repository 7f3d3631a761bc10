/**
 * Team review load: per member of {@link Settings.teamMembers}, the open review requests waiting on
 * them, the oldest wait in business hours and how many breach the SLA; members sorted lightest
 * first. Pure (no `vscode`, no GitHub).
 */
import { DEFAULT_BUSINESS_HOURS, slaState, type BusinessHours } from './businessHours';
import { waitingBusinessMs, type PendingReview } from './reviews';

/** One PR waiting on a member: a `PendingReview` whose `requestedAt` is when that member's wait began. */
export type MemberReview = PendingReview;

/** What GitHub said about one member. */
export interface MemberReviews {
  readonly login: string;
  /** False when GitHub knows no user by that login (misspelled, or not a user). */
  readonly exists: boolean;
  /** Null when GitHub gave nothing for this member's search. */
  readonly reviews: readonly MemberReview[] | null;
}

export interface MemberLoad {
  readonly login: string;
  readonly exists: boolean;
  /** Null when not known (GitHub failed for this member). */
  readonly count: number | null;
  /** Business ms of the longest current wait; 0 when nothing waits. */
  readonly oldestWaitMs: number;
  /** Non-draft reviews past the SLA. */
  readonly breaching: number;
  /** Longest-waiting first. */
  readonly reviews: readonly MemberReview[];
}

export interface TeamLoadConfig {
  readonly slaHours: number;
  readonly businessHours?: BusinessHours;
}

/** One member's load at `now`: drafts count as waiting but never breach (their author has not asked yet). */
export function memberLoad(member: MemberReviews, now: number, config: TeamLoadConfig): MemberLoad {
  const hours = config.businessHours ?? DEFAULT_BUSINESS_HOURS;
  const reviews = [...(member.reviews ?? [])].sort((a, b) => a.requestedAt - b.requestedAt || a.repo.localeCompare(b.repo) || a.number - b.number);
  const waits = reviews.map((r) => waitingBusinessMs(r, now, hours));
  const breaching = reviews.filter((r, i) => !r.draft && slaState(waits[i]!, config.slaHours) === 'breached').length;
  return {
    login: member.login, exists: member.exists, count: member.reviews === null ? null : reviews.length,
    oldestWaitMs: waits.reduce((m, w) => Math.max(m, w), 0), breaching, reviews,
  };
}

/**
 * Lightest first: fewest waiting reviews, then fewest breaches, then the shorter oldest wait,
 * then by login (case-insensitive). Members with an unknown count, then unknown users, go last.
 */
export function compareLoad(a: MemberLoad, b: MemberLoad): number {
  const rank = (m: MemberLoad) => (!m.exists ? 2 : m.count === null ? 1 : 0);
  return rank(a) - rank(b)
    || (a.count ?? 0) - (b.count ?? 0)
    || a.breaching - b.breaching
    || a.oldestWaitMs - b.oldestWaitMs
    || compareLogins(a.login, b.login);
}

function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Every member's load, lightest first (see `compareLoad`). */
export function teamLoad(members: readonly MemberReviews[], now: number, config: TeamLoadConfig): MemberLoad[] {
  return members.map((m) => memberLoad(m, now, config)).sort(compareLoad);
}

/** The counts of a member in words: `3 waiting · 1 past SLA`, `not a GitHub user`, `not loaded`. */
export function loadCountsText(m: MemberLoad): string {
  if (!m.exists) return 'not a GitHub user';
  if (m.count === null) return 'not loaded';
  return [`${m.count} waiting`, m.breaching > 0 ? `${m.breaching} past SLA` : ''].filter(Boolean).join(' · ');
}

/** Members GitHub knows no user for, in the setting's order. */
export function unknownMembers(members: readonly MemberReviews[]): string[] {
  return members.filter((m) => !m.exists).map((m) => m.login);
}

/** Removes one PR from a member's list (after a hand-over), or adds one: the tree's view without a refresh. */
export function withReview(members: readonly MemberReviews[], login: string, review: MemberReview): MemberReviews[] {
  return members.map((m) => (m.login.toLowerCase() !== login.toLowerCase() || m.reviews === null ? m
    : { ...m, reviews: [...m.reviews.filter((r) => !(r.repo === review.repo && r.number === review.number)), review] }));
}

/** The shape check of a stored team load (a damaged snapshot is dropped). */
export function isTeamLoadList(v: unknown): v is MemberReviews[] {
  return Array.isArray(v) && v.every((m) => typeof m === 'object' && m !== null
    && typeof (m as MemberReviews).login === 'string' && typeof (m as MemberReviews).exists === 'boolean'
    && ((m as MemberReviews).reviews === null || (Array.isArray((m as MemberReviews).reviews)
      && (m as MemberReviews).reviews!.every((r) => typeof r === 'object' && r !== null && typeof r.repo === 'string' && Number.isInteger(r.number) && Number.isFinite(r.requestedAt)))));
}
