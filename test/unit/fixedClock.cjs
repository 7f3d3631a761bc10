// Mocha root hooks: with LEAD_DESK_TEST_NOW set (a local date-time such as 2026-12-05T23:50:00,
// read in the TZ the run was started with), `Date` starts at that instant for the whole run and
// then moves on with real time. scripts/test-all.mjs runs the date-dependent unit suites this way
// on a Saturday night and a Monday morning, in two time zones, so a test that reads the real clock
// instead of an injected `now` fails here on any day, not only on the day the bug shows.
// Only `Date` is faked: timers stay real. The store suites are not run this way: their
// cross-process locks compare file times (set by the real clock) with Date.now(); their dates come
// from an injected `now` in their own tests.
'use strict';
const FakeTimers = require('@sinonjs/fake-timers');

const pinned = process.env.LEAD_DESK_TEST_NOW;
let clock;

exports.mochaHooks = {
  beforeAll() {
    if (!pinned || clock) return;
    const start = new Date(pinned).getTime();
    if (Number.isNaN(start)) throw new Error(`LEAD_DESK_TEST_NOW is not a date-time: ${pinned}`);
    clock = FakeTimers.install({ now: start, toFake: ['Date'], shouldAdvanceTime: true, advanceTimeDelta: 5 });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    console.log(`fixed clock: ${new Date().toString()} (${zone})`);
  },
  // The clock moves on through a real interval, which would keep the process alive after the run.
  afterAll() {
    clock?.uninstall();
    clock = undefined;
  },
};
