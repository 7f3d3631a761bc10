/**
 * The data behind the tree and the queue panel: local tasks plus what GitHub says, refreshed on
 * a schedule only while a window is focused (and on focus when stale), keeping the last good
 * GitHub data with an "as of HH:MM" notice when a refresh fails.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { PendingReview } from '../core/reviews';
import { StateKeys, Views } from '../ids';
import type { GitHubConnection } from '../github/api';
import { GitHubFailure } from '../github/api';
import type { DelegatedIssue, OwnPullRequest, SidebarData } from '../github/api';
import type { RateLimitReading } from '../github/api';
import { isTeamLoadList, withReview, type MemberReview, type MemberReviews } from '../core/teamLoad';
import { fetchTeamLoad, type TeamLoadWarnings } from './teamLoadSource';
import { moveLegacyHandOffs } from './legacyHandOffs';
import { heldUntil, refreshIntervalMinutes } from '../core/refreshBudget';
import type { HandOffScope, HandOffStore } from '../store/handOffStore';
import type { SnapshotStore } from '../store/snapshotStore';
import { Disposable } from '../util/disposable';
import { describeError } from '../util/errors';
import type { DelegatedTask, TaskRepository } from './taskRepository';
import type { WatchedRepositories } from './watchedRepositories';
import { readState, writeState } from '../util/state';

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
  /** Review load per member of {@link Settings.teamMembers} (src/core/teamLoad.ts); null until first loaded. */
  readonly teamLoad?: readonly MemberReviews[] | null;
  /** When the GitHub data shown was fetched (epoch ms), by this window or, from the snapshot, another; null = never heard. */
  readonly asOf: number | null;
  /** The data shown is the saved snapshot, not yet confirmed by a refresh of this window. */
  readonly fromSnapshot: boolean;
  /** What the last answer lacked, in words ("delegated issues"); empty when complete. */
  readonly missing: readonly string[];
  /** GitHub's GraphQL budget after the last refresh. */
  readonly rateLimit: RateLimitReading | null;
  /** Below 10 % of the budget: automatic refreshes wait until then (epoch ms). */
  readonly heldUntil: number | null;
  readonly failure: GitHubFailure | null;
  readonly refreshing: boolean;
}

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

const EMPTY: WorkSnapshot = {
  signedIn: false, signInKnown: false, noRepositories: false, tasks: [], reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], teamLoad: null,
  asOf: null, fromSnapshot: false, missing: [], rateLimit: null, heldUntil: null, failure: null, refreshing: false,
};

const NO_GITHUB_DATA = {
  reviews: [], reviewsTotal: 0, delegatedIssues: [], ownPullRequests: [], teamLoad: null, asOf: null, fromSnapshot: false, missing: [], rateLimit: null, heldUntil: null, failure: null,
} as const;

/** Why a refresh runs: the user asked (Refresh, sign-in, settings) or a schedule/focus did. */
export type RefreshReason = 'user' | 'auto';

export class WorkModel extends Disposable {
  private state: WorkSnapshot = EMPTY;
  private readonly changed = this.register(new vscode.EventEmitter<WorkSnapshot>());
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  /** A refresh asked for while one runs: it starts when that one ends, so it sees fresh data. */
  private queued: Promise<void> | undefined;
  private queuedReason: RefreshReason = 'auto';
  private snoozes: Record<string, number>;
  /** Reviews handed on with "Hand This Review to…" (`hand-offs.json`), once the stores are open. */
  private handOffStore: HandOffStore | undefined;
  private readonly handOffsOpening: Promise<HandOffStore> | undefined;
  /** The GitHub origin and account the data shown belongs to: whose hand-offs the tree shows. */
  private account: HandOffScope | undefined;
  /** Bumped when the session may have changed: answers fetched for an older one are dropped. */
  private generation = 0;
  /** The session key the GitHub data shown belongs to (see `GitHubConnection.sessionKey`). */
  private dataSession: string | undefined;
  /** Milliseconds from `start()` to the first paint with GitHub data (snapshot or answer), for benchmarks. */
  firstPaintMs: number | undefined;

  constructor(
    private readonly config: Config,
    private readonly github: GitHubConnection,
    private readonly tasks: TaskRepository,
    private readonly repositories: WatchedRepositories,
    private readonly memento: vscode.Memento,
    private readonly snapshots?: SnapshotStore<SidebarSnapshotData>,
    private readonly teamWarnings?: TeamLoadWarnings,
    handOffs?: Promise<HandOffStore>,
  ) {
    super();
    this.snoozes = readState(memento, StateKeys.snoozes) ?? {};
    this.handOffsOpening = handOffs;
    void handOffs?.then((store) => {
      this.handOffStore = store;
      void this.adoptLegacyHandOffs();
      if (this.account) this.set({});
    }, (e: unknown) => console.warn(`[lead-desk] hand-offs not read: ${describeError(e)}`));
    this.register(github.onDidChange(() => {
      this.generation++;
      void this.refresh('user');
    }));
    this.register(repositories.onDidChange(() => void this.refresh('user')));
    let members = JSON.stringify(config.settings.teamMembers);
    this.register(config.onDidChange((c) => {
      this.schedule();
      const next = JSON.stringify(c.teamMembers);
      if (next === members) return;
      members = next;
      if (this.state.signedIn) void this.refreshTeamLoad();
    }));
    this.register(vscode.window.onDidChangeWindowState((w) => {
      if (w.focused && this.isStale()) void this.refresh('auto');
      this.schedule();
    }));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  get snapshot(): WorkSnapshot {
    return this.state;
  }

  /** Paints from the saved snapshot, then starts the first refresh, after activation has returned. */
  start(): void {
    setTimeout(() => void this.startUp(), 0);
  }

  /**
   * The start-up path again, from an empty state, as a new window runs it (tests and benchmarks:
   * a window reload would end the test run itself).
   */
  async restart(): Promise<void> {
    await this.inFlight;
    this.generation++;
    this.dataSession = undefined;
    this.firstPaintMs = undefined;
    this.set({ ...EMPTY, tasks: this.state.tasks });
    await this.startUp();
  }

  private async startUp(): Promise<void> {
    const started = performance.now();
    const generation = this.generation;
    const painted = await this.paintFromSnapshot(generation).catch((e: unknown) => {
      console.warn(`[lead-desk] sidebar snapshot not painted: ${describeError(e)}`);
      return false;
    });
    if (painted) this.firstPaintMs = performance.now() - started;
    // Another window refreshed within the interval: this window shows that and waits its turn.
    if (painted && !this.isStale()) {
      this.schedule();
      return;
    }
    await this.refresh('auto');
  }

  /** Shows the stored snapshot if it belongs to this session on this API origin. No request. */
  private async paintFromSnapshot(generation: number): Promise<boolean> {
    if (!this.snapshots || this.github.unavailableReason) return false;
    const [stored, key] = await Promise.all([this.snapshots.read(), this.github.sessionKey()]);
    if (!stored || generation !== this.generation || this.state.asOf !== null) return false;
    if (!key || stored.origin !== this.github.apiOrigin || stored.session !== key) {
      // Signed out, another account or another GitHub: that data is never shown, and not kept.
      await this.snapshots.clear();
      return false;
    }
    this.dataSession = key;
    this.setAccount(stored.account);
    this.set({ signedIn: true, signInKnown: true, ...this.dataFrom(stored.data), asOf: stored.savedAt, fromSnapshot: true });
    return true;
  }

  private dataFrom(d: SidebarSnapshotData): Pick<WorkSnapshot, 'reviews' | 'reviewsTotal' | 'delegatedIssues' | 'ownPullRequests' | 'rateLimit' | 'teamLoad'> {
    return { reviews: d.reviews.map((r) => this.withSnooze(r)), reviewsTotal: d.reviewsTotal, delegatedIssues: d.delegatedIssues, ownPullRequests: d.ownPullRequests, rateLimit: d.rateLimit, teamLoad: d.teamLoad ?? null };
  }

  private intervalMinutes(): number {
    return refreshIntervalMinutes(this.config.settings.refreshMinutes, this.github.budget.pollIntervalSeconds, this.state.rateLimit, Date.now());
  }

  private isStale(): boolean {
    return this.state.asOf === null || Date.now() - this.state.asOf > this.config.settings.refreshMinutes * 60_000;
  }

  /** Next scheduled refresh, only while this window is focused: unfocused windows cost nothing. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.isDisposed || !vscode.window.state.focused) return;
    this.timer = setTimeout(() => void this.refresh('auto'), this.intervalMinutes() * 60_000);
  }

  async reloadTasks(): Promise<void> {
    this.set({ tasks: await this.tasks.list() });
  }

  /**
   * Refreshes everything. A call while a refresh runs does not start a second one at once: it
   * shares one follow-up refresh that starts after the running one, so no answer is stale.
   * An automatic refresh is skipped when another window's snapshot is fresh, and held while the
   * budget is low; one the user asked for always runs.
   */
  refresh(reason: RefreshReason = 'user'): Promise<void> {
    if (this.inFlight) {
      if (reason === 'user') this.queuedReason = 'user';
      this.queued ??= this.inFlight.then(() => {
        this.queued = undefined;
        const queuedReason = this.queuedReason;
        this.queuedReason = 'auto';
        return this.refresh(queuedReason);
      });
      return this.queued;
    }
    // The view shows VS Code's own progress bar for as long as the refresh (and its retries) run.
    const run = vscode.window.withProgress({ location: { viewId: Views.work } }, () => this.doRefresh(reason));
    this.inFlight = Promise.resolve(run).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  private async doRefresh(reason: RefreshReason): Promise<void> {
    const generation = this.generation;
    const tasks = await this.tasks.list().catch(() => this.state.tasks);
    const service = await this.github.service();
    if (!service) {
      // Signed out: GitHub data of the last session is not shown as if it were current, nor kept.
      if (!this.github.unavailableReason) await this.snapshots?.clear();
      this.dataSession = undefined;
      this.account = undefined;
      this.set({ signedIn: false, signInKnown: true, noRepositories: false, refreshing: false, tasks, ...NO_GITHUB_DATA });
      return;
    }
    const key = await this.github.sessionKey();
    // Another account or another GitHub: nothing of the previous one stays on screen, not even
    // for the moment the refresh takes (checked before the first change this refresh makes).
    const sameSession = key !== undefined && key === this.dataSession;
    if (!sameSession) {
      this.dataSession = undefined;
      this.account = undefined;
    }
    this.set({ refreshing: true, tasks, ...(sameSession ? {} : NO_GITHUB_DATA) });
    // Hand-offs another window recorded show with this refresh (a stat; a read only if it changed).
    await this.handOffStore?.refresh().catch(() => false);
    const repos = await this.repositories.resolve();
    this.set({ signedIn: true, signInKnown: true, noRepositories: repos.length === 0 });
    if (reason === 'auto' && key && await this.adoptFreshSnapshot(key)) {
      this.set({ refreshing: false });
      return;
    }
    const hold = reason === 'auto' ? heldUntil(this.state.rateLimit, this.state.asOf, Date.now()) : null;
    if (hold !== null) {
      this.set({ refreshing: false, heldUntil: hold });
      return;
    }
    // A failing GitHub is reported at its first failed attempt, not after Octokit's retries:
    // the notice shows with the last data while the retries go on.
    const stopWatching = service.onAttemptFailed((failure) => {
      if (this.state.refreshing && this.state.failure === null && generation === this.generation) this.set({ failure });
    });
    try {
      const result = await this.github.run((s) => s.sidebar(repos, (partial) => {
        // A long list shows its first pages while the rest come.
        if (generation === this.generation) this.apply(partial, key, false);
      }));
      if (generation !== this.generation) return; // the session changed meanwhile: its answer is not this one's
      if (!result) {
        this.set({ signedIn: false, refreshing: false });
        return;
      }
      this.apply(result, key, true);
      // After the sidebar, never before it: one more request, and the sidebar does not wait for it.
      await this.refreshTeamLoad(generation, repos);
      if (result.missing.length === 0 && key) await this.saveSnapshot(result, key);
    } catch (e) {
      if (generation !== this.generation) return;
      const failure = e instanceof GitHubFailure ? e : new GitHubFailure('server', describeError(e));
      console.warn(`[lead-desk] refresh failed: ${failure.kind}: ${failure.message}`);
      this.set({ signedIn: failure.kind !== 'unauthorized', failure, refreshing: false });
    } finally {
      stopWatching();
    }
  }

  private apply(d: SidebarData, key: string | undefined, done: boolean): void {
    const keep = new Set(d.failedLists);
    this.dataSession = key;
    this.setAccount(d.account);
    this.set({
      signedIn: true,
      // A list GitHub gave nothing for keeps what was shown before; the notice names it.
      reviews: keep.has('reviews') ? this.state.reviews : d.reviews.map((r) => this.withSnooze(r)),
      reviewsTotal: keep.has('reviews') ? this.state.reviewsTotal : d.reviewsTotal,
      delegatedIssues: keep.has('delegated') ? this.state.delegatedIssues : d.delegatedIssues,
      ownPullRequests: keep.has('mine') ? this.state.ownPullRequests : d.ownPullRequests,
      rateLimit: d.rateLimit ?? this.state.rateLimit, missing: d.missing, asOf: Date.now(), fromSnapshot: false, heldUntil: null,
      ...(done ? { failure: null, refreshing: false } : {}),
    });
  }

  /** Another window's snapshot, younger than the interval, for this session: shown instead of asking GitHub again. */
  private async adoptFreshSnapshot(key: string): Promise<boolean> {
    const stored = await this.snapshots?.read().catch(() => undefined);
    if (!stored || stored.origin !== this.github.apiOrigin || stored.session !== key) return false;
    if (Date.now() - stored.savedAt >= this.config.settings.refreshMinutes * 60_000) return false;
    if (this.state.asOf === null || stored.savedAt > this.state.asOf) {
      this.dataSession = key;
      this.setAccount(stored.account);
      this.set({ ...this.dataFrom(stored.data), asOf: stored.savedAt, fromSnapshot: true, missing: [], failure: null });
    }
    return true;
  }

  private async saveSnapshot(d: SidebarData, key: string): Promise<void> {
    const data: SidebarSnapshotData = {
      reviews: d.reviews, reviewsTotal: d.reviewsTotal, delegatedIssues: d.delegatedIssues, ownPullRequests: d.ownPullRequests, rateLimit: d.rateLimit,
      teamLoad: this.state.teamLoad,
    };
    await this.snapshots?.write({ savedAt: this.state.asOf ?? Date.now(), origin: this.github.apiOrigin, account: d.account, session: key, data })
      .catch((e: unknown) => console.warn(`[lead-desk] sidebar snapshot not saved: ${describeError(e)}`));
  }

  private withSnooze(r: PendingReview): PendingReview {
    const until = this.snoozes[`${r.repo}#${r.number}`];
    return until && until > Date.now() ? { ...r, snoozedUntil: until } : r;
  }

  async snooze(repo: string, number: number, until: number): Promise<void> {
    const now = Date.now();
    this.snoozes = Object.fromEntries(Object.entries({ ...this.snoozes, [`${repo}#${number}`]: until }).filter(([, t]) => t > now));
    await writeState(this.memento, StateKeys.snoozes, this.snoozes);
    this.set({ reviews: this.state.reviews.map((r) => (r.repo === repo && r.number === number ? { ...r, snoozedUntil: until } : r)) });
  }

  /** The account the shown data belongs to (the sidebar's viewer, or the snapshot's). */
  private setAccount(login: string | undefined): void {
    if (!login) return;
    const scope = { origin: this.github.apiOrigin, account: login };
    if (this.account?.origin === scope.origin && this.account.account.toLowerCase() === login.toLowerCase()) return;
    this.account = scope;
    void this.adoptLegacyHandOffs();
  }

  /** Hand-offs kept in globalState before `hand-offs.json` existed go into the file, once (see `moveLegacyHandOffs`). */
  private async adoptLegacyHandOffs(): Promise<void> {
    const store = this.handOffStore;
    const scope = this.account;
    if (!store || !scope) return;
    try {
      if (await moveLegacyHandOffs(this.memento, store, scope)) this.set({});
    } catch (e) {
      console.warn(`[lead-desk] hand-offs kept in globalState not moved to the store yet: ${describeError(e)}`);
    }
  }

  /** Remembers that the lead handed this review to `login` (kept 30 days), for Nudge… on it. */
  async recordHandOff(repo: string, number: number, login: string): Promise<void> {
    const store = this.handOffStore ?? await this.handOffsOpening;
    if (!store) throw new Error('hand-offs are not kept in this window');
    const scope = this.account ?? await this.github.run((s) => s.me()).then((me) => (me ? { origin: this.github.apiOrigin, account: me } : undefined));
    if (!scope) throw new Error('not signed in to GitHub');
    await store.record(scope, repo, number, login);
  }

  /** When the lead (this account, on this GitHub) handed this review to `login`, within 30 days. */
  handedAt(repo: string, number: number, login: string): number | undefined {
    return this.account ? this.handOffStore?.handedAt(this.account, repo, number, login) : undefined;
  }

  /** One of the lead's PRs is merged or closed: it leaves the tree and the queue now, not at the next refresh. */
  forgetOwnPullRequest(repo: string, number: number): void {
    const same = (p: OwnPullRequest) => p.repo.toLowerCase() === repo.toLowerCase() && p.number === number;
    if (this.state.ownPullRequests.some(same)) this.set({ ownPullRequests: this.state.ownPullRequests.filter((p) => !same(p)) });
  }

  /** The team's review load again (one request); a failure keeps what was shown, with a log line. */
  async refreshTeamLoad(generation = this.generation, repos?: readonly string[]): Promise<void> {
    const load = await fetchTeamLoad(this.github, this.config.settings.teamMembers, repos ?? await this.repositories.resolve(), this.teamWarnings);
    if (load !== undefined && generation === this.generation) this.set({ teamLoad: load });
  }

  /**
   * A review request changed on GitHub (src/work/reviewAssignment.ts): the tree shows GitHub's
   * answer without a refresh. `waitingOn` is whom the PR now waits on (users); `leadRemoved` drops
   * it from the lead's pending reviews; `requested` adds it to that teammate's load.
   */
  applyReviewChange(change: { repo: string; number: number; waitingOn?: readonly string[]; leadRemoved: boolean; requested?: { login: string; review: MemberReview } }): void {
    const same = (x: { repo: string; number: number }) => x.repo === change.repo && x.number === change.number;
    this.set({
      reviews: change.leadRemoved ? this.state.reviews.filter((r) => !same(r)) : this.state.reviews,
      ownPullRequests: change.waitingOn === undefined ? this.state.ownPullRequests : this.state.ownPullRequests.map((p) => (same(p)
        ? { ...p, waitingOn: [...change.waitingOn!, ...p.waitingOn.filter((w) => w.startsWith('@'))] } : p)),
      teamLoad: change.requested && this.state.teamLoad ? withReview(this.state.teamLoad, change.requested.login, change.requested.review) : this.state.teamLoad,
    });
  }

  private set(patch: Partial<WorkSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.changed.fire(this.state);
  }
}
