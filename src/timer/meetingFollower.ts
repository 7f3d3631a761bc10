/**
 * The timer follows the day: the status bar names the meeting under way (`Managerial · Sprint
 * planning until 11:00`), and with automatic mode on a meeting's start suggests or switches to
 * Managerial and its end returns to what ran before (core/meetingDay.ts decides). No polling: one
 * wake-up at the next meeting boundary, besides the timer's own minute tick.
 */
import type * as vscode from 'vscode';
import { mergeMeetingSpans, type Meeting } from '../core/calendar';
import { toLocalDate } from '../core/localDate';
import { followMeetings, meetingAt, nextMeetingWake, NO_MEETING, type MeetingModeState } from '../core/meetingDay';
import type { Config } from '../config';
import { Disposable } from '../util/disposable';
import type { AutoMode } from './autoMode';
import type { TimerController } from './timerController';

/** The part of the calendar service the timer uses. */
export interface MeetingSource {
  meetingsBetween(start: number, end: number): Promise<Meeting[]>;
  readonly onDidChange: vscode.Event<void>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The longest a timeout may wait (setTimeout's limit is a signed 32-bit count of ms). */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class MeetingFollower extends Disposable {
  private meetings: Meeting[] = [];
  /** The local day the meetings were read for: a new day reads them again. */
  private loadedFor = '';
  private state: MeetingModeState = NO_MEETING;
  private wakeHandle: ReturnType<typeof setTimeout> | undefined;
  private lastWake = -Infinity;
  /** The timer has read the store: before that its mode is not known, so nothing is decided. */
  private timerReady = false;
  private reading: Promise<void> | undefined;
  /** Wake-ups at meeting boundaries (benchmarks may count them). */
  wakeUps = 0;

  constructor(
    private readonly timer: TimerController,
    private readonly autoMode: AutoMode,
    private readonly calendar: MeetingSource,
    private readonly config: Config,
    private readonly now: () => number = Date.now,
  ) {
    super();
    // The status bar learns of meetings at the first look, once they are read (none before).
    autoMode.meetingUnderWay = () => meetingAt(this.meetings, this.now()) !== undefined;
    this.register(calendar.onDidChange(() => void this.read()));
    this.register(timer.onDidChange(() => { this.timerReady = true; this.look(); }));
    this.register(config.onDidChange(() => this.look()));
    this.register({ dispose: () => clearTimeout(this.wakeHandle) });
    void this.read();
  }

  /** The meetings the timer follows now (yesterday's late ones to tomorrow's). */
  get current(): readonly Meeting[] {
    return this.meetings;
  }

  /** Reads the meetings again (the calendar changed, or a new day began), then looks. */
  read(): Promise<void> {
    const run = async () => {
      const now = this.now();
      const dayStart = new Date(now).setHours(0, 0, 0, 0);
      try {
        // From yesterday (a meeting running past midnight) to tomorrow (the first wake-up after midnight).
        this.meetings = await this.calendar.meetingsBetween(dayStart - DAY, dayStart + 2 * DAY);
      } catch (e) {
        console.warn('[lead-desk] could not read the calendar\'s meetings for the timer', e);
      }
      this.loadedFor = toLocalDate(now);
      this.look();
    };
    const next = (this.reading ?? Promise.resolve()).then(run, run);
    this.reading = next;
    return next;
  }

  /** One look at the calendar and the timer: switch or suggest, show the meeting, wake at the next boundary. */
  look(): void {
    if (this.isDisposed) return;
    const now = this.now();
    if (this.loadedFor && toLocalDate(now) !== this.loadedFor) {
      this.loadedFor = '';
      void this.read();
      return;
    }
    if (this.timerReady) {
      const running = this.timer.current;
      const settings = this.config.settings;
      const { state, proposal } = followMeetings(this.state, {
        now, spans: mergeMeetingSpans(this.meetings), mode: running?.mode ?? null, startedByMeeting: running?.auto === 'meeting',
        setting: settings.autoMode, joinGapMs: settings.autoMinutes * MINUTE,
      });
      this.state = state;
      if (proposal) void this.autoMode.followCalendar(proposal);
    }
    this.timer.showMeetings((at) => meetingAt(this.meetings, at));
    this.schedule(now);
  }

  private schedule(now: number): void {
    clearTimeout(this.wakeHandle);
    const wake = nextMeetingWake(this.meetings, now, this.lastWake);
    if (wake === undefined) return;
    // Just after the boundary, as the minute tick does, so the meeting has begun when the timer looks.
    const at = wake + 50;
    this.wakeHandle = setTimeout(() => {
      this.wakeUps++;
      this.lastWake = this.now();
      this.look();
    }, Math.min(MAX_DELAY_MS, Math.max(0, at - now)));
  }
}
