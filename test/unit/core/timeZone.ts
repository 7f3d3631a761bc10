import assert from 'node:assert/strict';

/**
 * Runs a mocha suite with `process.env.TZ` set. Node applies a runtime change of TZ to `Date`
 * (and so to date-fns); `before` checks it took effect, so a runtime that ignored it fails here
 * instead of silently testing the machine's own zone. Compute every local-time value inside
 * `it`/hooks, never in the `describe` body, which runs before the zone is set.
 */
export function inTimeZone(timeZone: string, body: () => void): void {
  describe(`in ${timeZone}`, () => {
    let saved: string | undefined;
    before(() => {
      saved = process.env.TZ;
      process.env.TZ = timeZone;
      assert.equal(Intl.DateTimeFormat().resolvedOptions().timeZone, timeZone);
    });
    after(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    body();
  });
}

/** An instant from an ISO string with an explicit offset, e.g. `2024-03-31T09:00:00+02:00`. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  assert.ok(!Number.isNaN(ms), `bad test instant ${iso}`);
  return ms;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
