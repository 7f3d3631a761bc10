#!/usr/bin/env node
// `npm run bench`: builds Lead Desk, runs every benchmark, prints a table, and writes
// bench/results.json and bench/RESULTS.md (the Markdown table for the README).
//
//   node bench/run-all.mjs [--long] [--only sizes,store,github,team,host] [--host-parts queueFirstPaint,…] [--keep] [--verbose]
//
//   sizes   production bundle (dist/extension.js) and VSIX size. Built in a temporary copy of the
//           repository so the dev build in dist/ is never replaced under someone running tests.
//   store   dist/bench/store-write.js: timer switch write latency with 1k and 50k entries of history.
//   turnaround dist/bench/turnaround.js: the review turnaround's daily read (8 teammates, 8 weeks,
//           10 repos) and an ordinary refresh after it (0 requests for the turnaround).
//   trend   dist/bench/trend.js: the balance panel's 8-week report (store read + build) with 1k and 50k entries.
//   trend   dist/bench/trend.js: the balance panel's 8-week report (store read + build) with 1k and 50k entries
//           and 8 weeks of meetings from a calendar.
//   calendar dist/bench/calendar.js: parse and expand a feed of 2,000 events / 50 series over 8 weeks, and
//           the refresh of an unchanged feed (one conditional request, 0 bytes parsed).
//   github  dist/bench/github-requests.js: requests, GraphQL points and time per full sidebar
//           refresh against the fake GitHub, 25 / 100 / 500 reviews over 1 / 10 / 50 repos, also with
//           every request delayed 100 ms (about 30 s).
//   team    dist/bench/team-load.js: requests for the team's review load of 8 members (goal 1), and a
//           sidebar refresh with it (goal: the sidebar's + 1), against the fake GitHub.
//   review  dist/bench/morning-review.js: Start Morning Review → every section's data, 10 watched repos,
//           every request answered after 50 ms; a first and a second review, 5 samples (about 30 s).
//   rhythm  dist/bench/rhythm.js: red-build poll of 10 repos (first and unchanged) and the standup
//           notes with warm data (50k entries of history).
//   host    dist/bench/inHost.js inside a real VS Code (code-server + headless Chromium) running
//           the production build: tree build and queue first paint with 500 PRs, status bar
//           following another window, timer wake-ups while idle (61 s; 130 s with --long), and
//           activation time (the first one, then 20 fresh copies of the bundle). `--host-parts`
//           runs only the named parts of it (treeBuild, queueFirstPaint, statusBarFollow,
//           idleWakeups, activation), e.g. `--only host --host-parts queueFirstPaint`.
//   workbench bench/inWorkbench.mjs: the VSIX installed as a user installs it, in code-server driven
//           by Playwright: window reload → saved reviews on screen (GitHub hanging), and Start Morning
//           Review → every section on screen (about 4 minutes).
//
// A benchmark that cannot run says why; the others still run. Exit code 1 only when one could not run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { GOALS, githubHeader, githubRows, machine, markdown, plainTable, table } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const ALL = ['sizes', 'store', 'trend', 'calendar', 'github', 'team', 'turnaround', 'review', 'rhythm', 'host', 'workbench'];
const only = option('only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? ALL;
for (const name of only) if (!ALL.includes(name)) { console.error(`run-all: unknown benchmark "${name}" (${ALL.join(', ')})`); process.exit(2); }
const LONG = flag('long');
const VERBOSE = flag('verbose');
const KEEP = flag('keep');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-'));
const logs = path.join(work, 'logs');
fs.mkdirSync(logs);
const results = {
  machine: machine(),
  startedAt: new Date().toISOString(),
  options: { long: LONG, only },
  benchmarks: {},
};
const problems = [];

/** Runs a command, its output to a log file (and the console with --verbose); resolves { code, output, log }. */
function run(cmd, args, { cwd = root, name, env = {}, timeoutMs = 30 * 60_000 } = {}) {
  const log = path.join(logs, `${name}.log`);
  return new Promise((resolve) => {
    const out = fs.createWriteStream(log);
    out.write(`$ ${cmd} ${args.join(' ')}\n(cwd ${cwd})\n`);
    let output = '';
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => { output += `\n[run-all] ${name} timed out after ${timeoutMs / 1000} s\n`; child.kill('SIGTERM'); }, timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (d) => {
        output += d;
        out.write(d);
        if (VERBOSE) process.stdout.write(d);
      });
    }
    child.on('error', (e) => { output += `\n[run-all] ${e.message}\n`; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      out.end();
      resolve({ code: code ?? (signal ? 128 : 1), output, log });
    });
  });
}

const tail = (text, n = 25) => text.trim().split('\n').slice(-n).join('\n');
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

async function step(name, fn) {
  const started = Date.now();
  console.log(`\n== ${name}`);
  try {
    results.benchmarks[name] = await fn();
    console.log(`   done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    results.benchmarks[name] = { error: why };
    problems.push(`${name}: ${why}`);
    console.log(`   could not run: ${why}`);
  }
}

function jsonLine(output, prefix) {
  const line = output.split('\n').find((l) => l.startsWith(prefix));
  if (!line) return undefined;
  return JSON.parse(prefix.startsWith('{') ? line : line.slice(prefix.length));
}

// ---------------------------------------------------------------- build
let devBuildOk = false;
await step('build', async () => {
  const r = await run('node', ['esbuild.mjs'], { name: 'build' });
  if (r.code !== 0) throw new Error(`node esbuild.mjs failed (exit ${r.code}; log ${r.log}):\n${tail(r.output)}`);
  const missing = ['dist/extension.js', 'dist/bench/store-write.js', 'dist/bench/trend.js', 'dist/bench/calendar.js', 'dist/bench/github-requests.js', 'dist/bench/team-load.js', 'dist/bench/turnaround.js', 'dist/bench/morning-review.js', 'dist/bench/rhythm.js', 'dist/bench/inHost.js'].filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length) throw new Error(`the build did not produce ${missing.join(', ')}`);
  devBuildOk = true;
  return { ok: true };
});

// A copy of the working tree (node_modules linked), for the production build, vsce and the host run.
// The sizes are of the shipped bundle; the host run needs the API the shipped bundle does not
// export (it exists in a build with test hooks only), so it rebuilds the copy minified, with them.
let prodCopy;
let prodCopyHooks;
async function productionCopy({ testHooks = false } = {}) {
  if (prodCopy && prodCopyHooks === testHooks) return prodCopy;
  const dir = path.join(work, 'repo');
  if (!prodCopy) {
    fs.mkdirSync(dir);
    for (const entry of fs.readdirSync(root)) {
      if (['node_modules', '.git'].includes(entry)) continue;
      fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  }
  const r = await run('node', ['esbuild.mjs', '--production', ...(testHooks ? ['--test-hooks'] : [])], { cwd: dir, name: 'build-production' });
  if (r.code !== 0) throw new Error(`node esbuild.mjs --production failed (exit ${r.code}; log ${r.log}):\n${tail(r.output)}`);
  prodCopy = dir;
  prodCopyHooks = testHooks;
  return dir;
}

async function vsce(dir, out, extra, name) {
  const bin = path.join(root, 'node_modules', '.bin', 'vsce');
  // The same flags as `npm run package`: the package has no public repository URL, so vsce
  // cannot rewrite the README's relative links and refuses to package unless told not to.
  const r = await run(bin, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out, ...extra], { cwd: dir, name });
  const clean = r.output.replace(/\x1b\[[0-9;]*m/g, '');   // eslint-disable-line no-control-regex
  if (r.code !== 0 || !fs.existsSync(out)) throw new Error(`vsce package failed (exit ${r.code}; log ${r.log}):\n${tail(clean, 15)}`);
  const files = Number(clean.match(/Packaged: .*\((\d+) files?/)?.[1] ?? NaN);
  const warnings = clean.split('\n').filter((l) => /WARNING/.test(l)).map((l) => l.replace(/^\s*WARNING\s*/, '').trim());
  return { bytes: fs.statSync(out).size, kb: kb(fs.statSync(out).size), files, warnings };
}

// ---------------------------------------------------------------- sizes
if (only.includes('sizes')) await step('sizes', async () => {
  const dir = await productionCopy();
  const bundle = fs.readFileSync(path.join(dir, 'dist', 'extension.js'));
  const webviews = Object.fromEntries(fs.readdirSync(path.join(dir, 'media', 'dist')).filter((f) => f.endsWith('.js'))
    .map((f) => [f, kb(fs.statSync(path.join(dir, 'media', 'dist', f)).size)]));
  // The files beside the bundle that load at their first use, never at activation (esbuild.mjs).
  const lazyFiles = Object.fromEntries(fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.endsWith('.js') && f !== 'extension.js')
    .map((f) => [f, kb(fs.statSync(path.join(dir, 'dist', f)).size)]));
  const out = { bundle: { bytes: bundle.length, kb: kb(bundle.length), gzipKb: kb(zlib.gzipSync(bundle).length), goalKb: GOALS.bundleKB, pass: kb(bundle.length) <= GOALS.bundleKB }, lazyFilesKb: lazyFiles, webviewBundlesKb: webviews };
  const meta = path.join(dir, 'dist', 'meta.json');
  if (fs.existsSync(meta)) {
    // The biggest packages in the bundle, from esbuild's metafile.
    const inputs = JSON.parse(fs.readFileSync(meta, 'utf8')).outputs?.['dist/extension.js']?.inputs ?? {};
    const byPackage = {};
    for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
      const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const key = m ? m[1] : file.startsWith('src/') ? 'src/ (Lead Desk)' : 'other';
      byPackage[key] = (byPackage[key] ?? 0) + bytesInOutput;
    }
    out.bundle.largestParts = Object.entries(byPackage).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => ({ part: k, kb: kb(v) }));
  }
  try {
    out.vsix = { ...(await vsce(dir, '/tmp/lead-desk.vsix', [], 'vsce')), path: '/tmp/lead-desk.vsix', goalKb: GOALS.vsixKB };
    out.vsix.pass = out.vsix.kb <= GOALS.vsixKB;
  } catch (e) {
    out.vsix = { error: e.message };
    problems.push(`sizes: ${e.message.split('\n')[0]}`);
  }
  return out;
});

/**
 * Runs one plain-Node benchmark of the dev build and returns the JSON line it prints after
 * `prefix`. `exitMayFail`: the script sets exit code 1 when it misses its goal, and the result
 * still counts.
 */
async function nodeBench(name, script, args = [], { prefix = 'BENCH-JSON ', timeoutMs, exitMayFail = false } = {}) {
  if (!devBuildOk) throw new Error(`needs the dev build (${script})`);
  const r = await run('node', [script, ...args], { name, ...(timeoutMs ? { timeoutMs } : {}) });
  const data = jsonLine(r.output, prefix);
  if ((r.code !== 0 && !exitMayFail) || !data) throw new Error(`${name} failed (exit ${r.code}; log ${r.log}):\n${tail(r.output)}`);
  return data;
}

if (only.includes('store')) await step('store', () => nodeBench('store-write', 'dist/bench/store-write.js', [], { prefix: '{"bench":"store-write"' }));
if (only.includes('trend')) await step('trend', () => nodeBench('trend', 'dist/bench/trend.js', [], { prefix: '{"bench":"trend"' }));
if (only.includes('calendar')) await step('calendar', () => nodeBench('calendar', 'dist/bench/calendar.js', [], { prefix: '{"bench":"calendar"' }));
if (only.includes('github')) await step('github', () => nodeBench('github-requests', 'dist/bench/github-requests.js', ['1,10,50', '25,100,500'], { timeoutMs: 15 * 60_000 }));
if (only.includes('team')) await step('team', () => nodeBench('team-load', 'dist/bench/team-load.js', [], { exitMayFail: true }));
if (only.includes('turnaround')) await step('turnaround', () => nodeBench('turnaround', 'dist/bench/turnaround.js', [], { exitMayFail: true }));
if (only.includes('review')) await step('review', () => nodeBench('morning-review', 'dist/bench/morning-review.js', ['10', '5'], { timeoutMs: 10 * 60_000 }));
if (only.includes('rhythm')) await step('rhythm', () => nodeBench('rhythm', 'dist/bench/rhythm.js', [], { timeoutMs: 10 * 60_000 }));

// ---------------------------------------------------------------- host
if (only.includes('host')) await step('host', async () => {
  if (!devBuildOk) throw new Error('needs the dev build (dist/bench/inHost.js)');
  let extension = root;
  let build = 'dev build (dist/extension.js in the repository)';
  try {
    extension = await productionCopy({ testHooks: true });
    build = 'production build with the test API (temporary copy of the repository)';
  } catch (e) {
    console.log(`   production build failed, measuring the dev build instead: ${e.message.split('\n')[0]}`);
  }
  const { toolchain } = await import(path.join(root, 'test', 'harness', 'toolchain.mjs'));
  let tools;
  try {
    tools = toolchain();
  } catch (e) {
    throw new Error(`the real-VS-Code toolchain is not available (test/harness/setup.sh): ${e.message}`, { cause: e });
  }
  const tests = path.join(extension, 'dist', 'bench', 'inHost.js');
  if (extension !== root) fs.copyFileSync(path.join(root, 'dist', 'bench', 'inHost.js'), tests);
  const workspace = fs.mkdtempSync(path.join(work, 'workspace-'));
  const outFile = path.join(work, 'in-host.json');
  const idleSeconds = LONG ? 130 : 61;
  console.log(`   real VS Code, ${build}; includes a ${idleSeconds} s idle wait (about ${Math.round((idleSeconds + 150) / 60)} minutes)`);
  const r = await run(tools.node, [tools.driver, '--tools', tools.tools, '--node', tools.node, '--chromium', tools.chromium,
    '--extension', extension, '--tests', tests, '--workspace', workspace, '--timeout', String(600 + idleSeconds),
    '--env', `LEAD_DESK_BENCH_OUT=${outFile}`, '--env', 'LEAD_DESK_RETRY_BASE_MS=20', '--env', `LEAD_DESK_BENCH_IDLE_SECONDS=${idleSeconds}`,
    ...(option('host-parts') ? ['--env', `LEAD_DESK_BENCH_PARTS=${option('host-parts')}`] : [])],
  { name: 'in-host', timeoutMs: (700 + idleSeconds) * 1000 });
  let data;
  if (fs.existsSync(outFile)) data = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  else data = jsonLine(r.output, 'BENCH-JSON ');
  if (!data) throw new Error(`the in-host run produced no results (exit ${r.code}; log ${r.log}):\n${tail(r.output)}`);
  for (const [name, value] of Object.entries(data)) {
    if (value && typeof value === 'object' && 'error' in value) problems.push(`host/${name}: ${value.error}`);
  }
  return { build, ...data };
});

// ---------------------------------------------------------------- workbench
if (only.includes('workbench')) await step('workbench', async () => {
  if (!devBuildOk) throw new Error('needs the dev build (dist/test/fake-github)');
  const outFile = path.join(work, 'in-workbench.json');
  const r = await run('node', ['bench/inWorkbench.mjs', '--out', outFile], { name: 'in-workbench', timeoutMs: 15 * 60_000 });
  if (!fs.existsSync(outFile)) throw new Error(`the workbench run produced no results (exit ${r.code}; log ${r.log}):\n${tail(r.output)}`);
  const data = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  if (data.error) problems.push(`workbench: ${data.error}`);
  return data;
});

results.finishedAt = new Date().toISOString();
results.problems = problems;
const keepLogs = KEEP || problems.length > 0;
if (keepLogs) results.logs = logs;

// Runs with --only keep the other benchmarks' last figures.
const resultsFile = path.join(root, 'bench', 'results.json');
if ((only.length < ALL.length || option('host-parts')) && fs.existsSync(resultsFile)) {
  try {
    const previous = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    for (const [name, value] of Object.entries(previous.benchmarks ?? {})) {
      if (!(name in results.benchmarks)) results.benchmarks[name] = { ...value, fromEarlierRun: previous.startedAt };
      // --host-parts: the host parts not run keep theirs too.
      else if (name === 'host' && option('host-parts') && value && typeof value === 'object') {
        for (const [part, figures] of Object.entries(value)) {
          if (!(part in results.benchmarks.host) && figures && typeof figures === 'object') results.benchmarks.host[part] = { ...figures, fromEarlierRun: previous.startedAt };
        }
      }
    }
  } catch { /* a damaged earlier file is simply replaced */ }
}

const rows = table(results.benchmarks);
fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), markdown(rows, results));
console.log(`\n${plainTable(rows)}`);
const gh = githubRows(results.benchmarks.github);
if (gh.length) console.log(`\nGitHub per full sidebar refresh\n${plainTable(gh, githubHeader())}`);
console.log(`\nWrote bench/results.json and bench/RESULTS.md.${keepLogs ? ` Logs: ${logs}` : ''}`);
if (problems.length) console.log(`\nCould not measure:\n${problems.map((p) => `  - ${p.split('\n')[0]}`).join('\n')}`);
if (!KEEP) {
  // Keep the logs when something failed; the repository copy is always removed unless --keep.
  fs.rmSync(path.join(work, 'repo'), { recursive: true, force: true });
  if (!problems.length) fs.rmSync(work, { recursive: true, force: true });
} else {
  console.log(`Kept ${work}`);
}
process.exit(problems.length ? 1 : 0);
