/**
 * When the timer should suggest (or make) a mode switch by itself. Pure: the shell feeds it
 * what happened, with wall-clock times, and acts on what it proposes — through the store's
 * lock, so that of several windows only one makes the change (see TimeStore.autoSwitch).
 *
 * - The lead editing files of the workspace for `autoMinutes` while Managerial → Technical.
 *   "For autoMinutes" means a streak of edits, none more than EDIT_GAP_MS after the previous,
 *   reaching from its first edit to `autoMinutes` later. Only the lead's own edits are fed in
 *   (core/leadActivity.ts decides which those are).
 * - A managerial view (Morning Review, review queue, a PR checkout, the 1:1 view) opened while
 *   Technical → Managerial.
 *
 * It only switches between the two modes of a running timer: it never starts a timer that is
 * stopped or paused (the store cannot tell the two apart, and either is the lead's own word that
 * no time should count — an agent editing files all evening must not start it again).
 *
 * Guards, so the timer never flip-flops or fights the lead: nothing while the idle question is
 * open; nothing within `autoMinutes` of the previous automatic change or suggestion (in any
 * window), nor of the last change of mode (by anyone); a streak of edits restarts whenever the
 * mode changes; a clock that goes back never lets a proposal through early.
 */
import type { AutoSignal, Mode } from './timeEntry';

export type { AutoSignal } from './timeEntry';

export type AutoModeSetting = 'off' | 'suggest' | 'switch';
export const AUTO_MODE_SETTINGS: readonly AutoModeSetting[] = ['off', 'suggest', 'switch'];

export const AUTO_SIGNALS: readonly AutoSignal[] = ['edits', 'morning-review', 'review-queue', 'checkout', 'one-on-one', 'meeting', 'meeting-end'];
/** The views that mean the lead turned to managerial work (the calendar's signals are core/meetingDay.ts's). */
export type ManagerialSignal = Exclude<AutoSignal, 'edits' | 'meeting' | 'meeting-end'>;

export function isAutoSignal(value: unknown): value is AutoSignal {
  return typeof value === 'string' && (AUTO_SIGNALS as readonly string[]).includes(value);
}

/** An edit further than this after the previous one starts a new streak. */
export const EDIT_GAP_MS = 2 * 60_000;

export interface AutoModeOptions {
  readonly setting: AutoModeSetting;
  readonly autoMinutes: number;
}

export type AutoModeEvent =
  /** The lead edited a file of the workspace. */
  | { readonly kind: 'edit'; readonly at: number }
  /** A managerial view was opened. */
  | { readonly kind: 'view'; readonly at: number; readonly signal: ManagerialSignal }
  /**
   * The timer now runs `mode` (null: paused), by whoever's hand; `at` is when it was seen,
   * `since` when it happened if known (the running entry's start).
   */
  | { readonly kind: 'mode'; readonly at: number; readonly mode: Mode | null; readonly since?: number }
  /** The idle question ("You were away for…") opened or closed. */
  | { readonly kind: 'idle-prompt'; readonly at: number; readonly open: boolean }
  /** Some window made an automatic change or a suggestion at `at` (as the store records it). */
  | { readonly kind: 'auto-recorded'; readonly at: number };

export interface AutoModeProposal {
  readonly action: 'suggest' | 'switch';
  /** Always a running mode: automatic mode never starts a stopped or paused timer. */
  readonly from: Mode;
  readonly to: Mode;
  readonly signal: AutoSignal;
  readonly at: number;
}

export interface AutoModeState {
  readonly mode: Mode | null;
  /** When the mode last changed (or when it was first seen). */
  readonly modeSince: number;
  /** Latest automatic change or suggestion known, in any window. */
  readonly lastAutoAt: number | null;
  readonly idlePromptOpen: boolean;
  /** The current streak of edits while Managerial. */
  readonly streak: { readonly since: number; readonly last: number } | null;
  /** The latest time seen in any event: a clock going back is measured from here. */
  readonly latest: number;
}

export function initialAutoModeState(mode: Mode | null, at: number, lastAutoAt: number | null = null): AutoModeState {
  return { mode, modeSince: at, lastAutoAt, idlePromptOpen: false, streak: null, latest: at };
}

/** True while an automatic change would come too soon after the last change of any kind. */
export function coolingDown(state: AutoModeState, at: number, autoMinutes: number): boolean {
  const gap = autoMinutes * 60_000;
  const last = Math.max(state.modeSince, state.lastAutoAt ?? -Infinity);
  // Measured from the latest time seen, so a clock set back cannot shorten the wait.
  return at < state.latest || at - last < gap;
}

/**
 * One step: the next state, and what to do (at most one proposal). A proposal is assumed made:
 * its time counts as the last automatic change from here on, whether or not the store let it
 * through — a refused one is followed by a `mode` event with what the store holds.
 */
export function nextAutoMode(state: AutoModeState, event: AutoModeEvent, options: AutoModeOptions): { state: AutoModeState; proposal: AutoModeProposal | null } {
  const at = event.at;
  const latest = Math.max(state.latest, at);
  switch (event.kind) {
    case 'mode':
      if (event.mode === state.mode) return { state: { ...state, latest }, proposal: null };
      return { state: { ...state, mode: event.mode, modeSince: Math.min(at, event.since ?? at), streak: null, latest }, proposal: null };
    case 'idle-prompt':
      return { state: { ...state, idlePromptOpen: event.open, streak: event.open ? null : state.streak, latest }, proposal: null };
    case 'auto-recorded':
      return { state: { ...state, lastAutoAt: Math.max(at, state.lastAutoAt ?? -Infinity), latest }, proposal: null };
    case 'edit': {
      // Only Managerial turns Technical: while Technical there is nothing to do, and while
      // stopped or paused the timer is the lead's to start.
      if (state.mode !== 'managerial' || state.idlePromptOpen) return { state: { ...state, streak: null, latest }, proposal: null };
      const continues = state.streak !== null && at >= state.streak.last && at - state.streak.last <= EDIT_GAP_MS;
      const streak = continues ? { since: state.streak!.since, last: at } : { since: at, last: at };
      const next: AutoModeState = { ...state, streak, latest };
      if (options.setting === 'off' || at - streak.since < options.autoMinutes * 60_000 || coolingDown(state, at, options.autoMinutes)) {
        return { state: next, proposal: null };
      }
      return propose({ ...next, streak: null }, state.mode, options, 'technical', 'edits', at);
    }
    case 'view': {
      const next: AutoModeState = { ...state, latest };
      if (options.setting === 'off' || state.mode !== 'technical' || state.idlePromptOpen || coolingDown(state, at, options.autoMinutes)) {
        return { state: next, proposal: null };
      }
      return propose(next, state.mode, options, 'managerial', event.signal, at);
    }
  }
}

function propose(state: AutoModeState, from: Mode, options: AutoModeOptions, to: Mode, signal: AutoSignal, at: number): { state: AutoModeState; proposal: AutoModeProposal } {
  const action = options.setting === 'switch' ? 'switch' : 'suggest';
  return { state: { ...state, lastAutoAt: at }, proposal: { action, from, to, signal, at } };
}

/** The state machine with its state kept inside, for the shell. */
export class AutoModeDecider {
  private current: AutoModeState;

  constructor(initial: AutoModeState, private options: AutoModeOptions) {
    this.current = initial;
  }

  get state(): AutoModeState {
    return this.current;
  }

  configure(options: AutoModeOptions): void {
    this.options = options;
  }

  handle(event: AutoModeEvent): AutoModeProposal | null {
    const { state, proposal } = nextAutoMode(this.current, event, this.options);
    this.current = state;
    return proposal;
  }
}

/** Words for the status bar: why the timer proposes a switch. */
export function describeSignal(signal: AutoSignal): string {
  switch (signal) {
    case 'edits': return 'you have been editing files';
    case 'morning-review': return 'you opened the Morning Review';
    case 'review-queue': return 'you opened the review queue';
    case 'checkout': return 'you checked out a pull request to review';
    case 'one-on-one': return 'you opened a 1:1';
    case 'meeting': return 'a meeting in your calendar began';
    case 'meeting-end': return 'your meeting ended';
  }
}
