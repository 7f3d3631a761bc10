/**
 * Red-build alerts: polls the default-branch runs of the watched repos at the refresh interval,
 * only while this window is focused, with conditional requests (an unchanged poll costs 0
 * points). Transitions are decided under the store's lock, so one window notifies; every window
 * follows `alerts.json` for its status-bar item. The state is the signed-in account's on the
 * configured GitHub (`AlertOwner`): another server or account has its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../config';
import { alertLabel, inScope, redWorkflows, sameOwner, type AlertOwner, type WorkflowAlert } from '../core/buildAlerts';
import type { GitHubConnection } from '../github/api';
import { webHostFor } from '../github/api';
import { mapLimited } from '../github/api';
import { STORE_FILES, type AlertStore, type Stores } from '../store';
import { confirmModal } from '../util/confirm';
import { Disposable } from '../util/disposable';
import { describeError, describeForNotification, notificationSafe } from '../util/errors';
import { isAllowedLink } from '../webview/links';
import type { InboxService } from '../inbox/inboxService';
import { AlertStatus } from './alertStatus';
import { withoutIconSyntax } from '../core/iconSyntax';

const OPEN_RUN = (): string => vscode.l10n.t('Open Run');
const RERUN = (): string => vscode.l10n.t('Re-run Failed Jobs');
const DELEGATE = (): string => vscode.l10n.t('Delegate…');
/** Repos polled at once: well under GitHub's secondary limit. */
const POLL_CONCURRENCY = 4;

export interface PollResult {
  readonly newFailures: readonly WorkflowAlert[];
  readonly recovered: readonly WorkflowAlert[];
  /** Repos whose runs could not be read this time (their last state stays). */
  readonly failed: readonly string[];
}

const NO_LONGER_RED = (alert: WorkflowAlert, label: string): string =>
  vscode.l10n.t('Lead Desk: run {0} is no longer the red run of {1} on the default branch; nothing was re-run.', alert.runId, label);

export class RedBuildAlerts extends Disposable {
  private readonly status = this.register(new AlertStatus());
  private store: AlertStore | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloadHandle: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<PollResult> | undefined;
  private lastPoll = 0;
  /** Whose state is shown and polled: learned from the session (one `viewer` query per session). */
  private owner: AlertOwner | undefined;
  /** Notifications shown by this window, newest last (for tests and the log). */
  readonly notified: WorkflowAlert[] = [];

  constructor(
    private readonly config: Config,
    private readonly github: GitHubConnection,
    private readonly stores: Promise<Stores>,
    private readonly inbox: InboxService,
  ) {
    super();
    this.register({ dispose: () => { clearTimeout(this.timer); clearTimeout(this.reloadHandle); } });
    this.register(config.onDidChange(() => { this.render(); this.schedule(); }));
    this.register(github.onDidChange(() => void this.poll()));
    this.register(inbox.repositories.onDidChange(() => void this.poll()));
    this.register(vscode.window.onDidChangeWindowState((w) => {
      if (w.focused && Date.now() - this.lastPoll > this.intervalMs()) void this.poll();
      else this.schedule();
    }));
  }

  /** After activation: load the shared state, follow other windows, and poll. */
  async start(): Promise<void> {
    this.store = (await this.stores).alerts;
    await this.currentOwner().catch(() => undefined);
    this.render();
    this.watchStore();
    if (vscode.window.state.focused) await this.poll();
    else this.schedule();
  }

  /** The status-bar item's text ('' when hidden). */
  get statusText(): string {
    return this.status.item.text;
  }

  get red(): WorkflowAlert[] {
    return this.store && this.owner ? redWorkflows(this.store.state, this.owner, this.config.settings.alerts) : [];
  }

  /**
   * The GitHub origin and account of the current session (undefined when signed out), remembered
   * for rendering between polls. `me()` is asked once per session.
   */
  async currentOwner(): Promise<AlertOwner | undefined> {
    const origin = this.github.apiOrigin;
    const account = await this.github.run((s) => s.me());
    this.owner = account === undefined ? undefined : { origin, account };
    return this.owner;
  }

  private intervalMs(): number {
    return Math.max(this.config.settings.refreshMinutes, this.github.budget.pollIntervalSeconds / 60) * 60_000;
  }

  /** Next poll, only while this window is focused: unfocused windows cost nothing. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.isDisposed || !vscode.window.state.focused || this.config.settings.alerts === 'off') return;
    this.timer = setTimeout(() => void this.poll(), this.intervalMs());
  }

  /** One poll of every watched repo; a poll asked for while one runs shares it. */
  poll(): Promise<PollResult> {
    this.inFlight ??= this.doPoll().finally(() => {
      this.inFlight = undefined;
      this.lastPoll = Date.now();
      this.schedule();
    });
    return this.inFlight;
  }

  private async doPoll(): Promise<PollResult> {
    const none: PollResult = { newFailures: [], recovered: [], failed: [] };
    const store = this.store ?? (this.store = (await this.stores).alerts);
    const scope = this.config.settings.alerts;
    const owner = scope === 'off' || this.github.unavailableReason ? undefined : await this.currentOwner().catch((e: unknown) => {
      console.warn(`[lead-desk] red-build poll: cannot tell the signed-in account: ${describeError(e)}`);
      return undefined;
    });
    if (!owner) {
      this.render();
      return none;
    }
    const repos = await this.inbox.repositories.resolve();
    await store.keepOnly(owner, repos).catch(() => undefined);
    const failed: string[] = [];
    const results = await mapLimited(repos, POLL_CONCURRENCY, async (repo) => {
      try {
        const found = await this.github.run((s) => s.defaultBranchRuns(repo));
        if (!found) return undefined;
        return await store.observe(owner, repo, found.branch, found.runs, scope);
      } catch (e) {
        // The last known state stays; the sidebar's notice already tells the lead GitHub is failing.
        failed.push(repo);
        console.warn(`[lead-desk] red-build poll of ${repo} failed: ${describeError(e)}`);
        return undefined;
      }
    });
    this.render();
    const newFailures = results.flatMap((r) => r?.newFailures ?? []);
    for (const alert of newFailures) void this.notify(alert);
    return { newFailures, recovered: results.flatMap((r) => r?.recovered ?? []), failed };
  }

  private render(): void {
    this.status.render(this.red);
  }

  /** Another window's poll rewrites `alerts.json`: follow it shortly after (debounced). */
  private watchStore(): void {
    const store = this.store;
    if (!store) return;
    try {
      const watcher = fs.watch(path.dirname(store.path), { persistent: false }, (_event, name) => {
        if (name !== null && String(name) !== STORE_FILES.alerts) return;
        clearTimeout(this.reloadHandle);
        this.reloadHandle = setTimeout(() => void store.refresh().then(() => this.render(), () => undefined), 150);
      });
      watcher.on('error', () => watcher.close());
      this.register({ dispose: () => watcher.close() });
    } catch (e) {
      console.warn('[lead-desk] cannot watch the store folder; the red-build item follows other windows at the next poll', e);
    }
  }

  private async notify(alert: WorkflowAlert): Promise<void> {
    this.notified.push(alert);
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Lead Desk: {0} turned red on the default branch.', notificationSafe(alertLabel(alert))), OPEN_RUN(), RERUN(), DELEGATE(),
    );
    if (choice === OPEN_RUN()) await this.openRun(alert);
    else if (choice === RERUN()) await this.rerun(alert);
    else if (choice === DELEGATE()) await this.delegate(alert);
  }

  /** The status-bar click: the run, or a pick of the red workflows when there are several. */
  async showRedBuilds(): Promise<void> {
    const red = this.red;
    if (red.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: every watched default branch is green.'));
      return;
    }
    if (red.length === 1) return this.openRun(red[0]!);
    const pick = await vscode.window.showQuickPick(
      red.map((a) => ({ label: `$(error) ${withoutIconSyntax(alertLabel(a))}`, description: vscode.l10n.t('red on the default branch'), alert: a })),
      { title: vscode.l10n.t('Lead Desk: red builds'), placeHolder: vscode.l10n.t('Open which run?') },
    );
    if (pick) await this.openRun(pick.alert);
  }

  async openRun(alert: WorkflowAlert): Promise<void> {
    const host = webHostFor(this.config.settings.apiUrl);
    if (!isAllowedLink(alert.url, host)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: the run of {0} has no link on {1}.', notificationSafe(alertLabel(alert)), host));
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(alert.url, true));
  }

  /**
   * Why `alert`'s run may not be re-run now, or null when it is still the workflow's current red
   * run on the default branch: GitHub is polled afresh, then the alert is read again under the
   * store's lock. A button on a days-old notification must not re-run an old run.
   */
  private async rerunRefusal(alert: WorkflowAlert, label: string): Promise<string | null> {
    const store = this.store ?? (this.store = (await this.stores).alerts);
    const cannotCheck = vscode.l10n.t('Lead Desk: could not check on GitHub that run {0} of {1} is still red; nothing was re-run.', alert.runId, label);
    let owner: AlertOwner | undefined;
    try {
      owner = await this.currentOwner();
    } catch {
      return cannotCheck;
    }
    if (!owner) return vscode.l10n.t('Lead Desk: sign in to GitHub to re-run the failed jobs.');
    if (!sameOwner(owner, alert)) {
      return vscode.l10n.t('Lead Desk: {0} was red for another GitHub account or server than the one signed in now; nothing was re-run.', label);
    }
    if (!inScope(this.config.settings.alerts, alert.repo, alert.name)) return NO_LONGER_RED(alert, label);
    const poll = await this.poll();
    if (poll.failed.some((r) => r.toLowerCase() === alert.repo.toLowerCase())) return cannotCheck;
    // The run itself, as GitHub lists it now, must be one of the repository's own runs on its
    // default branch: never a fork's, whatever the stored state says (a record can outlive the
    // filter that should have kept it out).
    let own: readonly { readonly runId: number }[];
    try {
      const found = await this.github.run((s) => s.defaultBranchRuns(alert.repo));
      if (!found) return vscode.l10n.t('Lead Desk: sign in to GitHub to re-run the failed jobs.');
      own = found.runs;
    } catch {
      return cannotCheck;
    }
    if (!own.some((r) => r.runId === alert.runId)) return NO_LONGER_RED(alert, label);
    try {
      return (await store.stillRed(alert)) ? null : NO_LONGER_RED(alert, label);
    } catch (e) {
      return vscode.l10n.t('Lead Desk: could not read the red-build state ({0}); nothing was re-run.', describeForNotification(e));
    }
  }

  /**
   * Re-runs the failed jobs of the red run, if it is still the workflow's current red run (see
   * `rerunRefusal`) and after the lead confirms in the modal every write in their name asks
   * (`confirmModal`, as merge and hand-off).
   */
  async rerun(alert: WorkflowAlert): Promise<boolean> {
    const label = notificationSafe(alertLabel(alert));
    const refusal = await this.rerunRefusal(alert, label);
    if (refusal !== null) {
      void vscode.window.showWarningMessage(refusal);
      return false;
    }
    const question = vscode.l10n.t('Re-run the failed jobs of {0}?', label);
    if (!(await confirmModal(question, vscode.l10n.t('Run {0} on the default branch; GitHub starts a new attempt of the jobs that failed.', alert.runId), RERUN()))) return false;
    // The dialog may have stayed open while another window recorded a newer run: look again.
    const stillRed = await this.store?.stillRed(alert).catch(() => undefined);
    if (!stillRed) {
      void vscode.window.showWarningMessage(NO_LONGER_RED(alert, label));
      return false;
    }
    try {
      const done = await this.github.run((s) => s.rerunFailedJobs(alert.repo, alert.runId));
      if (done === undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: sign in to GitHub to re-run the failed jobs.'));
        return false;
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: the failed jobs of {0} were started again.', label));
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not re-run the failed jobs of {0}: {1}', label, describeForNotification(e)));
      return false;
    }
  }

  /** "Delegate Task…" with the run as its link. */
  async delegate(alert: WorkflowAlert): Promise<void> {
    try {
      const task = await this.inbox.delegate.run({ title: vscode.l10n.t('Fix the red {0} build', alertLabel(alert)), ...(alert.url ? { link: alert.url } : {}) });
      if (task) await this.inbox.reloadTasks();
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not save the task: {0}', describeForNotification(e)));
    }
  }
}
