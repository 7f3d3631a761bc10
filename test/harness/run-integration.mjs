#!/usr/bin/env node
// Runs the integration suites (dist/test/integration) inside a real VS Code: installs the
// toolchain if missing (setup.sh), then drives code-server + headless Chromium (driver.mjs).
// Extra arguments go to the driver (--verbose, --keep, --screenshot FILE, --timeout S).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolchain } from './toolchain.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tests = path.join(root, 'dist', 'test', 'integration', 'index.js');
if (!fs.existsSync(tests)) {
  console.error('run-integration: dist/test/integration/index.js is missing; run `npm run build` first');
  process.exit(2);
}
const tools = toolchain();

// A workspace that looks like a lead's checkout: a git repo with a GitHub remote.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-ws-'));
const git = (...args) => spawnSync('git', args, { cwd: workspace, stdio: 'ignore' });
git('init', '-q', '-b', 'main');
git('remote', 'add', 'origin', 'https://github.com/acme/api.git');
fs.mkdirSync(path.join(workspace, 'src'));
fs.writeFileSync(path.join(workspace, 'src', 'server.ts'), Array.from({ length: 30 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n') + '\n');
git('add', '-A');
spawnSync('git', ['-c', 'user.name=Lead', '-c', 'user.email=lead@example.com', 'commit', '-qm', 'init'], { cwd: workspace, stdio: 'ignore' });

const args = [tools.driver, '--tools', tools.tools, '--node', tools.node, '--chromium', tools.chromium,
  '--extension', root, '--tests', tests, '--workspace', workspace, '--timeout', '900',
  '--env', `LEAD_DESK_TEST_ARTIFACTS=${path.join(root, 'dist', 'test-artifacts')}`,
  // Octokit's retry back-off is 1 s, 4 s…; the failure tests need seconds, not minutes.
  '--env', 'LEAD_DESK_RETRY_BASE_MS=20', ...process.argv.slice(2)];
const child = spawn(tools.node, args, { stdio: 'inherit' });
child.on('exit', (code) => {
  fs.rmSync(workspace, { recursive: true, force: true });
  process.exit(code ?? 1);
});
