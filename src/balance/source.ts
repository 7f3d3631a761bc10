import type * as vscode from 'vscode';
import type { TimeEntry } from '../core/timeEntry';
import type { MeetingCredit } from '../core/timeline';

/** The time data the balance report and the CSV export read; implemented by the timer/store. */
export interface BalanceSource {
  /** Entries that overlap [from, to) (epoch ms), running ones (`end: null`) included. */
  entriesBetween(from: number, to: number): Promise<TimeEntry[]>;
  /**
   * The connected calendars' meetings that overlap [from, to), with the `calendar.overlap` rule:
   * credited as managerial time when the report is built (never written as entries). Absent: no calendar.
   */
  meetingCredit?(from: number, to: number): Promise<MeetingCredit>;
  /** The lead's technical target in percent (0–100), from {@link Settings.technicalTarget}. */
  technicalTarget(): number;
  /** Fires when entries, meetings or the target change. */
  readonly onDidChange: vscode.Event<void>;
}
