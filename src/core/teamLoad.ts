/**
 * Team review load: per member of {@link Settings.teamMembers}, the open review requests waiting on
 * them, the oldest wait in business hours and how many breach the SLA; members sorted lightest
 * first. Pure (no `vscode`, no GitHub).
 */
import { botKey, isBotOrAgent } from './aiReviews';
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
  /**
   * How many review requests GitHub counts (its `issueCount`): more than `reviews` holds when the
   * list was cut. Absent in snapshots saved before it was read: then the list is all there is.
   */
  readonly total?: number;
}

export interface MemberLoad {
  readonly login: string;
  readonly exists: boolean;
  /** Null when not known (GitHub failed for this member). GitHub's count: never a cut list's length. */
  readonly count: number | null;
  /** False when `reviews` holds fewer than `count`: `breaching` and `oldestWaitMs` then only say "at least". */
  readonly complete: boolean;
  /** Business ms of the longest current wait; 0 when nothing waits. */
  readonly oldestWaitMs: number;
  /** Non-draft reviews past the SLA. */
  readonly breaching: number;
  /** Longest-waiting first (the oldest GitHub listed, when not `complete`). */
  readonly reviews: readonly MemberReview[];
}

export interface TeamLoadConfig {
  readonly slaHours: number;
  readonly businessHours?: BusinessHours;
  /** Business ms from an instant to `now`, when a refresh has one (`businessMsUntil`). */
  readonly since?: (from: number) => number;
  /** The `teamAgents` setting: coding agents listed among the members are not teammates. */
  readonly agents?: readonly string[];
}

/**
 * The members who are people: a bot (REST's `[bot]` login) or an agent named in `agents` is never
 * a teammate with a review load, even when the lead listed it among the members.
 */
export const teammates = <M extends { readonly login: string }>(members: readonly M[], agents: readonly string[] = []): M[] =>
  members.filter((m) => !isBotOrAgent(m.login, agents));

/** One member's load at `now`: drafts count as waiting but never breach (their author has not asked yet). */
export function memberLoad(member: MemberReviews, now: number, config: TeamLoadConfig): MemberLoad {
  const hours = config.businessHours ?? DEFAULT_BUSINESS_HOURS;
  const reviews = [...(member.reviews ?? [])].sort((a, b) => a.requestedAt - b.requestedAt || a.repo.localeCompare(b.repo) || a.number - b.number);
  const waits = reviews.map((r) => (config.since ? config.since(r.requestedAt) : waitingBusinessMs(r, now, hours)));
  const breaching = reviews.filter((r, i) => !r.draft && slaState(waits[i]!, config.slaHours) === 'breached').length;
  const count = member.reviews === null ? null : Math.max(reviews.length, member.total ?? 0);
  return {
    login: member.login, exists: member.exists, count, complete: count === null || count === reviews.length,
    oldestWaitMs: waits.reduce((m, w) => Math.max(m, w), 0), breaching, reviews,
  };
}

/**
 * Lightest first: fewest waiting reviews, then fewest breaches, then the shorter oldest wait,
 * then by login (case-insensitive). Members with an unknown count, then unknown users, go last.
 * Breaches and waits read from a cut list are only lower bounds: they never rank.
 */
export function compareLoad(a: MemberLoad, b: MemberLoad): number {
  const rank = (m: MemberLoad) => (!m.exists ? 2 : m.count === null ? 1 : 0);
  const detailed = a.complete && b.complete;
  return rank(a) - rank(b)
    || (a.count ?? 0) - (b.count ?? 0)
    || (detailed ? a.breaching - b.breaching : 0)
    || (detailed ? a.oldestWaitMs - b.oldestWaitMs : 0)
    || compareLogins(a.login, b.login);
}

function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Every teammate's load, lightest first (see `compareLoad`); bots and agents left out (`teammates`). */
export function teamLoad(members: readonly MemberReviews[], now: number, config: TeamLoadConfig): MemberLoad[] {
  return teammates(members, config.agents).map((m) => memberLoad(m, now, config)).sort(compareLoad);
}

/**
 * The counts of a member in words: `3 waiting · 1 past SLA`, `65 waiting (50 listed) · 3+ past
 * SLA` when the list was cut, `not a GitHub user`, `not loaded`.
 */
export function loadCountsText(m: MemberLoad): string {
  if (!m.exists) return 'not a GitHub user';
  if (m.count === null) return 'not loaded';
  const waiting = m.complete ? `${m.count} waiting` : `${m.count} waiting (${m.reviews.length} listed)`;
  return [waiting, m.breaching > 0 ? `${m.breaching}${m.complete ? '' : '+'} past SLA` : ''].filter(Boolean).join(' · ');
}

/**
 * Apps (`name[bot]`) listed among the team members and not named as agents: never teammates, left
 * out of the load; the lead is told they belong in the agents setting if they are coding agents.
 */
export const botMembers = (members: readonly string[], agents: readonly string[] = []): string[] =>
  members.filter((m) => /\[bot\]$/i.test(m) && !agents.some((a) => botKey(a) === botKey(m)));

/** The members work may be handed to (people, and the agents of `agents`): without the apps of `botMembers`. */
export const assignableMembers = (members: readonly string[], agents: readonly string[] = []): string[] => {
  const bots = new Set(botMembers(members, agents));
  return members.filter((m) => !bots.has(m));
};

/**
 * Members GitHub knows no user for, in the setting's order: the misspellings to warn about. A bot
 * (`name[bot]`) or a named agent is none: GitHub has no user by that login, yet it is no typo, and
 * never a teammate (it is left out of the load silently).
 */
export function unknownMembers(members: readonly MemberReviews[], agents: readonly string[] = []): string[] {
  return teammates(members, agents).filter((m) => !m.exists).map((m) => m.login);
}

/** Removes one PR from a member's list (after a hand-over), or adds one: the tree's view without a refresh. */
export function withReview(members: readonly MemberReviews[], login: string, review: MemberReview): MemberReviews[] {
  return members.map((m) => {
    if (m.login.toLowerCase() !== login.toLowerCase() || m.reviews === null) return m;
    const others = m.reviews.filter((r) => !(r.repo === review.repo && r.number === review.number));
    const added = others.length === m.reviews.length;
    return { ...m, reviews: [...others, review], ...(m.total === undefined ? {} : { total: m.total + (added ? 1 : 0) }) };
  });
}

/** The shape check of a stored team load (a damaged snapshot is dropped). */
export function isTeamLoadList(v: unknown): v is MemberReviews[] {
  return Array.isArray(v) && v.every((m) => typeof m === 'object' && m !== null
    && typeof (m as MemberReviews).login === 'string' && typeof (m as MemberReviews).exists === 'boolean'
    && ((m as MemberReviews).total === undefined || (Number.isSafeInteger((m as MemberReviews).total) && (m as MemberReviews).total! >= 0))
    && ((m as MemberReviews).reviews === null || (Array.isArray((m as MemberReviews).reviews)
      && (m as MemberReviews).reviews!.every((r) => typeof r === 'object' && r !== null && typeof r.repo === 'string' && Number.isInteger(r.number) && Number.isFinite(r.requestedAt)))));
}
