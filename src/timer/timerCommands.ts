/** The timer's commands and the quick pick behind the status bar item. */
import * as vscode from 'vscode';
import { describeForNotification } from '../util/errors';
import type { Mode } from '../core/timeEntry';
import { Commands } from '../ids';
import type { TimerController } from './timerController';

interface Action extends vscode.QuickPickItem {
  readonly run: () => Thenable<unknown> | Promise<unknown>;
}

export function registerTimerCommands(timer: TimerController, onModeChange: (mode: Mode | null) => void): vscode.Disposable {
  let pausedMode: Mode | null = null;
  const start = async (mode: Mode) => {
    await timer.switchTo(mode);
    pausedMode = null;
    onModeChange(mode);
  };
  const pause = async () => {
    pausedMode = timer.current?.mode ?? pausedMode;
    await timer.switchTo(null);
    onModeChange(null);
  };
  const stop = async () => {
    pausedMode = null;
    await timer.switchTo(null);
    onModeChange(null);
  };
  const failing = (what: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not {0}: {1}', what, describeForNotification(e)));
    }
  };

  const switchMode = async () => {
    const running = timer.current?.mode;
    const items: Action[] = [];
    if (!running && pausedMode) items.push({ label: `$(debug-continue) ${vscode.l10n.t('Resume {0}', pausedMode)}`, run: () => start(pausedMode!) });
    items.push(
      { label: `$(code) ${vscode.l10n.t('Technical')}`, description: running === 'technical' ? vscode.l10n.t('running') : vscode.l10n.t('coding, design, reviews in depth'), run: () => start('technical') },
      { label: `$(organization) ${vscode.l10n.t('Managerial')}`, description: running === 'managerial' ? vscode.l10n.t('running') : vscode.l10n.t('delegating, unblocking, meetings, triage'), run: () => start('managerial') },
    );
    if (running) {
      items.push({ label: `$(debug-pause) ${vscode.l10n.t('Pause')}`, run: pause }, { label: `$(debug-stop) ${vscode.l10n.t('Stop')}`, description: vscode.l10n.t('end the entry'), run: stop });
    }
    items.push(
      { label: `$(note) ${vscode.l10n.t('Add note…')}`, run: () => timer.addNote() },
      { label: `$(graph) ${vscode.l10n.t('Show balance')}`, run: () => vscode.commands.executeCommand(Commands.showBalance) },
    );
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Lead Desk Timer'), placeHolder: running ? vscode.l10n.t('Running: {0}', running) : vscode.l10n.t('Paused') });
    if (pick) await pick.run();
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.switchMode, failing(vscode.l10n.t('switch mode'), switchMode)),
    vscode.commands.registerCommand(Commands.startTechnical, failing(vscode.l10n.t('start technical time'), () => start('technical'))),
    vscode.commands.registerCommand(Commands.startManagerial, failing(vscode.l10n.t('start managerial time'), () => start('managerial'))),
    vscode.commands.registerCommand(Commands.pauseTimer, failing(vscode.l10n.t('pause the timer'), pause)),
    vscode.commands.registerCommand(Commands.stopTimer, failing(vscode.l10n.t('stop the timer'), stop)),
    vscode.commands.registerCommand(Commands.addNote, failing(vscode.l10n.t('add the note'), () => timer.addNote())),
  );
}
