/**
 * Optional GitHub status while coding: switching to Technical sets "Heads-down coding until
 * HH:MM" (busy); when technical time stops — paused, stopped or switched, in this window or in
 * any other — the status is cleared. A failure is a warning, never a blocked switch.
 *
 * The shared time store records that the status is set, so the window that pauses clears it
 * even if another window set it (or has closed since), and exactly one window clears it.
 */
import * as vscode from 'vscode';
import { lightFormat } from 'date-fns';
import type { Config } from '../config';
import type { Mode } from '../core/timeEntry';
import type { GitHubConnection } from '../github/api';
import { describeForNotification } from '../util/errors';

/** The part of the time store that records the heads-down status for every window. */
export interface HeadsDownRecord {
  /** As this window last read it (the timer rereads on every change). */
  readonly headsDownUntil: number | null;
  markHeadsDown(until: number | null): Promise<void>;
  /** Forget the record if technical time no longer runs; true if this window should clear. */
  takeHeadsDown(): Promise<boolean>;
}

export class HeadsDownStatus {
  /** Set here but not recorded in the store (its save failed): still ours to clear. */
  private setHereOnly = false;

  constructor(
    private readonly config: Config,
    private readonly github: GitHubConnection,
    private readonly record: HeadsDownRecord,
    private readonly runningMode: () => Mode | null,
  ) {}

  /** This window's lead switched mode (null: paused or stopped). */
  async onModeChange(mode: Mode | null, now = Date.now()): Promise<void> {
    if (mode !== 'technical') return this.clearIfSet();
    if (!this.config.settings.githubStatus) return;
    const until = new Date(now + this.config.settings.headsDownMinutes * 60_000);
    const set = await this.update(() => this.github.run((s) => s.setUserStatus({ message: `Heads-down coding until ${lightFormat(until, 'HH:mm')}`, emoji: ':technologist:', busy: true, expiresAt: until })));
    if (!set) return;
    try {
      await this.record.markHeadsDown(until.getTime());
    } catch {
      this.setHereOnly = true;
    }
    // Paused in another window while the status was being set: clear it now.
    if (this.runningMode() !== 'technical') await this.clearIfSet();
  }

  /** The timer changed, here or in another window (the timer reloaded from the store). */
  async onTimerChange(): Promise<void> {
    if (this.runningMode() !== 'technical') await this.clearIfSet();
  }

  private async clearIfSet(): Promise<void> {
    let ours = this.setHereOnly;
    this.setHereOnly = false;
    if (this.record.headsDownUntil !== null) ours = (await this.record.takeHeadsDown().catch(() => false)) || ours;
    if (ours) await this.update(() => this.github.run((s) => s.setUserStatus(null)));
  }

  private async update(change: () => Promise<unknown>): Promise<boolean> {
    try {
      await change();
      return true;
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: could not update your GitHub status: {0}', describeForNotification(e)));
      return false;
    }
  }
}
