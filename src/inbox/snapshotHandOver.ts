/**
 * The hand-over between windows: after a complete refresh the GitHub half of the inbox is saved
 * to `sidebar-snapshot.json` (the store checks its schema version); a window starting up paints
 * it before asking GitHub, and a window whose refresh comes round while another window's save is
 * younger than the interval shows that instead of asking again. Only the session that fetched it
 * ever sees it.
 */
import type { PendingReview } from '../core/reviews';
import { isTeamLoadList, type MemberReviews } from '../core/teamLoad';
import type { DelegatedIssue, GitHubConnection, OwnPullRequest, RateLimitReading, SidebarData } from '../github/api';
import type { SnapshotStore, StoredSnapshot } from '../store/snapshotStore';
import { describeError } from '../util/errors';
import type { InboxSnapshot } from './inboxSnapshot';

/** What the snapshot file keeps: the GitHub half of the state. A new field the tree needs raises SIDEBAR_SNAPSHOT_SCHEMA (store/snapshotStore.ts). */
export interface SidebarSnapshotData {
  readonly reviews: readonly PendingReview[];
  readonly reviewsTotal: number;
  readonly delegatedIssues: readonly DelegatedIssue[];
  readonly ownPullRequests: readonly OwnPullRequest[];
  readonly rateLimit: RateLimitReading | null;
  /** Absent in snapshots written before the team load existed. */
  readonly teamLoad?: readonly MemberReviews[] | null;
}

export type SavedInbox = StoredSnapshot<SidebarSnapshotData>;

const isItemList = (v: unknown): boolean => Array.isArray(v)
  && v.every((i) => typeof i === 'object' && i !== null && typeof (i as { repo?: unknown }).repo === 'string' && Number.isInteger((i as { number?: unknown }).number));

/** The shape check a stored snapshot must pass to be painted (a damaged one is dropped). */
export function isSidebarSnapshotData(d: unknown): d is SidebarSnapshotData {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  return isItemList(x.reviews) && isItemList(x.delegatedIssues) && isItemList(x.ownPullRequests) && Number.isFinite(x.reviewsTotal)
    && (x.teamLoad === undefined || x.teamLoad === null || isTeamLoadList(x.teamLoad))
    && (x.rateLimit === null || (typeof x.rateLimit === 'object' && Number.isFinite((x.rateLimit as RateLimitReading).remaining)));
}

/** The inbox's GitHub half as saved, each review marked with its snooze by `withSnooze`. */
export function inboxFromSaved(d: SidebarSnapshotData, withSnooze: (r: PendingReview) => PendingReview): Pick<InboxSnapshot, 'reviews' | 'reviewsTotal' | 'delegatedIssues' | 'ownPullRequests' | 'rateLimit' | 'teamLoad'> {
  return { reviews: d.reviews.map(withSnooze), reviewsTotal: d.reviewsTotal, delegatedIssues: d.delegatedIssues, ownPullRequests: d.ownPullRequests, rateLimit: d.rateLimit, teamLoad: d.teamLoad ?? null };
}

export class SnapshotHandOver {
  /** `store` undefined: this window neither paints nor saves a snapshot. */
  constructor(private readonly store: SnapshotStore<SidebarSnapshotData> | undefined, private readonly github: Pick<GitHubConnection, 'apiOrigin'>) {}

  get enabled(): boolean {
    return this.store !== undefined;
  }

  read(): Promise<SavedInbox | undefined> {
    return this.store?.read() ?? Promise.resolve(undefined);
  }

  /** Fetched on this API origin with the session `key`: the only snapshot this window may show. */
  isFor(saved: SavedInbox, key: string | undefined): boolean {
    return key !== undefined && key !== '' && saved.origin === this.github.apiOrigin && saved.session === key;
  }

  /** Another window's snapshot for session `key`, younger than `maxAgeMs`; undefined when there is none (or it cannot be read). */
  async fresh(key: string, maxAgeMs: number): Promise<SavedInbox | undefined> {
    const saved = await this.read().catch(() => undefined);
    if (!saved || !this.isFor(saved, key)) return undefined;
    return Date.now() - saved.savedAt >= maxAgeMs ? undefined : saved;
  }

  /** Saves a complete answer for the next window; a failure is logged, the inbox goes on. */
  async save(d: SidebarData, teamLoad: InboxSnapshot['teamLoad'], savedAt: number, key: string): Promise<void> {
    const data: SidebarSnapshotData = {
      reviews: d.reviews, reviewsTotal: d.reviewsTotal, delegatedIssues: d.delegatedIssues, ownPullRequests: d.ownPullRequests, rateLimit: d.rateLimit,
      teamLoad,
    };
    await this.store?.write({ savedAt, origin: this.github.apiOrigin, account: d.account, session: key, data })
      .catch((e: unknown) => console.warn(`[lead-desk] sidebar snapshot not saved: ${describeError(e)}`));
  }

  /** Signed out, another account or another GitHub: that data is never shown, and not kept. */
  async clear(): Promise<void> {
    await this.store?.clear();
  }
}
