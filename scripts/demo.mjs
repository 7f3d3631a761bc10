#!/usr/bin/env node
// The demo: a fake GitHub seeded with a realistic team (test/fake-github, demo scenario) and a
// code-server with Lead Desk installed and pointed at it. Prints the URL to open.
//   node scripts/demo.mjs [--port 8080] [--screenshot docs/x.png] [--github [API_URL]]
// With --github, no fake server starts: Lead Desk talks to github.com (or the GHE API URL given)
// and you sign in with "Lead Desk: Sign In to GitHub".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { toolchain } from '../test/harness/toolchain.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => (argv.includes(name) && argv[argv.indexOf(name) + 1] && !argv[argv.indexOf(name) + 1].startsWith('--') ? argv[argv.indexOf(name) + 1] : fallback);
const port = Number(value('--port', '8080'));
const children = [];
const stop = () => { for (const c of children) { try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ } } process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-demo-'));
const settings = { 'workbench.colorTheme': 'Default Dark Modern' };
const env = [];
if (flag('--github')) {
  settings['leadDesk.github.apiUrl'] = value('--github', 'https://api.github.com');
} else {
  const fake = spawn(process.execPath, [path.join(root, 'dist', 'test', 'fake-github', 'cli.js'), '--port', '0', '--scenario', 'demo'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.push(fake);
  const first = await new Promise((resolve, reject) => {
    readline.createInterface({ input: fake.stdout }).once('line', resolve);
    fake.once('exit', (code) => reject(new Error(`fake GitHub exited (${code})`)));
  });
  const { url, token, repositories, team } = JSON.parse(first);
  console.log(`fake GitHub: ${url} (token ${token})`);
  Object.assign(settings, {
    'leadDesk.github.apiUrl': url,
    'leadDesk.github.repositories': repositories ?? ['acme/api', 'acme/web', 'acme/infra'],
    'leadDesk.team.members': team ?? ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena'],
    'leadDesk.systems.healthChecks': [{ name: 'Fake GitHub', url: `${url}/zen`, expectedStatus: 200, timeoutMs: 3000 }],
  });
  // The demo token goes to the extension host's environment; Lead Desk moves it into SecretStorage.
  env.push('--env', `LEAD_DESK_TOKEN=${token}`);
}
fs.writeFileSync(path.join(tmp, 'settings.json'), JSON.stringify(settings, null, 2));

const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
spawnSync('git', ['remote', 'add', 'origin', 'https://github.com/acme/api.git'], { cwd: workspace });

const tools = toolchain();
const args = [tools.driver, '--serve', '--port', String(port), '--tools', tools.tools, '--node', tools.node, '--chromium', tools.chromium,
  '--extension', root, '--workspace', workspace, '--settings', path.join(tmp, 'settings.json'), ...env];
if (value('--screenshot')) args.push('--screenshot', path.resolve(value('--screenshot')));
const server = spawn(tools.node, args, { stdio: 'inherit', detached: true });
children.push(server);
server.on('exit', (code) => { console.error(`code-server stopped (${code})`); stop(); });
