/**
 * The morning reminder: on a working day, once {@link Settings.reminderTime} has passed
 * with no review saved today, one notification offers to start it. Checked at most every ten
 * minutes (and once shortly after start-up); at most one reminder a day, across windows.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { toLocalDate } from '../core/localDate';
import { Commands, StateKeys } from '../ids';
import type { Stores } from '../store';
import { Disposable, interval } from '../util/disposable';
import { reminderDue, reviewedToday } from './history';
import { readState, writeState } from '../util/state';

export const REMINDER_CHECK_MS = 10 * 60_000;

export class MorningReminder extends Disposable {
  private checking = false;

  constructor(private readonly config: Config, private readonly stores: Promise<Stores>, private readonly memento: vscode.Memento, private readonly isReviewOpen: () => boolean) {
    super();
    this.register(interval(() => void this.check(), REMINDER_CHECK_MS));
    const first = setTimeout(() => void this.check(), 30_000);
    this.register({ dispose: () => clearTimeout(first) });
  }

  async check(now = Date.now()): Promise<boolean> {
    const { reminderTime, businessDays } = this.config.settings;
    if (this.checking || this.isDisposed || reminderTime === '' || this.isReviewOpen()) return false;
    this.checking = true;
    try {
      const latest = await (await this.stores).reviews.latest().catch(() => null);
      const remindedOn = readState(this.memento, StateKeys.remindedOn);
      if (!reminderDue({ reminderTime, workingDays: businessDays, now, reviewedToday: reviewedToday(latest, now), remindedOn })) return false;
      await writeState(this.memento, StateKeys.remindedOn, toLocalDate(now));
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: no morning review yet today.'), vscode.l10n.t('Start Morning Review'))
        .then((choice) => choice && vscode.commands.executeCommand(Commands.startMorningReview));
      return true;
    } finally {
      this.checking = false;
    }
  }
}
