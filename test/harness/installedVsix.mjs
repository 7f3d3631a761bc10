// Lead Desk as a user gets it: `npm run package` in a clean copy of the checkout, the VSIX installed
// into a fresh code-server profile with `--install-extension` (not the development path), and a
// headless Chromium on the workbench. Used by test/vsix/installedVsix.test.mjs and, for the README
// screenshots, by `node test/harness/installedVsix.mjs --screenshots media/readme`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { toolchain } from './toolchain.mjs';
import { freePort, waitForHealth } from './codeServerNet.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CODE_SERVER_ENTRY = ['node_modules', 'code-server', 'out', 'node', 'entry.js'];
// What a clean clone has, plus the shared node_modules: never the checkout's build output, so the
// VSIX holds only what `npm run package` itself builds.
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', path.join('media', 'dist')]);

/**
 * Packages the extension the way a release does, in a copy of `source` under `dir`; returns the
 * VSIX path. `editCopy(copyDir)` may change the copy first (the test's "file missing from the package" proof).
 */
export function packageVsix(dir, { source = root, editCopy } = {}) {
  const copy = path.join(dir, 'checkout');
  fs.cpSync(source, copy, { recursive: true, filter: (f) => !NOT_COPIED.has(path.relative(source, f)) });
  fs.symlinkSync(path.join(source, 'node_modules'), path.join(copy, 'node_modules'));
  editCopy?.(copy);
  const r = spawnSync('npm', ['run', 'package'], { cwd: copy, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return path.join(copy, 'dist', 'lead-desk.vsix');
}

/** Installs a VSIX into a new profile under `dir` with code-server's own `--install-extension`. */
export function installVsix(dir, vsix, tools = toolchain()) {
  const profile = { dir, user: path.join(dir, 'user'), extensions: path.join(dir, 'extensions'), config: path.join(dir, 'config.yaml') };
  fs.mkdirSync(path.join(profile.user, 'User'), { recursive: true });
  fs.writeFileSync(profile.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const r = spawnSync(tools.node, [path.join(tools.tools, ...CODE_SERVER_ENTRY), '--config', profile.config,
    '--user-data-dir', profile.user, '--extensions-dir', profile.extensions, '--install-extension', vsix], { encoding: 'utf8' });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`--install-extension failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return profile;
}

/** The fake GitHub (test/fake-github, demo scenario) from the development build; `stop()` ends it. */
export async function startFakeGitHub() {
  const cli = path.join(root, 'dist', 'test', 'fake-github', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/test/fake-github/cli.js is missing: run `node esbuild.mjs` first');
  const child = spawn(process.execPath, [cli, '--port', '0', '--scenario', 'demo'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const first = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake GitHub exited (${code})`)));
  });
  const { url, token, repositories, team } = JSON.parse(first);
  return { url, token, pid: child.pid, stop: () => killGroup(child),
    // What scripts/demo.mjs configures when the scenario does not say.
    repositories: repositories ?? ['acme/api', 'acme/web', 'acme/infra'], team: team ?? ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena'] };
}

/**
 * code-server on the installed profile (no development path, no test payload) and a headless
 * Chromium page on its workbench. Returns `{ page, workspace, log, stop() }`.
 */
export async function openWorkbench(profile, { settings = {}, env = {}, viewport = { width: 1400, height: 900 } } = {}, tools = toolchain()) {
  const workspace = path.join(profile.dir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
  spawnSync('git', ['remote', 'add', 'origin', 'https://github.com/acme/api.git'], { cwd: workspace });
  fs.writeFileSync(path.join(profile.user, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.tips.enabled': false,
    ...settings,
  }, null, 2));
  const port = await freePort();
  fs.writeFileSync(profile.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = path.join(profile.dir, 'code-server.log');
  const out = fs.openSync(log, 'a');
  const server = spawn(tools.node, [path.join(tools.tools, ...CODE_SERVER_ENTRY), '--config', profile.config,
    '--user-data-dir', profile.user, '--extensions-dir', profile.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
  { env: { ...process.env, ...env, EXTENSIONS_GALLERY: '{}' }, stdio: ['ignore', out, out], detached: true });
  let browser;
  const stop = async () => {
    await browser?.close().catch(() => {});
    await killGroup(server);
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, 60_000);
    const { chromium } = createRequire(path.join(tools.tools, 'node_modules', 'x.js'))('playwright-core');
    browser = await chromium.launch({ executablePath: tools.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    return { page, workspace, log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Runs a command by its title through the command palette, as a user does. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

/** The webview frame whose document matches `selector` (webviews are iframes in iframes). */
export async function webviewFrame(page, selector, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      if (await f.$(selector).catch(() => null)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${selector} within ${timeoutMs / 1000} s`);
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }   // the process group we started, nothing else
  await new Promise((r) => setTimeout(r, 500));
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
}

