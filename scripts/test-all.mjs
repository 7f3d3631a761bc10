#!/usr/bin/env node
// The whole test run: typecheck, lint, build, unit tests (plain Node), the date-dependent unit
// suites again under fixed clocks (a Saturday night and a Monday morning, in two time zones), the
// integration tests (real VS Code), and the packaged VSIX as users install it. Every step runs even when an earlier one fails; the last
// line adds up every suite as `N passed, N failed, N skipped` (a failed typecheck/lint/build
// counts as one failure) and the exit code is non-zero on any failure.
//
// A skipped test must say why, in one place: test/skips.json. With CI set (as .ci/run does), a
// skip that is not listed there fails the run; elsewhere it is reported.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const FIXED_CLOCKS = [
  { when: '2026-12-05T23:50:00', zone: 'Pacific/Auckland', label: 'Saturday 23:50, Pacific/Auckland' },
  { when: '2026-12-07T08:59:00', zone: 'America/Los_Angeles', label: 'Monday 08:59, America/Los_Angeles' },
];

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'build', cmd: ['node', 'esbuild.mjs'] },
  { name: 'unit', cmd: ['npx', 'mocha', '--config', 'test/unit/.mocharc.json'], counts: suiteLines },
  ...FIXED_CLOCKS.map(({ when, zone, label }) => ({
    name: `unit (dates) on ${label}`,
    cmd: ['npx', 'mocha', '--config', 'test/unit/.mocharc.dates.json', '--reporter-option', 'suite=unit-dates'],
    env: { LEAD_DESK_TEST_NOW: when, TZ: zone },
    counts: suiteLines,
  })),
  { name: 'integration', cmd: ['node', 'test/harness/run-integration.mjs'], counts: suiteLines },
  // The packaged VSIX installed as users install it (test/vsix): a file missing from the package fails here.
  { name: 'vsix', cmd: ['npx', 'mocha', '--reporter', 'test/summaryReporter.cjs', '--reporter-option', 'suite=vsix', '--no-color', 'test/vsix/installedVsix.test.mjs'], counts: suiteLines },
];

const allowedSkips = readAllowedSkips();
let passed = 0;
let failed = 0;
let skipped = 0;
const skippedTitles = new Set();
const summary = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.env ? `${Object.entries(step.env).map(([k, v]) => `${k}=${v}`).join(' ')} ` : ''}${step.cmd.join(' ')}`);
  const { code, output } = await run(step.cmd, step.env);
  const counted = step.counts?.(output);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
    skipped += counted.skipped;
    for (const title of counted.skippedTitles) skippedTitles.add(title);
  } else {
    if (code === 0) passed++;
    else failed++;
  }
  // A suite that reports no failures but exits non-zero (crash, timeout) still fails the run.
  if (code !== 0 && (!counted || counted.failed === 0)) failed++;
  summary.push(`${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}${counted ? ` ${counted.passed} passed, ${counted.failed} failed, ${counted.skipped} skipped` : ''} in ${secs} s`);
}
const unexplained = [...skippedTitles].filter((t) => !allowedSkips.has(t));
if (unexplained.length > 0) {
  const verdict = process.env.CI ? 'fails the run (CI)' : 'would fail the run in CI';
  summary.push(`skipped without a reason in test/skips.json (${verdict}):\n${unexplained.map((t) => `  - ${t}`).join('\n')}`);
  if (process.env.CI) failed += unexplained.length;
}
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);

/** test/skips.json: `{ "<full test title>": "why it may skip" }`; every reason must be non-empty. */
function readAllowedSkips() {
  const list = JSON.parse(fs.readFileSync(new URL('../test/skips.json', import.meta.url), 'utf8'));
  for (const [title, reason] of Object.entries(list)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`test/skips.json: "${title}" has no reason`);
  }
  return new Set(Object.keys(list));
}

function run([cmd, ...args], env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (d) => {
        output += d;
        (stream === child.stdout ? process.stdout : process.stderr).write(d);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The lines test/summaryReporter.cjs prints: one LEAD-DESK-SUITE total and one LEAD-DESK-SKIP per skip. */
function suiteLines(output) {
  const m = [...output.matchAll(/LEAD-DESK-SUITE \S+ passed=(\d+) failed=(\d+) skipped=(\d+)/g)];
  if (m.length === 0) return undefined;
  const skippedTitles = [...output.matchAll(/LEAD-DESK-SKIP ("(?:[^"\\]|\\.)*")/g)].map((x) => JSON.parse(x[1]));
  return m.reduce((acc, x) => ({ ...acc, passed: acc.passed + Number(x[1]), failed: acc.failed + Number(x[2]), skipped: acc.skipped + Number(x[3]) }),
    { passed: 0, failed: 0, skipped: 0, skippedTitles });
}
