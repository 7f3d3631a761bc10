import assert from 'node:assert/strict';
import { parseSettings } from '../../src/settings';

describe('calendar settings', () => {
  it('reads the lead\'s addresses, the overlap rule, tentative and keepTitles, and refuses bad values with a message', () => {
    const { settings, problems } = parseSettings({
      'calendar.myEmails': ['lead@example.com', 'lead@example.com', 'me@home.example'], 'calendar.overlap': 'timer', 'calendar.tentative': false, 'calendar.keepTitles': false,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual([settings.calendarMyEmails, settings.calendarOverlap, settings.calendarTentative, settings.calendarKeepTitles], [['lead@example.com', 'me@home.example'], 'timer', false, false]);
    const bad = parseSettings({ 'calendar.myEmails': ['not an address'], 'calendar.overlap': 'both', 'calendar.tentative': 'yes' });
    assert.deepEqual(bad.problems.map((p) => p.setting), ['leadDesk.calendar.myEmails', 'leadDesk.calendar.overlap', 'leadDesk.calendar.tentative']);
    assert.deepEqual([bad.settings.calendarMyEmails, bad.settings.calendarOverlap, bad.settings.calendarTentative], [[], 'meeting', true]);
  });
});
