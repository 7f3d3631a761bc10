/**
 * When the inbox refreshes: on a timer only while this window is focused (unfocused windows cost
 * nothing), on focus when the data is stale, and when asked. One refresh runs at a time; a call
 * while one runs shares one follow-up refresh that starts after it, so no answer is stale.
 */
import * as vscode from 'vscode';
import { Views } from '../ids';
import { Disposable } from '../util/disposable';

/** Why a refresh runs: the user asked (Refresh, sign-in, settings) or a schedule/focus did. */
export type RefreshReason = 'user' | 'auto';

export interface RefreshTarget {
  /** One refresh, start to end. */
  run(reason: RefreshReason): Promise<void>;
  /** Minutes until the next scheduled refresh (the setting, stretched when the budget is low). */
  intervalMinutes(): number;
  /** The data shown is older than the refresh interval (or there is none). */
  isStale(): boolean;
}

export class RefreshSchedule extends Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  /** A refresh asked for while one runs: it starts when that one ends, so it sees fresh data. */
  private queued: Promise<void> | undefined;
  private queuedReason: RefreshReason = 'auto';

  constructor(private readonly target: RefreshTarget) {
    super();
    this.register(vscode.window.onDidChangeWindowState((w) => {
      if (w.focused && target.isStale()) void this.refresh('auto');
      this.schedule();
    }));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  /** The refresh running now, if any. */
  get running(): Promise<void> | undefined {
    return this.inFlight;
  }

  /**
   * Refreshes now, or after the running refresh. The view shows VS Code's own progress bar for as
   * long as the refresh (and its retries) run.
   */
  refresh(reason: RefreshReason): Promise<void> {
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
    const run = vscode.window.withProgress({ location: { viewId: Views.work } }, () => this.target.run(reason));
    this.inFlight = Promise.resolve(run).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  /** Next scheduled refresh, only while this window is focused. */
  schedule(): void {
    clearTimeout(this.timer);
    if (this.isDisposed || !vscode.window.state.focused) return;
    this.timer = setTimeout(() => void this.refresh('auto'), this.target.intervalMinutes() * 60_000);
  }
}
