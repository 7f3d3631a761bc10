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
      void vscode.window.showErrorMessage(`Lead Desk: could not ${what}: ${describeForNotification(e)}`);
    }
  };

  const switchMode = async () => {
    const running = timer.current?.mode;
    const items: Action[] = [];
    if (!running && pausedMode) items.push({ label: `$(debug-continue) Resume ${pausedMode}`, run: () => start(pausedMode!) });
    items.push(
      { label: '$(code) Technical', description: running === 'technical' ? 'running' : 'coding, design, reviews in depth', run: () => start('technical') },
      { label: '$(organization) Managerial', description: running === 'managerial' ? 'running' : 'delegating, unblocking, meetings, triage', run: () => start('managerial') },
    );
    if (running) {
      items.push({ label: '$(debug-pause) Pause', run: pause }, { label: '$(debug-stop) Stop', description: 'end the entry', run: stop });
    }
    items.push(
      { label: '$(note) Add note…', run: () => timer.addNote() },
      { label: '$(graph) Show balance', run: () => vscode.commands.executeCommand(Commands.showBalance) },
    );
    const pick = await vscode.window.showQuickPick(items, { title: 'Lead Desk Timer', placeHolder: running ? `Running: ${running}` : 'Paused' });
    if (pick) await pick.run();
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.switchMode, failing('switch mode', switchMode)),
    vscode.commands.registerCommand(Commands.startTechnical, failing('start technical time', () => start('technical'))),
    vscode.commands.registerCommand(Commands.startManagerial, failing('start managerial time', () => start('managerial'))),
    vscode.commands.registerCommand(Commands.pauseTimer, failing('pause the timer', pause)),
    vscode.commands.registerCommand(Commands.stopTimer, failing('stop the timer', stop)),
    vscode.commands.registerCommand(Commands.addNote, failing('add the note', () => timer.addNote())),
  );
}
