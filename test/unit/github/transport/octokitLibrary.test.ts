/**
 * Octokit and its plugins are dist/octokitLibrary.js, loaded when the first GitHub client is made:
 * not part of dist/extension.js, so activation and the saved inbox's first paint never load them
 * (needs the build: `node esbuild.mjs`).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bundleInputs, REPO_ROOT, sourceFiles } from '../../sourceFiles';

const DIST = path.join(REPO_ROOT, 'dist');
const LIBRARY = 'src/github/transport/octokitLibrary.ts';
/** The packages only dist/octokitLibrary.js may hold. */
const OCTOKIT_CODE = /node_modules\/(@octokit\/|bottleneck\/|before-after-hook\/|universal-user-agent\/)/;

describe('Octokit, loaded with the first GitHub client', () => {
  it('is not in dist/extension.js: Octokit and its plugins are in dist/octokitLibrary.js only', () => {
    assert.deepEqual(bundleInputs('extension.js').filter((f) => OCTOKIT_CODE.test(f)), []);
    const library = bundleInputs('octokitLibrary.js');
    for (const part of ['node_modules/@octokit/rest/', 'node_modules/@octokit/plugin-rest-endpoint-methods/', 'node_modules/@octokit/plugin-throttling/', 'node_modules/@octokit/plugin-retry/', 'node_modules/bottleneck/']) {
      assert.ok(library.some((f) => f.includes(part)), `octokitLibrary.js bundles ${part}`);
    }
    // Only Octokit goes there: a module of ours in it would be a second copy, with its own state.
    assert.deepEqual(library.filter((f) => !f.includes('node_modules/')), [LIBRARY]);
  });

  it('dist/extension.js requires dist/octokitLibrary.js at run time', () => {
    const bundle = fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8');
    assert.match(bundle, /require\("\.\/octokitLibrary\.js"\)/);
  });

  it('no source file but octokitLibrary.ts imports Octokit\'s code (types only elsewhere)', () => {
    const importers = sourceFiles(path.join(REPO_ROOT, 'src'))
      .filter((f) => !f.endsWith(path.normalize(LIBRARY)))
      .filter((f) => /^import (?!type\b)[^;]*from '(@octokit\/[^']+|bottleneck)';/m.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(REPO_ROOT, f));
    assert.deepEqual(importers, []);
  });
});
