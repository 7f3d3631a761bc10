import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startOfDay } from 'date-fns';
import { inTimeZone } from '../core/timeZone';

/** Offsets (minutes) and local midnights around DST changes, as a fresh process in `zone` sees them. */
function probe(): string {
  const instants = [Date.UTC(2024, 2, 31, 12), Date.UTC(2024, 9, 27, 12), Date.UTC(2024, 2, 10, 12), Date.UTC(2024, 10, 3, 12)];
  return JSON.stringify(instants.map((ms) => [new Date(ms).getTimezoneOffset(), new Date(new Date(ms).setHours(0, 0, 0, 0)).getTime()]));
}

describe('time zone switching used by the DST tests', () => {
  for (const zone of ['Europe/Berlin', 'America/New_York']) {
    inTimeZone(zone, () => {
      it('matches a process started in that zone', () => {
        const child = spawnSync(process.execPath, ['-e', `process.stdout.write((${probe.toString()})())`], {
          env: { ...process.env, TZ: zone },
          encoding: 'utf8',
        });
        assert.equal(child.status, 0, child.stderr);
        assert.equal(probe(), child.stdout);
      });

      it('gives date-fns the zone’s midnight', () => {
        const expected = zone === 'Europe/Berlin' ? Date.parse('2024-03-31T00:00:00+01:00') : Date.parse('2024-03-10T00:00:00-05:00');
        const noon = zone === 'Europe/Berlin' ? Date.parse('2024-03-31T12:00:00+02:00') : Date.parse('2024-03-10T12:00:00-04:00');
        assert.equal(startOfDay(noon).getTime(), expected);
      });
    });
  }
});
