/**
 * The review turnaround as the features read it (the Team group, the 1:1 panel, "Request review
 * from…"): computed from the histories kept in the store, which are read from GitHub only when
 * `turnaroundDue` says so — at most once a day per GitHub origin, account and set of watched
 * repositories, whichever window asks first. Plain TypeScript (no `vscode`), unit tested.
 */
import type { BusinessHours } from '../core/businessHours';
import { reviewTurnaround, turnaroundDue, turnaroundWindows, type PullRequestHistory, type ReviewTurnaround } from '../core/reviewTurnaround';
import { turnaroundKey, type TurnaroundScope, type TurnaroundStore } from '../store/turnaroundStore';

/** Reads the histories of `repos` since `since` from GitHub (`loadTurnaroundHistories` of the GitHub layer). */
export type ReadTurnaroundHistories = (repos: readonly string[], since: number, now: number) => Promise<{ histories: PullRequestHistory[]; complete: boolean }>;

export interface TurnaroundView {
  readonly turnaround: ReviewTurnaround;
  /** When the histories were read from GitHub. */
  readonly fetchedAt: number;
  /** False when GitHub gave less than all: the figures are of what came. */
  readonly complete: boolean;
  /** The last read failed: these are the histories of `fetchedAt` (none if never read). */
  readonly stale: boolean;
}

export class ReviewTurnaroundSource {
  /** One read per scope at a time in this window. */
  private readonly reading = new Map<string, Promise<void>>();

  constructor(
    private readonly store: TurnaroundStore,
    private readonly read: ReadTurnaroundHistories,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Each of `members`' turnaround over the watched `scope.repos`, reading GitHub first only when
   * due (see the file's comment). A failed read is kept (no new try for an hour) and the last
   * histories are used; null when there are none.
   */
  async turnaround(scope: TurnaroundScope, members: readonly string[], hours: BusinessHours): Promise<TurnaroundView | null> {
    await this.store.refresh(); // another window may have read GitHub today
    if (turnaroundDue(this.store.get(scope), this.clock())) await this.readOnce(scope);
    const entry = this.store.get(scope);
    if (!entry || entry.fetchedAt === 0) return null;
    return {
      turnaround: reviewTurnaround(entry.histories, members, this.clock(), hours),
      fetchedAt: entry.fetchedAt, complete: entry.complete, stale: entry.failedAt !== undefined && entry.failedAt >= entry.fetchedAt,
    };
  }

  private readOnce(scope: TurnaroundScope): Promise<void> {
    const key = turnaroundKey(scope);
    let running = this.reading.get(key);
    if (!running) {
      running = (async () => {
        const now = this.clock();
        try {
          const read = await this.read(scope.repos, turnaroundWindows(now).previousFrom, now);
          await this.store.save(scope, read, now);
        } catch (e) {
          console.warn(`[lead-desk] review turnaround: could not read GitHub: ${e instanceof Error ? e.message : String(e)}`);
          await this.store.failed(scope, now).catch(() => {});
        }
      })().finally(() => this.reading.delete(key));
      this.reading.set(key, running);
    }
    return running;
  }
}
