/**
 * Optional GitHub status while coding: switching to Technical sets "Heads-down coding until
 * HH:MM" (busy); Managerial or Pause clears it. A failure is a warning, never a blocked switch.
 */
import * as vscode from 'vscode';
import { formatClock } from '../core/clock';
import type { Config } from '../config';
import type { Mode } from '../core/timeEntry';
import type { GitHubConnection } from '../github/connection';
import { describeForNotification } from '../util/errors';

export class HeadsDownStatus {
  private isSet = false;
  constructor(private readonly config: Config, private readonly github: GitHubConnection) {}

  async onModeChange(mode: Mode | null, now = Date.now()): Promise<void> {
    if (!this.config.settings.githubStatus) return;
    if (mode !== 'technical' && !this.isSet) return;
    try {
      if (mode === 'technical') {
        const until = new Date(now + this.config.settings.headsDownMinutes * 60_000);
        const hhmm = formatClock(until);
        await this.github.run((s) => s.setUserStatus({ message: `Heads-down coding until ${hhmm}`, emoji: ':technologist:', busy: true, expiresAt: until }));
        this.isSet = true;
      } else {
        await this.github.run((s) => s.setUserStatus(null));
        this.isSet = false;
      }
    } catch (e) {
      const text = describeForNotification(e);
      void vscode.window.showWarningMessage(`Lead Desk: could not update your GitHub status: ${text}`);
    }
  }
}
