/**
 * The integration test entry: the standard `run()` that VS Code's test runner calls inside the
 * extension host (code-server here, desktop VS Code under @vscode/test-electron / test-cli).
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // The summary reporter prints the spec output plus the lines scripts/test-all.mjs adds up
  // (passed, failed, skipped, and the title of each skipped test).
  const reporter = path.resolve(__dirname, '..', '..', '..', 'test', 'summaryReporter.cjs');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter, reporterOptions: { suite: 'integration' } });
  // Without the harness's bridge (desktop VS Code, test:desktop) the tests leave out what they
  // read in the workbench's DOM: say so as a skip, which CI refuses (it is in no test/skips.json).
  if (!process.env.REAL_VSCODE_BRIDGE) console.log(`LEAD-DESK-SKIP ${JSON.stringify('integration: every check of the workbench DOM (no webview bridge)')}`);
  const only = process.env.LEAD_DESK_GREP;
  if (only) mocha.grep(only);
  // LEAD_DESK_SUITE_FILE=timer.test.js runs one suite file alone (test/harness/run-each-alone.mjs).
  const onlyFile = process.env.LEAD_DESK_SUITE_FILE;
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (!onlyFile || f === onlyFile)).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const failures = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  if (failures.failures > 0) throw new Error(`${failures.failures} integration test(s) failed`);
}
