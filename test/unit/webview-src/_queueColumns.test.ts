import assert from 'node:assert/strict';
import { REVIEW_COLUMNS, SORT_KEYS, firstDirection } from '../../../webview-src/_queueColumns';
import { REVIEW_SORT_KEYS } from '../../../src/core/reviewQueue';

describe('review queue columns', () => {
  it('give every order the core sorts by a column, and every column one key', () => {
    assert.deepEqual([...SORT_KEYS].sort(), [...REVIEW_SORT_KEYS].sort());
    const keys = REVIEW_COLUMNS.map((c) => c.key);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('sort the wait longest first on the first click, the others A→Z / what needs attention first', () => {
    assert.equal(firstDirection('age'), 'desc');
    for (const key of SORT_KEYS.filter((k) => k !== 'age')) assert.equal(firstDirection(key), 'asc', key);
  });
});
