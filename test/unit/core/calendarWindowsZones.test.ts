/**
 * Outlook's TZIDs are Windows zone names. Lead Desk looks them up in src/core/windowsZones.ts, a
 * table generated from windows-iana (scripts/windows-zones.mjs) so the package's 77 KB of
 * aliases stay out of the bundle. The table must answer as windows-iana itself does.
 */
import assert from 'node:assert/strict';
import { WINDOWS_TO_IANA_MAP, findIana } from 'windows-iana';
import { ianaZoneFor, zonedWallTimeToInstant } from '../../../src/core/calendarZones';
import { WINDOWS_ZONES } from '../../../src/core/windowsZones';

/** Whether this runtime's Intl knows the zone (as calendarZones checks it). */
function knownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const windowsNames = [...new Set(WINDOWS_TO_IANA_MAP.map((entry) => entry.windowsName))];

describe('Windows zone names (the generated table against windows-iana)', () => {
  it('knows every Windows zone name windows-iana knows, and no other', () => {
    assert.ok(windowsNames.length > 100, `windows-iana lists its zones (${windowsNames.length})`);
    assert.deepEqual(Object.keys(WINDOWS_ZONES).sort(), [...windowsNames].sort());
  });

  it('gives CLDR\'s default zone (territory 001) for each, as windows-iana\'s findIana does', () => {
    const differ = windowsNames.filter((name) => WINDOWS_ZONES[name] !== findIana(name, '001')[0]);
    assert.deepEqual(differ, [], 'regenerate with node scripts/windows-zones.mjs');
  });

  it('maps each to the zone the calendar used with windows-iana: itself when it is an IANA name ("UTC"), else its first zone this runtime knows', () => {
    const before = (name: string) => ((name.includes('/') || name === 'UTC') && knownZone(name) ? name : findIana(name).find(knownZone));
    const differ = windowsNames
      .map((name) => ({ name, table: ianaZoneFor(name), windowsIana: before(name) }))
      .filter((row) => row.table !== row.windowsIana);
    assert.deepEqual(differ, []);
  });

  it('reads a Windows name, with spaces around it, to the instant of its IANA zone', () => {
    const wall = { year: 2024, month: 7, day: 1, hour: 9, minute: 0, second: 0 };
    assert.equal(ianaZoneFor(' W. Europe Standard Time '), 'Europe/Berlin');
    assert.equal(zonedWallTimeToInstant(wall, 'Pacific Standard Time'), Date.UTC(2024, 6, 1, 16));
    assert.equal(zonedWallTimeToInstant(wall, 'W. Europe Standard Time'), zonedWallTimeToInstant(wall, 'Europe/Berlin'));
  });

  it('knows no zone for a name in neither list, nor for the names every object has', () => {
    for (const name of ['Mars Standard Time', 'constructor', 'toString', '__proto__', '']) assert.equal(ianaZoneFor(name), undefined, name);
  });
});
