import type * as vscode from 'vscode';
import type { TimeEntry } from '../core/timeEntry';

/** The time data the balance report and the CSV export read; implemented by the timer/store. */
export interface BalanceSource {
  /** Entries that overlap [from, to) (epoch ms), running ones (`end: null`) included. */
  entriesBetween(from: number, to: number): Promise<TimeEntry[]>;
  /** The lead's technical target in percent (0–100), from {@link Settings.technicalTarget}. */
  technicalTarget(): number;
  /** Fires when entries or the target change. */
  readonly onDidChange: vscode.Event<void>;
}
