// Mocha's spec reporter plus machine-readable lines for scripts/test-all.mjs, which adds up every
// suite and checks each skip against test/skips.json:
//   LEAD-DESK-SKIP <JSON full title>                      one per skipped (pending) test
//   LEAD-DESK-SUITE <name> passed=N failed=N skipped=N   at the end of the run
// Used by the unit run (`--reporter test/summaryReporter.cjs --reporter-option suite=unit`) and
// by the integration entry (test/integration/index.ts) inside VS Code.
'use strict';
const Mocha = require('mocha');

const { EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const suite = options?.reporterOptions?.suite ?? 'mocha';
    const skipped = [];
    runner.on(EVENT_TEST_PENDING, (test) => skipped.push(test.fullTitle()));
    runner.once(EVENT_RUN_END, () => {
      // After the spec reporter's own epilogue, which subscribed first (in super()).
      for (const title of skipped) console.log(`LEAD-DESK-SKIP ${JSON.stringify(title)}`);
      const s = runner.stats ?? {};
      console.log(`LEAD-DESK-SUITE ${suite} passed=${s.passes ?? 0} failed=${s.failures ?? 0} skipped=${skipped.length}`);
    });
  }
}

module.exports = SummaryReporter;
