#!/usr/bin/env node
// Runs every integration suite file alone, each in a fresh VS Code profile (one code-server per
// file), to check that no suite depends on what another one left behind or set up before it.
// Not part of `npm test` (about 40 s a file); run after `npm run build`:
//   node test/harness/run-each-alone.mjs [file-substring…]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'dist', 'test', 'integration');
const wanted = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js') && (wanted.length === 0 || wanted.some((w) => f.includes(w)))).sort();
const results = [];
for (const file of files) {
  const run = spawnSync(process.execPath, [path.join(root, 'test', 'harness', 'run-integration.mjs'), '--env', `LEAD_DESK_SUITE_FILE=${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = /LEAD-DESK-SUITE \S+ (passed=\d+ failed=\d+ skipped=\d+)/.exec(run.stdout + run.stderr)?.[1] ?? 'no summary';
  results.push({ file, ok: run.status === 0, line });
  console.log(`${run.status === 0 ? 'ok  ' : 'FAIL'} ${file}: ${line}`);
  if (run.status !== 0) console.log((run.stdout + run.stderr).split('\n').filter((l) => /^\s+\d+\) |Error/.test(l)).slice(0, 20).join('\n'));
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} suite files passed alone, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
