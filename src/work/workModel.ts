/**
 * The data behind the tree and the queue panel: local tasks plus what GitHub says, refreshed on
 * a schedule only while a window is focused (and on focus when stale), keeping the last good
 * GitHub data with an "as of HH:MM" notice when a refresh fails.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { PendingReview } from '../core/reviews';
import { Views } from '../ids';
import type { GitHubConnection } from '../github/connection';
import { GitHubFailure } from '../github/failure';
import type { DelegatedIssue, OwnPullRequest } from '../github/service';
import { Disposable } from '../util/disposable';
import { describeError } from '../util/errors';
import type { DelegatedTask, TaskRepository } from './delegatedTask';
import type { WatchedRepositories } from './watchedRepositories';

export interface WorkSnapshot {
  readonly signedIn: boolean;
  /** False until the first refresh has asked for a session: "signed out" is not said before it is known. */
  readonly signInKnown: boolean;
  /** Signed in, but no repository is configured or found in the workspace. */
  readonly noRepositories: boolean;
  readonly tasks: readonly DelegatedTask[];
  readonly reviews: readonly PendingReview[];
  readonly reviewsTotal: number;
  readonly delegatedIssues: readonly DelegatedIssue[];
  readonly ownPullRequests: readonly OwnPullRequest[];
  /** When GitHub data was last fetched successfully (epoch ms). */
  readonly asOf: number | null;
  readonly failure: GitHubFailure | null;
  readonly refreshing: boolean;
}

const EMPTY: WorkSnapshot = {
  signedIn: false, signInKnown: false, noRepositories: false, tasks: [], reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], asOf: null, failure: null, refreshing: false,
};

const NO_GITHUB_DATA = { reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], asOf: null, failure: null } as const;

export class WorkModel extends Disposable {
  private state: WorkSnapshot = EMPTY;
  private readonly changed = this.register(new vscode.EventEmitter<WorkSnapshot>());
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  /** A refresh asked for while one runs: it starts when that one ends, so it sees fresh data. */
  private queued: Promise<void> | undefined;
  private snoozes: Record<string, number>;

  constructor(
    private readonly config: Config,
    private readonly github: GitHubConnection,
    private readonly tasks: TaskRepository,
    private readonly repositories: WatchedRepositories,
    private readonly memento: vscode.Memento,
  ) {
    super();
    this.snoozes = memento.get<Record<string, number>>('leadDesk.snoozes', {});
    this.register(github.onDidChange(() => void this.refresh()));
    this.register(repositories.onDidChange(() => void this.refresh()));
    this.register(config.onDidChange(() => this.schedule()));
    this.register(vscode.window.onDidChangeWindowState((w) => {
      if (w.focused && this.isStale()) void this.refresh();
      this.schedule();
    }));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  get snapshot(): WorkSnapshot {
    return this.state;
  }

  /** Starts the first refresh after activation has returned. */
  start(): void {
    setTimeout(() => void this.refresh(), 0);
  }

  private isStale(): boolean {
    return this.state.asOf === null || Date.now() - this.state.asOf > this.config.settings.refreshMinutes * 60_000;
  }

  /** Next scheduled refresh, only while this window is focused: unfocused windows cost nothing. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.isDisposed || !vscode.window.state.focused) return;
    const minutes = Math.max(this.config.settings.refreshMinutes, this.github.budget.pollIntervalSeconds / 60);
    this.timer = setTimeout(() => void this.refresh(), minutes * 60_000);
  }

  async reloadTasks(): Promise<void> {
    this.set({ tasks: await this.tasks.list() });
  }

  /**
   * Refreshes everything. A call while a refresh runs does not start a second one at once: it
   * shares one follow-up refresh that starts after the running one, so no answer is stale.
   */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.queued ??= this.inFlight.then(() => {
        this.queued = undefined;
        return this.refresh();
      });
      return this.queued;
    }
    // The view shows VS Code's own progress bar for as long as the refresh (and its retries) run.
    const run = vscode.window.withProgress({ location: { viewId: Views.work } }, () => this.doRefresh());
    this.inFlight = Promise.resolve(run).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  private async doRefresh(): Promise<void> {
    this.set({ refreshing: true, tasks: await this.tasks.list().catch(() => this.state.tasks) });
    const service = await this.github.service();
    if (!service) {
      // Signed out: GitHub data of the last session is not shown as if it were current.
      this.set({ signedIn: false, signInKnown: true, noRepositories: false, refreshing: false, ...NO_GITHUB_DATA });
      return;
    }
    const repos = await this.repositories.resolve();
    this.set({ signedIn: true, signInKnown: true, noRepositories: repos.length === 0 });
    // A failing GitHub is reported at its first failed attempt, not after Octokit's retries and
    // the search pacing (18 s): the notice shows with the cached data while the retries go on.
    const stopWatching = service.onAttemptFailed((failure) => {
      if (this.state.refreshing && this.state.failure === null) this.set({ failure });
    });
    try {
      const [pending, delegatedIssues, ownPullRequests] = await Promise.all([
        this.github.run((s) => s.pendingReviews()),
        this.github.run((s) => s.delegatedIssues(repos)),
        this.github.run((s) => s.myOpenPullRequests()),
      ]);
      if (!pending || !delegatedIssues || !ownPullRequests) {
        this.set({ signedIn: false, refreshing: false });
        return;
      }
      this.set({
        signedIn: true, reviews: pending.reviews.map((r) => this.withSnooze(r)), reviewsTotal: pending.total,
        delegatedIssues, ownPullRequests, asOf: Date.now(), failure: null, refreshing: false,
      });
    } catch (e) {
      const failure = e instanceof GitHubFailure ? e : new GitHubFailure('server', describeError(e));
      console.warn(`[lead-desk] refresh failed: ${failure.kind}: ${failure.message}`);
      this.set({ signedIn: failure.kind !== 'unauthorized', failure, refreshing: false });
    } finally {
      stopWatching();
    }
  }

  private withSnooze(r: PendingReview): PendingReview {
    const until = this.snoozes[`${r.repo}#${r.number}`];
    return until && until > Date.now() ? { ...r, snoozedUntil: until } : r;
  }

  async snooze(repo: string, number: number, until: number): Promise<void> {
    const now = Date.now();
    this.snoozes = Object.fromEntries(Object.entries({ ...this.snoozes, [`${repo}#${number}`]: until }).filter(([, t]) => t > now));
    await this.memento.update('leadDesk.snoozes', this.snoozes);
    this.set({ reviews: this.state.reviews.map((r) => (r.repo === repo && r.number === number ? { ...r, snoozedUntil: until } : r)) });
  }

  private set(patch: Partial<WorkSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.changed.fire(this.state);
  }
}
