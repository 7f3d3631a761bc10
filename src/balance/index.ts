/** The time balance report and the CSV export, reading the time store the timer writes and the calendars' meetings. */
import * as vscode from 'vscode';
import { meetingCredit } from '../core/calendarTime';
import type { FeatureContext } from '../feature';
import { Commands } from '../ids';
import { exportTimeCommand } from './exportTime';
import { registerPanel } from '../webview/registerPanel';
import { BalancePanel } from './panel';
import type { BalanceSource } from './source';

export function register(ctx: FeatureContext): vscode.Disposable {
  const { config, stores } = ctx;
  const timer = ctx.need('timer');
  const calendar = ctx.need('calendar');
  const changed = new vscode.EventEmitter<void>();
  const source: BalanceSource = {
    entriesBetween: async (from, to) => (await stores).time.entriesBetween(from, to),
    meetingCredit: async (from, to) => meetingCredit(await calendar.meetingsBetween(from, to), config.settings.calendarOverlap),
    technicalTarget: () => config.settings.technicalTarget,
    onDidChange: changed.event,
  };
  const panel = registerPanel(ctx.extensionUri, BalancePanel.descriptor(source));
  return vscode.Disposable.from(
    changed,
    timer.onDidChange(() => changed.fire()),
    calendar.onDidChange(() => changed.fire()),
    config.onDidChange(() => changed.fire()),
    panel,
    vscode.commands.registerCommand(Commands.showBalance, () => panel.show()),
    vscode.commands.registerCommand(Commands.exportTime, () => exportTimeCommand(source)),
  );
}
