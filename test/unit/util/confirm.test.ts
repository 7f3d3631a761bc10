/**
 * The hook that lets an integration test answer a modal confirmation exists in the test build
 * only: the shipped bundle (built with `__LEAD_DESK_TEST_HOOKS__` false, as `esbuild.mjs
 * --production` does) contains neither the branch nor the hook's name, so no other extension can
 * answer "Merge …?" or "Hand … to …?" for the lead; nor does it export the API the tests drive
 * Lead Desk through, which reaches GitHub writes without any confirmation.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TEST_DIALOG_HOOK } from '../../../src/ids';
import { REPO_ROOT } from '../sourceFiles';

// Loaded at run time from node_modules: esbuild is a native tool, not something to bundle.
const esbuild = createRequire(path.join(REPO_ROOT, 'package.json'))('esbuild') as typeof import('esbuild');

async function extensionBundle(testHooks: boolean): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'src', 'extension.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], mainFields: ['module', 'main'], minify: true, write: false, logLevel: 'silent',
    define: { __LEAD_DESK_VERSION__: '"0.0.0"', __LEAD_DESK_TEST_HOOKS__: JSON.stringify(testHooks) },
  });
  return result.outputFiles[0]!.text;
}

describe('confirmations in the shipped bundle', function () {
  this.timeout(60_000);

  it('the production build turns the test hooks off (only the benchmarks\' --test-hooks keeps them)', () => {
    const script = fs.readFileSync(path.join(REPO_ROOT, 'esbuild.mjs'), 'utf8');
    assert.match(script, /const testHooks = !production \|\| process\.argv\.includes\('--test-hooks'\);/);
    assert.match(script, /__LEAD_DESK_TEST_HOOKS__: JSON\.stringify\(testHooks\)/);
    assert.doesNotMatch(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'), /--test-hooks/, 'npm run package ships without them');
  });

  it('has no way to answer a confirmation for the lead; the test build has one', async () => {
    const [shipped, testBuild] = await Promise.all([extensionBundle(false), extensionBundle(true)]);
    assert.ok(testBuild.includes(TEST_DIALOG_HOOK), 'the test build answers through the hook (so this check can see it)');
    assert.ok(!shipped.includes(TEST_DIALOG_HOOK), 'the shipped bundle must not carry the test hook');
  });

  it('exports no API another extension could act through (GitHub writes, the timer, the stores); the test build does', async () => {
    const [shipped, testBuild] = await Promise.all([extensionBundle(false), extensionBundle(true)]);
    // `activationMs` is a field of the exported API only (src/extension.ts).
    assert.ok(testBuild.includes('activationMs:'), 'the test build exports the API (so this check can see it)');
    assert.ok(!shipped.includes('activationMs'), 'the shipped bundle must not export the API');
  });
});
