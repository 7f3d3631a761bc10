/**
 * The inbox: local tasks plus what GitHub says, kept while the window lives and provided to the
 * features as `inbox` (the tree, the queue, the Morning Review, the alerts, the standup, the 1:1).
 * The last good GitHub data stays, with an "as of HH:MM" notice, when a refresh fails. Its parts:
 * refreshSchedule.ts (when), snapshotHandOver.ts (between windows), snoozes.ts, handOffs.ts, agentProgress.ts and
 * optimisticUpdates.ts (what a confirmed write shows before the next refresh).
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { peopleOnly } from '../core/aiReviews';
import { heldUntil, refreshIntervalMinutes } from '../core/refreshBudget';
import { GitHubFailure, type GitHubConnection, type SidebarData } from '../github/api';
import type { HandOffStore } from '../store/handOffStore';
import type { SnapshotStore } from '../store/snapshotStore';
import { Disposable } from '../util/disposable';
import { describeError } from '../util/errors';
import { AgentProgress } from './agentProgress';
import type { DelegateTaskFlow } from './delegateTask';
import { HandOffs } from './handOffs';
import { InboxDecisions } from './inboxDecisions';
import { EMPTY_INBOX, NO_GITHUB_DATA, type InboxSnapshot } from './inboxSnapshot';
import type { NudgeLog } from './nudgeLog';
import { withoutOwnPullRequest, withReviewChange, withSnooze, type ReviewChange } from './optimisticUpdates';
import { RefreshSchedule, type RefreshReason } from './refreshSchedule';
import { inboxFromSaved, SnapshotHandOver, type SavedInbox, type SidebarSnapshotData } from './snapshotHandOver';
import { Snoozes } from './snoozes';
import type { TaskRepository } from './taskRepository';
import { fetchTeamLoad, type TeamLoadWarnings } from './teamLoadSource';
import type { WatchedRepositories } from './watchedRepositories';

/** What the inbox is made of: created by inbox/index.ts (tests may leave the optional parts out). */
export interface InboxParts {
  readonly config: Config;
  readonly github: GitHubConnection;
  readonly memento: vscode.Memento;
  readonly tasks: TaskRepository;
  readonly repositories: WatchedRepositories;
  /** The nudges sent (Nudge…, Follow Up…), for "nudged 2h ago" and the Morning Review. */
  readonly nudges: NudgeLog;
  /** "Delegate Task…", for the features that hand work on (a red build). */
  readonly delegate: DelegateTaskFlow;
  readonly snapshots?: SnapshotStore<SidebarSnapshotData>;
  /** Says once per setting value which team members GitHub does not know. */
  readonly teamWarnings: TeamLoadWarnings;
  /** `hand-offs.json`, once the stores are open. */
  readonly handOffs?: Promise<HandOffStore>;
}

export class InboxService extends Disposable {
  private state: InboxSnapshot = EMPTY_INBOX;
  private readonly changed = this.register(new vscode.EventEmitter<InboxSnapshot>());
  readonly onDidChange = this.changed.event;
  readonly tasks: TaskRepository;
  readonly repositories: WatchedRepositories;
  readonly nudges: NudgeLog;
  readonly delegate: DelegateTaskFlow;
  /** One decision per item, once per snapshot: the tree, the queue and the palette read them. */
  readonly decisions: InboxDecisions;
  readonly teamWarnings: TeamLoadWarnings;
  private readonly config: Config;
  private readonly github: GitHubConnection;
  private readonly schedule: RefreshSchedule;
  private readonly handOver: SnapshotHandOver;
  private readonly snoozes: Snoozes;
  private readonly handOffs: HandOffs;
  /** Bumped when the session may have changed: answers fetched for an older one are dropped. */
  private generation = 0;
  /** Agents' PRs: when the ready ones were marked ready, the drafts' commits (read after the sidebar). */
  private readonly agentProgress: AgentProgress;
  /** The session key the GitHub data shown belongs to (see `GitHubConnection.sessionKey`). */
  private dataSession: string | undefined;
  /** Milliseconds from `start()` to the first paint with GitHub data (snapshot or answer), for benchmarks. */
  firstPaintMs: number | undefined;
  /** Settles once a start knows what to show first: see {@link startingUp}. */
  private startUpSettled: Promise<void> | undefined;
  private settleStartUp: (() => void) | undefined;

  constructor(parts: InboxParts) {
    super();
    const { config, github, repositories } = parts;
    this.config = config;
    this.github = github;
    this.tasks = parts.tasks;
    this.repositories = repositories;
    this.nudges = parts.nudges;
    this.delegate = parts.delegate;
    this.decisions = new InboxDecisions(this, config, parts.nudges);
    this.teamWarnings = parts.teamWarnings;
    this.handOver = new SnapshotHandOver(parts.snapshots, github);
    this.agentProgress = new AgentProgress(github);
    this.snoozes = new Snoozes(parts.memento);
    this.handOffs = new HandOffs(parts.handOffs, github, parts.memento, () => this.set({}));
    this.register(github.onDidChange(() => {
      this.generation++;
      this.agentProgress.forget();
      void this.refresh('user');
    }));
    this.register(repositories.onDidChange(() => void this.refresh('user')));
    this.register(config.onDidChange((c) => {
      this.schedule.schedule();
      // Another team (the people among the members: naming an agent in teamAgents takes it out of
      // the load too): its load again. Settings nothing had read yet: no load was read for them either.
      const before = config.previous;
      if (!before || JSON.stringify(peopleOnly(c.teamMembers, c.teamAgents)) === JSON.stringify(peopleOnly(before.teamMembers, before.teamAgents))) return;
      if (this.state.signedIn) void this.refreshTeamLoad();
    }));
    this.schedule = this.register(new RefreshSchedule({
      run: (reason) => this.doRefresh(reason),
      intervalMinutes: () => refreshIntervalMinutes(config.settings.refreshMinutes, github.budget.pollIntervalSeconds, this.state.rateLimit, Date.now()),
      isStale: () => this.isStale(),
    }));
  }

  get snapshot(): InboxSnapshot {
    return this.state;
  }

  /** Paints from the saved snapshot, then starts the first refresh, after activation has returned. */
  start(): void {
    this.beginStartUp();
    setTimeout(() => void this.startUp(), 0);
  }

  /**
   * While a window starts: settles when it knows what to show first — the saved inbox painted,
   * GitHub's answer, or nothing saved for this session. Undefined once settled (or before a start).
   * The tree's first drawing waits for it, so it shows the saved reviews rather than "Loading…"
   * and then the reviews at VS Code's next pass.
   */
  get startingUp(): Promise<void> | undefined {
    return this.startUpSettled;
  }

  private beginStartUp(): void {
    this.startUpSettled = new Promise<void>((resolve) => {
      this.settleStartUp = () => {
        this.startUpSettled = undefined;
        this.settleStartUp = undefined;
        resolve();
      };
    });
  }

  /**
   * The start-up path again, from an empty state, as a new window runs it (tests and benchmarks:
   * a window reload would end the test run itself).
   */
  async restart(): Promise<void> {
    await this.schedule.running;
    this.generation++;
    this.dataSession = undefined;
    this.firstPaintMs = undefined;
    this.beginStartUp();
    this.set({ ...EMPTY_INBOX, tasks: this.state.tasks });
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
    // Nothing saved for this session (or a session event came meanwhile, and the refresh paints).
    if (!painted && this.state.asOf === null && this.generation === generation) this.settleStartUp?.();
    // Another window refreshed within the interval: this window shows that and waits its turn.
    if (painted && !this.isStale()) {
      this.schedule.schedule();
      return;
    }
    await this.refresh('auto');
  }

  /** Shows the stored snapshot if it belongs to this session on this API origin. No request. */
  private async paintFromSnapshot(generation: number): Promise<boolean> {
    if (!this.handOver.enabled || this.github.unavailableReason) return false;
    const [saved, key] = await Promise.all([this.handOver.read(), this.github.sessionKey()]);
    if (!saved || generation !== this.generation || this.state.asOf !== null) return false;
    if (!this.handOver.isFor(saved, key)) {
      await this.handOver.clear();
      return false;
    }
    this.set({ signedIn: true, signInKnown: true, ...this.adoptSaved(saved, key) });
    return true;
  }

  /** The data shown becomes `saved`'s (its session, its account): the patch that shows it. */
  private adoptSaved(saved: SavedInbox, key: string | undefined): Partial<InboxSnapshot> {
    this.dataSession = key;
    this.handOffs.setAccount(saved.account);
    const data = inboxFromSaved(saved.data, (r) => this.snoozes.mark(r));
    return { ...data, delegatedIssues: this.agentProgress.applyTo(data.delegatedIssues), asOf: saved.savedAt, fromSnapshot: true };
  }

  /** What is not known yet of the agents' PRs shown (see `AgentProgress.read`), applied when read. */
  private async readAgentProgress(generation: number): Promise<void> {
    const { delegatedIssues, reviews } = this.state;
    if (await this.agentProgress.read(delegatedIssues, reviews, this.config.settings.teamAgents, () => generation === this.generation)) {
      this.set({ delegatedIssues: this.agentProgress.applyTo(this.state.delegatedIssues) });
    }
  }

  private isStale(): boolean {
    return this.state.asOf === null || Date.now() - this.state.asOf > this.config.settings.refreshMinutes * 60_000;
  }

  async reloadTasks(): Promise<void> {
    this.set({ tasks: await this.tasks.list() });
  }

  /**
   * Refreshes everything (see RefreshSchedule for a call while one runs). An automatic refresh is
   * skipped when another window's snapshot is fresh, and held while the budget is low; one the
   * user asked for always runs.
   */
  refresh(reason: RefreshReason = 'user'): Promise<void> {
    return this.schedule.refresh(reason);
  }

  private async doRefresh(reason: RefreshReason): Promise<void> {
    const generation = this.generation;
    const tasks = await this.tasks.list().catch(() => this.state.tasks);
    const service = await this.github.service();
    if (!service) {
      // Signed out: GitHub data of the last session is not shown as if it were current, nor kept.
      if (!this.github.unavailableReason) await this.handOver.clear();
      this.dataSession = undefined;
      this.handOffs.forgetAccount();
      this.set({ signedIn: false, signInKnown: true, noRepositories: false, refreshing: false, tasks, ...NO_GITHUB_DATA });
      return;
    }
    const key = await this.github.sessionKey();
    // Another account or another GitHub: nothing of the previous one stays on screen, not even
    // for the moment the refresh takes (checked before the first change this refresh makes).
    const sameSession = key !== undefined && key === this.dataSession;
    if (!sameSession) {
      this.dataSession = undefined;
      this.handOffs.forgetAccount();
    }
    this.set({ refreshing: true, tasks, ...(sameSession ? {} : NO_GITHUB_DATA) });
    // This session's saved data shows while GitHub is asked. A start-up paint cut short by a session
    // event that changed nothing (VS Code's GitHub sign-in starting, a token handed over again) lands here.
    if (!sameSession) await this.paintFromSnapshot(generation).catch(() => false);
    await this.handOffs.reload();
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
      await this.readAgentProgress(generation);
      if (result.missing.length === 0 && key) await this.handOver.save({ ...result, delegatedIssues: [...this.state.delegatedIssues] }, this.state.teamLoad, this.state.asOf ?? Date.now(), key);
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
    this.handOffs.setAccount(d.account);
    this.set({
      signedIn: true,
      // A list GitHub gave nothing for keeps what was shown before; the notice names it.
      reviews: keep.has('reviews') ? this.state.reviews : d.reviews.map((r) => this.snoozes.mark(r)),
      reviewsTotal: keep.has('reviews') ? this.state.reviewsTotal : d.reviewsTotal,
      delegatedIssues: keep.has('delegated') ? this.state.delegatedIssues : this.agentProgress.applyTo(d.delegatedIssues),
      ownPullRequests: keep.has('mine') ? this.state.ownPullRequests : d.ownPullRequests,
      rateLimit: d.rateLimit ?? this.state.rateLimit, missing: d.missing, asOf: Date.now(), fromSnapshot: false, heldUntil: null,
      ...(done ? { failure: null, refreshing: false } : {}),
    });
  }

  /** Another window's snapshot, younger than the interval, for this session: shown instead of asking GitHub again. */
  private async adoptFreshSnapshot(key: string): Promise<boolean> {
    const saved = await this.handOver.fresh(key, this.config.settings.refreshMinutes * 60_000);
    if (!saved) return false;
    if (this.state.asOf === null || saved.savedAt > this.state.asOf) {
      this.set({ ...this.adoptSaved(saved, key), missing: [], failure: null });
    }
    return true;
  }

  async snooze(repo: string, number: number, until: number): Promise<void> {
    await this.snoozes.snooze(repo, number, until);
    this.set(withSnooze(this.state, repo, number, until));
  }

  /** Remembers that the lead handed this review to `login` (kept 30 days), for Nudge… on it. */
  recordHandOff(repo: string, number: number, login: string): Promise<void> {
    return this.handOffs.record(repo, number, login);
  }

  /** When the lead (this account, on this GitHub) handed this review to `login`, within 30 days. */
  handedAt(repo: string, number: number, login: string): number | undefined {
    return this.handOffs.handedAt(repo, number, login);
  }

  /** One of the lead's PRs is merged or closed: it leaves the tree and the queue now, not at the next refresh. */
  forgetOwnPullRequest(repo: string, number: number): void {
    const patch = withoutOwnPullRequest(this.state, repo, number);
    if (patch) this.set(patch);
  }

  /** The team's review load again (one request); a failure keeps what was shown, with a log line. */
  async refreshTeamLoad(generation = this.generation, repos?: readonly string[]): Promise<void> {
    const { teamMembers, teamAgents } = this.config.settings;
    const load = await fetchTeamLoad(this.github, { members: teamMembers, agents: teamAgents }, repos ?? await this.repositories.resolve(), this.teamWarnings);
    if (load !== undefined && generation === this.generation) this.set({ teamLoad: load });
  }

  /** A review request changed on GitHub (src/work/reviewAssignment.ts): the tree shows GitHub's answer without a refresh. */
  applyReviewChange(change: ReviewChange): void {
    this.set(withReviewChange(this.state, change));
  }

  private set(patch: Partial<InboxSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.changed.fire(this.state);
    // GitHub data on hand (saved or answered), or signed out: the first drawing can show it.
    if (this.settleStartUp && (this.state.asOf !== null || this.state.noRepositories || (this.state.signInKnown && !this.state.signedIn))) this.settleStartUp();
  }
}
