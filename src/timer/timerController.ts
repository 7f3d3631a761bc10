/**
 * The timer: mode switches, pause, notes, heartbeats, idle/sleep handling and crash recovery.
 * The store is the truth — there is one timer per user, shared by every window — so this class
 * only asks the store to change it and re-renders when the store's files change on disk
 * (another window switched mode), without polling.
 */
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { ManagerialSignal } from '../core/autoMode';
import type { Meeting } from '../core/calendar';
import { formatClock } from '../core/clock';
import type { Config } from '../config';
import { IdleDetector, idleSpanReplacement, otherMode, splitByMeetings, type IdleSpan } from '../core/idle';
import type { Mode, TimeEntry } from '../core/timeEntry';
import { formatDuration } from '../core/timeline';
import { isStoreDataFile, STORE_FILES } from '../store/paths';
import { Disposable } from '../util/disposable';
import { describeForNotification } from '../util/errors';
import { LeadActivity } from './leadActivity';
import { TimerStatus } from './timerStatus';

/** The part of the time store the timer uses. */
export interface TimerStore {
  current(): Promise<TimeEntry | null>;
  switchTo(mode: Mode | null, at: number): Promise<TimeEntry | null>;
  heartbeat(at: number): Promise<void>;
  addNote(text: string): Promise<boolean>;
  entriesBetween(from: number, to: number): Promise<TimeEntry[]>;
  replaceEntries(range: { from: number; to: number }, entries: TimeEntry[]): Promise<void>;
  recoverCrashed(now: number, staleAfterMs: number): Promise<TimeEntry | null>;
  /** This window closes: hand the running entry over to the next window instead of "crashing". */
  release(at: number): Promise<void>;
  /** The directory whose changes mean another window changed the timer. */
  readonly directory: string;
}

/** The connected calendars' meetings that overlap [from, to) (the calendar feature's). */
export type MeetingsBetween = (from: number, to: number) => Promise<readonly { readonly start: number; readonly end: number }[]>;

const MINUTE = 60_000;
/**
 * A running entry whose heartbeat is older than this belongs to a window that died — used only
 * when the driving window cannot be checked by its process id (see core/crash.ts).
 */
export const STALE_HEARTBEAT_MS = 3 * MINUTE;

export class TimerController extends Disposable {
  private readonly status = this.register(new TimerStatus());
  /** The lead's own signals in the editor; other edits (agents, extensions, other windows) never count. */
  readonly leadActivity: LeadActivity;
  private running: TimeEntry | null = null;
  private today: TimeEntry[] = [];
  /** Made at its first use, from the moment the controller was made: reading the settings waits until after activation. */
  private idleDetector: IdleDetector | undefined;
  private idleSince: { wall: number; monotonic: number; focused: boolean };
  private lastActivity = Date.now();
  private tickHandle: ReturnType<typeof setTimeout> | undefined;
  /** Wake-ups of the minute tick, for the benchmark that counts them. */
  ticks = 0;
  private reloadHandle: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires after the timer's state was reloaded (a switch here or in another window). */
  readonly onDidChange = this.changed.event;
  private readonly activitySignal = this.register(new vscode.EventEmitter<ManagerialSignal>());
  /** Fires when a feature reports managerial work (see `reportActivity`). */
  readonly onActivitySignal = this.activitySignal.event;
  private askingAboutAway = false;
  /** The calendar's meeting under way at an instant (see MeetingFollower); none until one is connected. */
  private meetingAt: (now: number) => Meeting | undefined = () => undefined;
  private readonly awayQuestion = this.register(new vscode.EventEmitter<boolean>());
  /** Fires with true when the "You were away…" question opens, false when it is answered or dismissed. */
  readonly onDidChangeAwayQuestion = this.awayQuestion.event;

  constructor(
    private readonly store: TimerStore, private readonly config: Config, private readonly now: () => number = Date.now,
    private readonly meetingsBetween: MeetingsBetween = async () => [],
  ) {
    super();
    this.idleSince = { wall: now(), monotonic: performance.now(), focused: vscode.window.state.focused };
    this.register(config.onDidChange(() => { this.idleSince = { wall: this.now(), monotonic: performance.now(), focused: vscode.window.state.focused }; this.idleDetector = undefined; this.render(); }));
    // Only the lead's own typing and selection changes show they are here: an agent that edits
    // files all evening must not keep the idle question from ever coming.
    this.leadActivity = this.register(new LeadActivity(now));
    this.register(this.leadActivity.onPresence((at) => this.onActivity(at)));
    this.register(vscode.window.onDidChangeWindowState((s) => this.handleIdle(this.idle.focus(this.now(), s.focused))));
    this.register({ dispose: () => { clearTimeout(this.tickHandle); clearTimeout(this.reloadHandle); } });
    // A clean close (reload, quit) is told apart from a crash. The write must be queued right
    // here, synchronously: the stores are disposed in the same turn (see lazyTimerStore).
    this.register({ dispose: () => void this.store.release(this.now()).catch((e) => console.warn('[lead-desk] could not hand the timer over', e)) });
  }

  /** After activation: recover a crashed entry, load today, watch for other windows, start ticking. */
  async start(): Promise<void> {
    const crashed = await this.store.recoverCrashed(this.now(), STALE_HEARTBEAT_MS).catch((e: unknown) => {
      console.warn('[lead-desk] could not check for a timer left running by a closed window', e);
      return null;
    });
    if (crashed) {
      const at = formatClock(crashed.end ?? crashed.start, vscode.env.language);
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: VS Code stopped while the {0} timer ran; that entry was closed at its last sign of activity ({1}), not now.', crashed.mode, at));
    }
    this.watchStore();
    await this.reload();
    this.scheduleTick();
  }

  /**
   * The lead opened something managerial (the Morning Review, the review queue, a checkout
   * from it, a 1:1): with {@link Settings.autoMode} on, Technical time may turn Managerial.
   */
  reportActivity(signal: ManagerialSignal): void {
    this.activitySignal.fire(signal);
  }

  /** True while the "You were away…" question waits for an answer. */
  get isAskingAboutAway(): boolean {
    return this.askingAboutAway;
  }

  get current(): TimeEntry | null {
    return this.running;
  }

  /** When the lead was last seen active (their own signal, or a switch); the heartbeat stops this long after it. */
  get lastActivityAt(): number {
    return this.lastActivity;
  }

  get statusText(): string {
    return this.status.item.text;
  }

  async switchTo(mode: Mode | null): Promise<void> {
    await this.store.switchTo(mode, this.now());
    this.lastActivity = this.now();
    await this.reload();
  }

  async addNote(): Promise<void> {
    if (!this.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: start the timer first; a note belongs to the running entry.'));
      return;
    }
    const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Lead Desk: note for this time entry'), prompt: vscode.l10n.t('What are you doing ({0})?', this.running.mode), value: this.running.note ?? '' });
    if (text === undefined) return;
    await this.store.addNote(text.trim());
    await this.reload();
  }

  /** Today's entries, the running one included. */
  async todayEntries(): Promise<TimeEntry[]> {
    const start = new Date(this.now());
    start.setHours(0, 0, 0, 0);
    return this.store.entriesBetween(start.getTime(), this.now());
  }

  async reload(): Promise<void> {
    this.running = await this.store.current();
    this.today = await this.todayEntries();
    this.render();
    this.changed.fire();
  }

  /** Where the status bar learns of the meeting under way; renders at once (a meeting began or ended). */
  showMeetings(meetingAt: (now: number) => Meeting | undefined): void {
    this.meetingAt = meetingAt;
    this.render();
  }

  private render(): void {
    const away = this.idle.away ? `Away since ${formatClock(this.idle.away.since, vscode.env.language)}` : undefined;
    const now = this.now();
    this.status.render(this.running, this.today, this.config.settings.technicalTarget, now, away, this.meetingAt(now));
  }

  private get idle(): IdleDetector {
    this.idleDetector ??= new IdleDetector({ idleMinutes: this.config.settings.idleMinutes, tickIntervalMs: MINUTE }, this.idleSince);
    return this.idleDetector;
  }

  /** Another window's switch rewrites the store's files: reload shortly after (debounced). */
  private watchStore(): void {
    try {
      const watcher = fs.watch(this.store.directory, { persistent: false }, (_event, name) => {
        // Only the data files: not the caches written next to them (the sidebar snapshot, the
        // response cache), nor temp files and locks.
        if (name !== null && !isStoreDataFile(String(name)) && String(name) !== STORE_FILES.timeDir) return;
        clearTimeout(this.reloadHandle);
        this.reloadHandle = setTimeout(() => void this.reload().catch(() => undefined), 150);
      });
      watcher.on('error', () => watcher.close());
      this.register({ dispose: () => watcher.close() });
    } catch (e) {
      console.warn('[lead-desk] cannot watch the store folder; other windows update on the next minute', e);
    }
  }

  /** One wake-up a minute, at the minute boundary, so the shown minutes change on time. */
  private scheduleTick(): void {
    clearTimeout(this.tickHandle);
    if (this.isDisposed) return;
    const delay = MINUTE - (this.now() % MINUTE) + 50;
    this.tickHandle = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.ticks++;
    const now = this.now();
    this.handleIdle(this.idle.tick(now, performance.now()));
    // Heartbeat only while the lead is present: a crash then closes the entry where they left.
    if (this.running && !this.idle.away && now - this.lastActivity < this.config.settings.idleMinutes * MINUTE) {
      await this.store.heartbeat(now).catch(() => undefined);
    }
    await this.reload().catch(() => undefined);
    this.scheduleTick();
  }

  private onActivity(at: number): void {
    this.lastActivity = Math.max(this.lastActivity, at);
    this.handleIdle(this.idle.activity(at));
  }

  private handleIdle(signal: ReturnType<IdleDetector['tick']>): void {
    if (!signal) return;
    if (signal.kind === 'away') this.render();
    else void this.onBackFromAway(signal.span);
  }

  /**
   * The lead is back after `span` away (idle or sleep): ask, apply the answer, and say so if it
   * could not be applied. Resolves when all is done; the integration tests call it directly with
   * a span, which stands in for waiting out `idleMinutes`.
   */
  async onBackFromAway(span: IdleSpan): Promise<void> {
    try {
      await this.askAboutSpan(span);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not apply your choice about the time away; it is still counted as before: {0}', describeForNotification(e)));
      await this.reload().catch(() => undefined);
    }
  }

  /**
   * What a meeting covers is counted as the meeting without asking: the timer's time there goes
   * (the meeting fills it, whichever `calendar.overlap` rule). About the rest: keep it, tag it as
   * the other mode, or drop it.
   */
  private async askAboutSpan(span: IdleSpan): Promise<void> {
    const meetings = await this.meetingsBetween(span.start, span.end).catch(() => []);
    const { open, inMeetings } = splitByMeetings(span, meetings);
    for (const part of inMeetings) {
      const there = await this.store.entriesBetween(part.start, part.end);
      if (there.some((e) => e.start < part.end && (e.end ?? Infinity) > part.start)) await this.store.replaceEntries({ from: part.start, to: part.end }, []);
    }
    if (inMeetings.length > 0) await this.reload();
    const entries = open.length === 0 ? [] : await this.store.entriesBetween(span.start, span.end);
    const during = entries.filter((e) => open.some((part) => e.start < part.end && (e.end ?? Infinity) > part.start));
    const openMs = open.reduce((sum, part) => sum + part.end - part.start, 0);
    if (during.length === 0 || openMs < MINUTE) return this.render();
    const mode = during[0].mode;
    const other = otherMode(mode);
    const length = formatDuration(openMs);
    const why = span.reason === 'sleep' ? vscode.l10n.t('The computer slept') : vscode.l10n.t('You were away');
    const keep = vscode.l10n.t('Keep as {0}', mode);
    const retag = vscode.l10n.t('Count as {0}', other);
    const drop = vscode.l10n.t('Drop it');
    const inMeetingsMs = inMeetings.reduce((sum, part) => sum + part.end - part.start, 0);
    const question = inMeetingsMs === 0
      ? vscode.l10n.t('Lead Desk: {0} for {1} while the {2} timer ran.', why, length, mode)
      : vscode.l10n.t('Lead Desk: {0} for {1} while the {2} timer ran, besides {3} in meetings (counted as managerial).', why, length, mode, formatDuration(inMeetingsMs));
    this.askingAboutAway = true;
    this.awayQuestion.fire(true);
    let choice: string | undefined;
    try {
      choice = await vscode.window.showInformationMessage(question, keep, retag, drop);
    } finally {
      this.askingAboutAway = false;
      this.awayQuestion.fire(false);
    }
    if (!choice || choice === keep) return this.render();
    for (const part of open) {
      // Read again: the question may have waited minutes, and another window may have switched.
      const now = await this.store.entriesBetween(part.start, part.end);
      // The store cuts the part out of what is there (moving a running entry past it) and puts
      // in only what the part should hold, all closed.
      const inside = idleSpanReplacement(now, part, choice === retag ? 'other-mode' : 'drop');
      await this.store.replaceEntries({ from: part.start, to: part.end }, inside);
    }
    await this.reload();
  }
}
