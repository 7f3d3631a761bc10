#!/usr/bin/env node
// The same integration entry (dist/test/integration/index.js, a standard run()) in desktop VS Code,
// downloaded by @vscode/test-electron. Needs a machine that can download VS Code (not our CI).
// Tests that read the DOM through the code-server bridge skip themselves here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
try {
  await runTests({
    version: '1.139.1',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { LEAD_DESK_RETRY_BASE_MS: '20' },
  });
} catch (e) {
  console.error(`desktop VS Code tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
