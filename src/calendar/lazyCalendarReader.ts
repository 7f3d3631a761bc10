import * as path from 'node:path';
import type { CalendarReader } from './calendarReader';

/** The bundle esbuild.mjs builds from ./calendarReader.ts, next to dist/extension.js. */
export const CALENDAR_PARSER_FILE = 'calendarParser.js';

/**
 * A {@link CalendarReader} that loads dist/calendarParser.js (ical.js) at its first call: a lead
 * without a calendar never loads it, and activation never does.
 */
export function lazyCalendarReader(dir: string = __dirname): CalendarReader {
  let read: CalendarReader | undefined;
  return (text, window, rules) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file beside the bundle, read at run time, never bundled
    read ??= (require(path.join(dir, CALENDAR_PARSER_FILE)) as typeof import('./calendarReader')).readMeetings;
    return read(text, window, rules);
  };
}
