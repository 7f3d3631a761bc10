/**
 * ical.js and the zone table are dist/calendarParser.js, loaded at the first calendar read: not
 * part of dist/extension.js, so activation never loads them (needs the build: `node esbuild.mjs`).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { CALENDAR_PARSER_FILE, lazyCalendarReader } from '../../../src/calendar/lazyCalendarReader';
import { at, inTimeZone } from '../core/timeZone';
import { bundleInputs, REPO_ROOT } from '../sourceFiles';
import { LEAD, weekFixture } from './fixtures';

const DIST = path.join(REPO_ROOT, 'dist');

describe('the calendar parser, loaded at the first read', () => {
  it('is not in dist/extension.js: ical.js and the zone table are in dist/calendarParser.js only', () => {
    const parserParts = /node_modules\/ical\.js\/|src\/core\/(calendarParse|calendarZones|windowsZones)\.ts$/;
    assert.deepEqual(bundleInputs('extension.js').filter((f) => parserParts.test(f)), []);
    const parser = bundleInputs(CALENDAR_PARSER_FILE);
    for (const part of ['node_modules/ical.js/', 'src/core/calendarParse.ts', 'src/core/windowsZones.ts']) {
      assert.ok(parser.some((f) => f.includes(part)), `${CALENDAR_PARSER_FILE} bundles ${part}`);
    }
    assert.ok(!bundleInputs('extension.js').some((f) => f.includes('windows-iana')), 'windows-iana is not shipped at all');
  });

  inTimeZone('Europe/Berlin', () => {
    it('loads dist/calendarParser.js at its first read, not before, and reads the calendar with it', () => {
      const file = path.join(DIST, CALENDAR_PARSER_FILE);
      delete require.cache[file];
      const read = lazyCalendarReader(DIST);
      assert.equal(require.cache[file], undefined, 'not loaded by making the reader');
      const monday = { start: at('2024-03-25T00:00:00+01:00'), end: at('2024-03-26T00:00:00+01:00') };
      const meetings = read(weekFixture(), monday, { myEmails: [LEAD], countTentative: true });
      assert.ok(require.cache[file], 'loaded at the first read');
      assert.deepEqual(meetings.map((m) => m.title), ['Standup', 'Sprint planning', 'Design review']);
    });
  });
});
