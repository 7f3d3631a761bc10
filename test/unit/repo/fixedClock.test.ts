import assert from 'node:assert/strict';

// The date-dependent suites run again under pinned clocks (scripts/test-all.mjs): check the pin
// took, so a run that silently used the machine's own clock cannot pass as a "Saturday" run.
const pinned = process.env.LEAD_DESK_TEST_NOW;
if (pinned) {
  describe('the fixed clock of this run', () => {
    it(`starts at ${pinned} local time, in ${process.env.TZ}`, () => {
      const now = new Date();
      const start = new Date(pinned);
      assert.equal(Intl.DateTimeFormat().resolvedOptions().timeZone, process.env.TZ);
      assert.equal(now.getDay(), start.getDay(), `the weekday: ${now.toString()}`);
      assert.ok(now.getTime() >= start.getTime() && now.getTime() - start.getTime() < 30 * 60_000, now.toString());
    });
  });
}
