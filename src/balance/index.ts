/** The time balance report and the CSV export, reading the time store the timer writes. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { Commands } from '../ids';
import type { Stores } from '../store';
import type { TimerController } from '../timer/timerController';
import { exportTimeCommand } from './exportTime';
import { BalancePanel } from './panel';
import type { BalanceSource } from './source';

export function registerBalance(extensionUri: vscode.Uri, config: Config, stores: Promise<Stores>, timer: TimerController): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const source: BalanceSource = {
    entriesBetween: async (from, to) => (await stores).time.entriesBetween(from, to),
    technicalTarget: () => config.settings.technicalTarget,
    onDidChange: changed.event,
  };
  return vscode.Disposable.from(
    changed,
    timer.onDidChange(() => changed.fire()),
    config.onDidChange(() => changed.fire()),
    BalancePanel.registerSerializer(extensionUri, source),
    vscode.commands.registerCommand(Commands.showBalance, () => BalancePanel.show(extensionUri, source)),
    vscode.commands.registerCommand(Commands.exportTime, () => exportTimeCommand(source)),
  );
}
