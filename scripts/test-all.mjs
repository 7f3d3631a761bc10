#!/usr/bin/env node
// The whole test run: typecheck, lint, build, unit tests (plain Node), integration tests (real
// VS Code). Every step runs even when an earlier one fails; the last line adds up every suite as
// `N passed, N failed` (a failed typecheck/lint/build counts as one failure) and the exit code is
// non-zero on any failure.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'build', cmd: ['node', 'esbuild.mjs'] },
  { name: 'unit', cmd: ['npx', 'mocha', '--config', 'test/unit/.mocharc.json'], counts: mochaCounts },
  { name: 'integration', cmd: ['node', 'test/harness/run-integration.mjs'], counts: suiteLine },
];

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const { code, output } = await run(step.cmd);
  const counted = step.counts?.(output);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  } else {
    if (code === 0) passed++;
    else failed++;
  }
  // A suite that reports no failures but exits non-zero (crash, timeout) still fails the run.
  if (code !== 0 && (!counted || counted.failed === 0)) failed++;
  summary.push(`${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}${counted ? ` ${counted.passed} passed, ${counted.failed} failed` : ''} in ${secs} s`);
}
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

function mochaCounts(output) {
  const passing = output.match(/^\s*(\d+) passing/m);
  const failing = output.match(/^\s*(\d+) failing/m);
  if (!passing && !failing) return undefined;
  return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
}

function suiteLine(output) {
  const m = [...output.matchAll(/LEAD-DESK-SUITE \S+ passed=(\d+) failed=(\d+)/g)];
  if (m.length === 0) return undefined;
  return m.reduce((acc, x) => ({ passed: acc.passed + Number(x[1]), failed: acc.failed + Number(x[2]) }), { passed: 0, failed: 0 });
}
