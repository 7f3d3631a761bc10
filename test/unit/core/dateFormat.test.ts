import assert from 'node:assert/strict';
import { format as dateFnsFormat } from 'date-fns';
import fc from 'fast-check';
import { format } from '../../../src/core/dateFormat';
import { REPO_ROOT, sourceFiles } from '../sourceFiles';
import { inTimeZone } from './timeZone';

/** Every pattern src/ formats a date with (a new one must be added here and to dateFormat.ts). */
const PATTERNS = ['HH:mm', 'yyyy-MM-dd', "yyyy-MM-dd'T'HH:mm:ssxxx", 'EEE d MMM HH:mm', 'EEE d', 'd', 'd MMM', 'd MMM yyyy', 'EEEE d MMMM', 'EEEE d MMMM yyyy'];

function sameAsDateFns(): void {
  it('gives date-fns\' output for every pattern Lead Desk uses, over random instants', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...PATTERNS), (ms, pattern) => {
      assert.equal(format(ms, pattern), dateFnsFormat(ms, pattern));
      assert.equal(format(new Date(ms), pattern), dateFnsFormat(new Date(ms), pattern));
    }), { numRuns: 2000 });
  });
}

describe('dateFormat', () => {
  inTimeZone('Europe/Paris', sameAsDateFns);
  inTimeZone('America/St_Johns', sameAsDateFns);
  inTimeZone('Australia/Lord_Howe', sameAsDateFns);
  inTimeZone('UTC', sameAsDateFns);

  it('every pattern in src/ is one the test compares', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const found = new Set<string>();
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bformat\([^,()]+(?:\([^()]*\))?, (['"])(.*?)\1\)/g)) found.add(m[2]!);
    }
    assert.ok(found.size >= 5, `found only ${[...found].join(', ')}`);
    for (const p of found) assert.ok(PATTERNS.includes(p), `pattern ${p} is not compared with date-fns`);
  });

  it('refuses an invalid date and a token it does not know, as date-fns refuses the first', () => {
    assert.throws(() => format(Number.NaN, 'HH:mm'), RangeError);
    assert.throws(() => dateFnsFormat(Number.NaN, 'HH:mm'), RangeError);
    assert.throws(() => format(0, 'hh:mm a'), /Unsupported date pattern token "hh"/);
  });
});
