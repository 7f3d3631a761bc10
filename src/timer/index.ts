import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import type { Stores, TimeStore } from '../store';
import { AutoMode, type AutoModeStore } from './autoMode';
import { HeadsDownStatus, type HeadsDownRecord } from './headsDownStatus';
import { MeetingFollower } from './meetingFollower';
import { registerTimerCommands } from './timerCommands';
import { TimerController, type TimerStore } from './timerController';

/** The status-bar timer: shown at once, filled in when the store has opened. Needs `calendar`; provides `timer` and `autoMode`. */
export function register(ctx: FeatureContext): vscode.Disposable {
  const { config, stores, github } = ctx;
  const store = lazyTimerStore(stores);
  const calendar = ctx.need('calendar');
  const timer = new TimerController(store, config, Date.now, (from, to) => calendar.meetingsBetween(from, to));
  const headsDown = new HeadsDownStatus(config, github, store, () => timer.current?.mode ?? null);
  const onModeChange = (mode: Parameters<HeadsDownStatus['onModeChange']>[0]) => void headsDown.onModeChange(mode);
  const commands = registerTimerCommands(timer, onModeChange);
  const autoMode = new AutoMode(timer, store, config, onModeChange);
  // The status bar names the meeting under way; automatic mode follows meetings.
  const meetings = new MeetingFollower(timer, autoMode, ctx.need('calendar'), config);
  // Another window's pause reaches this one as a reload of the store.
  const followed = timer.onDidChange(() => void headsDown.onTimerChange());
  void stores.then(() => timer.start()).catch((e) => console.error('[lead-desk] timer failed to start', e));
  ctx.provide('timer', timer);
  ctx.provide('autoMode', autoMode);
  return vscode.Disposable.from(followed, meetings, autoMode, timer, commands);
}

/** The TimeStore as the timer sees it; calls wait for the store to open. */
function lazyTimerStore(stores: Promise<Stores>): TimerStore & HeadsDownRecord & AutoModeStore {
  const time = () => stores.then((s) => s.time);
  let directory = '';
  let opened: TimeStore | undefined;
  void stores.then((s) => { directory = s.dir; opened = s.time; }, () => undefined);
  return {
    current: async () => { const t = await time(); await t.refresh(); return t.current(); },
    switchTo: async (mode, at) => (await time()).switchTo(mode, at),
    heartbeat: async (at) => { await (await time()).heartbeat(at); },
    addNote: async (text) => Boolean(await (await time()).addNote(text)),
    entriesBetween: async (from, to) => (await time()).entriesBetween(from, to),
    replaceEntries: async (range, entries) => (await time()).replaceEntries(range, entries),
    recoverCrashed: async (now, stale) => (await time()).recoverCrashed(now, stale),
    // Synchronous on purpose: on shutdown the stores are disposed in the same turn, and a change
    // queued before that still saves; one queued after an `await` would be refused.
    release: (at) => opened?.release(at) ?? Promise.resolve(),
    get headsDownUntil() { return opened?.headsDownUntil ?? null; },
    markHeadsDown: async (until) => (await time()).markHeadsDown(until),
    takeHeadsDown: async () => (await time()).takeHeadsDown(),
    get directory() { return directory; },
    get lastAutoAt() { return opened?.lastAutoAt ?? null; },
    autoSwitch: async (change) => (await time()).autoSwitch(change),
    claimSuggestion: async (change) => (await time()).claimSuggestion(change),
    undoAutoSwitch: async (undo, at) => (await time()).undoAutoSwitch(undo, at),
  };
}
