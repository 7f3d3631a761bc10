/**
 * The review turnaround for the views: the Team group, the 1:1 panel and "Request review from…".
 * Nothing is read while activating or on a sidebar refresh: a view that shows the turnaround asks
 * for it (`ensure`) — the Team group expanded, the picker, the 1:1 panel — and the histories come
 * from the store, read from GitHub at most once a day (ReviewTurnaroundSource). The figures of
 * the day stay in memory, so asking again the same day reads neither the disk nor GitHub.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { peopleOnly } from '../core/aiReviews';
import type { PersonTurnaround } from '../core/reviewTurnaround';
import type { GitHubConnection } from '../github/api';
import type { WatchedRepositories } from '../inbox/watchedRepositories';
import type { Stores } from '../store';
import { Disposable } from '../util/disposable';
import { ReviewTurnaroundSource, type TurnaroundView } from './reviewTurnaroundSource';

export interface TurnaroundDeps {
  readonly config: Config;
  readonly stores: Promise<Stores>;
  readonly github: GitHubConnection;
  readonly repositories: Pick<WatchedRepositories, 'resolve'>;
  readonly clock?: () => number;
}

/** What the views read: the figures last computed, and when they change. */
export interface TeamTurnaround {
  /** The figures of `login` (case-insensitive), if read. */
  of(login: string): PersonTurnaround | undefined;
  /** Reads the figures if this day's are not in memory yet (never throws; GitHub at most once a day). */
  ensure(): Promise<void>;
  readonly onDidChange: vscode.Event<void>;
}

export class TurnaroundService extends Disposable implements TeamTurnaround {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private view: TurnaroundView | null = null;
  /** What `view` was computed for (account, repositories, members, local day). */
  private viewKey: string | undefined;
  private loading: Promise<void> | undefined;
  private source: ReviewTurnaroundSource | undefined;
  private readonly clock: () => number;

  constructor(private readonly deps: TurnaroundDeps) {
    super();
    this.clock = deps.clock ?? Date.now;
    // Other members or hours: computed again from what the store holds (GitHub only if due).
    this.register(deps.config.onDidChange(() => { if (this.view) void this.ensure(); }));
    // Signed out, another account or another GitHub: the figures shown were the last session's.
    this.register(deps.github.onDidChange(() => {
      if (this.view === null) return;
      this.view = null;
      this.viewKey = undefined;
      this.changed.fire();
    }));
  }

  /** The whole view last computed (null before), for the 1:1 panel and tests. */
  get current(): TurnaroundView | null {
    return this.view;
  }

  of(login: string): PersonTurnaround | undefined {
    const key = login.toLowerCase();
    return this.view?.turnaround.members.find((m) => m.login.toLowerCase() === key);
  }

  ensure(): Promise<void> {
    this.loading ??= this.load().catch((e: unknown) => {
      console.warn(`[lead-desk] review turnaround not read: ${e instanceof Error ? e.message : String(e)}`);
    }).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async load(): Promise<void> {
    const { config, github } = this.deps;
    const repos = await this.deps.repositories.resolve();
    const members = peopleOnly(config.settings.teamMembers, config.settings.teamAgents);
    if (repos.length === 0 || members.length === 0) return;
    const account = await github.run((s) => s.me());
    if (!account) return;
    const now = this.clock();
    const day = new Date(now).toDateString();
    const hours = config.settings.businessHours;
    const key = JSON.stringify([github.apiOrigin, account, [...repos].sort(), members, hours, day]);
    if (key === this.viewKey || this.isDisposed) return;
    const stores = await this.deps.stores;
    this.source ??= new ReviewTurnaroundSource(stores.turnaround, async (r, since, at) => {
      const read = await github.run((s) => s.reviewTurnaround(r, since, at));
      if (!read) throw new Error('not signed in to GitHub');
      return read;
    }, this.clock);
    const view = await this.source.turnaround({ origin: github.apiOrigin, account, repos }, members, hours);
    if (this.isDisposed) return;
    this.view = view;
    this.viewKey = view && !view.stale ? key : undefined;
    this.changed.fire();
  }
}
