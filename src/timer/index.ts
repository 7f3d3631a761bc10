import * as vscode from 'vscode';
import type { Config } from '../config';
import type { GitHubConnection } from '../github/connection';
import type { Stores } from '../store';
import { HeadsDownStatus } from './headsDownStatus';
import { registerTimerCommands } from './timerCommands';
import { TimerController, type TimerStore } from './timerController';

/** The status-bar timer: shown at once, filled in when the store has opened. */
export function registerTimer(config: Config, stores: Promise<Stores>, github: GitHubConnection): { timer: TimerController; disposable: vscode.Disposable } {
  const store = lazyTimerStore(stores);
  const timer = new TimerController(store, config);
  const headsDown = new HeadsDownStatus(config, github);
  const commands = registerTimerCommands(timer, (mode) => void headsDown.onModeChange(mode));
  void stores.then(() => timer.start()).catch((e) => console.error('[lead-desk] timer failed to start', e));
  return { timer, disposable: vscode.Disposable.from(timer, commands) };
}

/** The TimeStore as the timer sees it; calls wait for the store to open. */
function lazyTimerStore(stores: Promise<Stores>): TimerStore {
  const time = () => stores.then((s) => s.time);
  let directory = '';
  void stores.then((s) => { directory = s.dir; }, () => undefined);
  return {
    current: async () => { const t = await time(); await t.refresh(); return t.current(); },
    switchTo: async (mode, at) => (await time()).switchTo(mode, at),
    heartbeat: async (at) => { await (await time()).heartbeat(at); },
    addNote: async (text) => Boolean(await (await time()).addNote(text)),
    entriesBetween: async (from, to) => (await time()).entriesBetween(from, to),
    replaceEntries: async (range, entries) => (await time()).replaceEntries(range, entries),
    recoverCrashed: async (now, stale) => (await time()).recoverCrashed(now, stale),
    get directory() { return directory; },
  };
}
