import type * as vscode from 'vscode';
import type { Meeting } from '../core/calendar';

/**
 * What the calendar feature provides to the others (`ctx.need('calendar')`): the meetings of every
 * connected calendar, read from calendars.json (shared by every window), never written as time.
 */
export interface CalendarService {
  /** Every connected calendar's meetings that overlap [start, end), sorted by start (epoch ms). */
  meetingsBetween(start: number, end: number): Promise<Meeting[]>;
  /** Whether any calendar is connected (a file or a feed, read or not yet). */
  connected(): Promise<boolean>;
  /** Fires after the calendars change: connected, disconnected, or read again (in any window). */
  readonly onDidChange: vscode.Event<void>;
}
