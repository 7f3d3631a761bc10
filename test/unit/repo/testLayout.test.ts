/**
 * A reader finds a unit test where its source is: `src/x/y.ts` is tested in `test/unit/x/y.test.ts`
 * (a second file on the same source says its aspect: `y.<aspect>.test.ts`), and `webview-src/x.ts`
 * in `test/unit/webview-src/x.test.ts`. Tests of the repository as a whole live in test/unit/repo/,
 * each listed below with the reason it names no single source.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../sourceFiles';

/** test/unit/repo/: not about one source file. */
const REPO_WIDE: Record<string, string> = {
  'coreIsPure.test.ts': 'scans every file of src/core/ for imports of vscode or Node I/O',
  'engineBelowStores.test.ts': 'checks the import direction between src/store/engine/ and the feature stores',
  'fixedClock.test.ts': 'checks the pinned clock of the test run itself (test/unit/fixedClock.cjs)',
  'idsInOnePlace.test.ts': 'scans all of src/ for ids spelled outside src/ids.ts',
  'importCircles.test.ts': 'builds the import graph of all of src/',
  'inboxBoundary.test.ts': 'checks who imports src/work/ and src/inbox/ across all features',
  'l10n.test.ts': 'exports the l10n bundle from all of src/',
  'nls.test.ts': 'checks package.json against package.nls.json',
  'packageContents.test.ts': 'packs the VSIX and checks what it holds',
  'remoteDevelopment.test.ts': 'scans all of src/ for paths that break in a remote window',
  'testLayout.test.ts': 'checks the layout of test/unit/ (this file)',
  'timeZone.test.ts': 'checks the time-zone helper of the tests (test/unit/core/timeZone.ts)',
};

/** The source a unit test's path names, relative to the repository: `x/y.aspect.test.ts` → `src/x/y.ts`. */
export function namedSource(test: string): string {
  const dir = path.posix.dirname(test);
  const name = path.posix.basename(test).split('.')[0];
  const underWebview = dir === 'webview-src' || dir.startsWith('webview-src/');
  return path.posix.join(underWebview ? '' : 'src', dir === '.' ? '' : dir, `${name}.ts`);
}

/** Each unit test (path under test/unit/) that breaks the layout, with what is wrong. */
export function misplacedTests(tests: readonly string[], exists: (repoPath: string) => boolean): string[] {
  const found: string[] = [];
  for (const test of tests) {
    if (test.startsWith('repo/')) {
      const name = test.slice('repo/'.length);
      if (!(name in REPO_WIDE)) found.push(`test/unit/${test}: in repo/ but not listed as repository-wide in testLayout.test.ts`);
    } else if (!exists(namedSource(test))) {
      found.push(`test/unit/${test}: no ${namedSource(test)} (name it after the source it tests, or list it in repo/)`);
    }
  }
  for (const name of Object.keys(REPO_WIDE)) {
    if (!tests.includes(`repo/${name}`)) found.push(`test/unit/repo/${name}: listed as repository-wide but missing`);
  }
  return found;
}

describe('unit test layout', () => {
  it('reads a test\'s source from its path, aspect and webview-src included', () => {
    assert.equal(namedSource('store/engine/jsonFile.test.ts'), 'src/store/engine/jsonFile.ts');
    assert.equal(namedSource('store/oneOnOneStore.recovery.test.ts'), 'src/store/oneOnOneStore.ts');
    assert.equal(namedSource('settings.calendar.test.ts'), 'src/settings.ts');
    assert.equal(namedSource('webview-src/shared/text.test.ts'), 'webview-src/shared/text.ts');
  });

  it('names a test whose path names no source, and a repo/ test nobody listed', () => {
    const sources = new Set(['src/store/taskStore.ts']);
    const tests = [...Object.keys(REPO_WIDE).map((n) => `repo/${n}`), 'store/taskStore.test.ts', 'store/records.test.ts', 'repo/misc.test.ts'];
    assert.deepEqual(misplacedTests(tests, (p) => sources.has(p)), [
      'test/unit/store/records.test.ts: no src/store/records.ts (name it after the source it tests, or list it in repo/)',
      'test/unit/repo/misc.test.ts: in repo/ but not listed as repository-wide in testLayout.test.ts',
    ]);
  });

  it('every unit test mirrors the source it tests: test/unit/x/y.test.ts for src/x/y.ts', () => {
    const unit = path.join(REPO_ROOT, 'test', 'unit');
    const tests = fs.readdirSync(unit, { recursive: true }).map((f) => String(f).split(path.sep).join('/')).filter((f) => f.endsWith('.test.ts'));
    assert.ok(tests.length > 50, `found only ${tests.length} unit tests below ${unit}`);
    assert.deepEqual(misplacedTests(tests, (p) => fs.existsSync(path.join(REPO_ROOT, p))), []);
  });
});
