// Runs Lead Desk's integration tests in a real VS Code: code-server (the VS Code workbench + a Node
// extension host) driven by headless Chromium. Desktop VS Code cannot be downloaded on our offline
// machines; code-server from npm can. Started by run-integration.mjs / demo.mjs with resolved paths.
// With --serve it instead installs the extension and keeps code-server up for a person to use.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';   // mocha logs printf-style ('%d passing')
import { freePort, waitForHealth } from './codeServerNet.mjs';

const opts = parseArgs(process.argv.slice(2));
const WORKBENCH_NOISE = /^(\[|Creating a socket|Resolv|Ignoring fetching|Updating additional builtin|Timed out waiting for authentication provider|\s+at )/;
const require = createRequire(path.join(opts.tools, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const entry = path.join(opts.tools, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'real-vscode-'));
const port = opts.port ?? await freePort();
const origin = `http://127.0.0.1:${port}`;
let server, browser, page, bridgeServer, finished = false;

const deadline = setTimeout(() => finish(124, `timed out after ${opts.timeout} s`), opts.timeout * 1000);
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));

try {
  fs.mkdirSync(path.join(tmp, 'user', 'User'), { recursive: true });
  const settings = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
    'extensions.autoCheckUpdates': false, 'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...(opts.settings ? JSON.parse(fs.readFileSync(opts.settings, 'utf8')) : {}) };
  fs.writeFileSync(path.join(tmp, 'user', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const workspace = opts.workspace ?? fs.mkdtempSync(path.join(tmp, 'workspace-'));
  if (opts.serve) installExtension(opts.extension, path.join(tmp, 'extensions'));

  const bridge = await startBridge(() => page);   // lets tests inside the host look at the page
  opts.env.REAL_VSCODE_BRIDGE = bridge;
  const log = fs.openSync(path.join(tmp, 'code-server.log'), 'a');
  server = spawn(opts.node, [entry, '--config', path.join(tmp, 'config.yaml'),
    '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    // Without the smoke-test driver a built workbench ignores the extensionTestsPath payload.
    ...(opts.serve ? [] : ['--vscode-option', 'enable-smoke-test-driver']), workspace],
    { env: { ...process.env, ...opts.env, EXTENSIONS_GALLERY: '{}' }, stdio: ['ignore', log, log], detached: true });
  server.on('exit', (code) => finish(1, `code-server exited early (${code})`));
  await waitForHealth(`${origin}/healthz`, 60_000);
  if (opts.serve) {
    clearTimeout(deadline);
    const url = `${origin}/?folder=${encodeURIComponent(workspace)}`;
    if (opts.screenshot) await serveScreenshots(url, opts.screenshot);
    console.log(`Lead Desk is running in VS Code at ${url}  (Ctrl+C stops it)`);
    await new Promise(() => {});
  }

  browser = await chromium.launch({ executablePath: opts.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  // Everything the workbench logs arrives here, the extension host's console output included;
  // unless --verbose, drop the workbench's own chatter so the test output stands out.
  await page.exposeFunction('codeAutomationLog', (_level, args) => {
    for (const line of format(...[].concat(args)).split('\n')) if (opts.verbose || !WORKBENCH_NOISE.test(line)) console.log(line);
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const payload = [['extensionDevelopmentPath', remote(opts.extension)], ['extensionTestsPath', remote(opts.tests)]];
  await page.goto(`${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await exited;
  if (opts.screenshot) await page.screenshot({ path: opts.screenshot }).catch((e) => console.error(`screenshot failed: ${e.message}`));
  await finish(code, code === 0 ? undefined : `tests failed (exit code ${code})`);
} catch (e) {
  await finish(1, e.message);
}

async function finish(code, why) {
  if (finished) return;
  finished = true;
  clearTimeout(deadline);
  if (why) console.error(`real-vscode-test: ${why}`);
  if (code !== 0 && code !== 130 && code !== 143) {
    const logFile = path.join(tmp, 'code-server.log');
    if (fs.existsSync(logFile)) console.error(`--- code-server log (tail) ---\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n')}`);
  }
  bridgeServer?.close();
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}   // the process group we started, nothing else
    await new Promise((r) => setTimeout(r, 500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  }
  if (opts.keep) console.error(`real-vscode-test: kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}

function parseArgs(argv) {
  const o = { env: {}, timeout: 300, keep: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => argv[++i];
    if (a === '--extension') o.extension = v();
    else if (a === '--tests') o.tests = v();
    else if (a === '--workspace') o.workspace = path.resolve(v());
    else if (a === '--settings') o.settings = v();
    else if (a === '--env') { const [k, ...rest] = v().split('='); o.env[k] = rest.join('='); }
    else if (a === '--timeout') o.timeout = Number(v());
    else if (a === '--screenshot') o.screenshot = path.resolve(v());
    else if (a === '--keep') o.keep = true;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--serve') o.serve = true;
    else if (a === '--port') o.port = Number(v());
    else if (a === '--tools') o.tools = v();
    else if (a === '--node') o.node = v();
    else if (a === '--chromium') o.chromium = v();
    else { console.error(`real-vscode-test: unknown option ${a}`); process.exit(2); }
  }
  if (o.serve) o.tests ??= o.extension;
  if (!o.extension || !o.tests) { console.error('usage: real-vscode-test --extension DIR --tests FILE.js [--workspace DIR] [--settings FILE.json] [--env K=V]... [--timeout S] [--screenshot FILE.png] [--keep] [--verbose]'); process.exit(2); }
  for (const p of [o.extension, o.tests]) if (!fs.existsSync(p)) { console.error(`real-vscode-test: ${p} does not exist`); process.exit(2); }
  return o;
}

// A tiny HTTP API on 127.0.0.1 for tests running in the extension host (URL in REAL_VSCODE_BRIDGE):
//   POST /frames                       -> [{ url, text }] of every frame (webviews are nested iframes)
//   POST /query { selector, frame? }   -> [{ text, html, scrollWidth, clientWidth, left, right, contentRight }] of matching
//                                         elements, in frames whose URL contains `frame`
//   POST /click { selector, frame? }   -> clicks the first match
//   POST /press { key }                -> keyboard press in the workbench, e.g. "F1" or "Control+Shift+P"
//   POST /type { text }                -> types text
//   POST /screenshot { path }          -> saves a PNG of the page
//   POST /viewport { width, height }   -> resizes the page (the "window"); returns the size it had before
//   POST /evaluate { expression, frame } -> [{ url, value }]: the (awaited, JSON) value of a script expression in each frame whose
//                                         URL contains `frame`. Playwright evaluates it over the DevTools protocol, which a page's
//                                         CSP does not govern: that is how the accessibility test runs axe-core inside a webview
//                                         while the webview keeps its production CSP (nonce scripts only), unchanged.
async function startBridge(getPage) {
  const { createServer } = await import('node:http');
  const framesMatching = (frame) => getPage().frames().filter((f) => !frame || f.url().includes(frame));
  const actions = {
    frames: async () => Promise.all(getPage().frames().map(async (f) => ({ url: f.url(), text: await f.evaluate(() => document.body?.innerText ?? '').catch(() => '') }))),
    query: async ({ selector, frame }) => (await Promise.all(framesMatching(frame).map((f) => f.$$eval(selector,
      (els) => els.map((e) => {
        // Where the element is and where its content box ends: text past `contentRight` is clipped or ellipsised.
        const r = e.getBoundingClientRect();
        const css = getComputedStyle(e);
        const px = (v) => parseFloat(v) || 0;
        return { text: e.textContent, html: e.innerHTML, scrollWidth: e.scrollWidth, clientWidth: e.clientWidth,
          left: r.left, right: r.right, contentRight: r.right - px(css.borderRightWidth) - px(css.paddingRight) };
      })).catch(() => [])))).flat(),
    click: async ({ selector, frame }) => {
      for (const f of framesMatching(frame)) { const el = await f.$(selector); if (el) { await el.click(); return true; } }
      return false;
    },
    press: async ({ key }) => getPage().keyboard.press(key),
    type: async ({ text }) => getPage().keyboard.type(text),
    screenshot: async ({ path: file }) => getPage().screenshot({ path: file }),
    evaluate: async ({ expression, frame }) => {
      if (typeof expression !== 'string' || !frame) throw new Error('evaluate needs an expression and a frame');
      return Promise.all(framesMatching(frame).map(async (f) => ({ url: f.url(), value: await f.evaluate(expression) })));
    },
    viewport: async ({ width, height }) => {
      const before = getPage().viewportSize();
      await getPage().setViewportSize({ width, height });
      return before;
    },
  };
  bridgeServer = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const act = actions[req.url.slice(1)];
    try {
      if (!act) throw new Error(`unknown bridge action ${req.url}`);
      const out = await act(body ? JSON.parse(body) : {});
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out ?? null));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: e.message }));
    }
  });
  await new Promise((r) => bridgeServer.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${bridgeServer.address().port}`;
}

// A person's session: the built extension copied in as an installed extension (PUBLISHER.NAME-VERSION),
// so the workbench loads it like one from the marketplace. Only what the VSIX would ship is copied.
function installExtension(src, extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
  const dest = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.mkdirSync(dest, { recursive: true });
  for (const item of shippedTopLevel(src)) {
    fs.cpSync(path.join(src, item), path.join(dest, item), { recursive: true, filter: (f) => !f.includes(`${path.sep}test`) });
  }
}

// The top-level files and folders that hold what the VSIX ships: the `!` lines of .vscodeignore
// (`!dist/extension.js` → dist), so the demo runs what users install and the list lives once.
function shippedTopLevel(src) {
  const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const tops = fs.readFileSync(path.join(src, '.vscodeignore'), 'utf8').split(/\r?\n/)
    .map((line) => line.trim()).filter((line) => line.startsWith('!')).map((line) => glob(line.slice(1).split('/')[0]));
  return fs.readdirSync(src).filter((name) => tops.some((top) => top.test(name)));
}

// Screenshots for the README: the workbench with the Lead Desk sidebar open, then whatever the
// commands in --shots-commands open. Uses the same headless Chromium as the tests.
async function serveScreenshots(url, file) {
  browser = await chromium.launch({ executablePath: opts.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  await page.waitForTimeout(4000);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

