/** The one generator of record ids: the shape the stores and the 1:1 panel rely on. */
import assert from 'node:assert/strict';
import { randomId } from '../../../src/core/randomId';
import { isOneOnOneMessage } from '../../../src/oneOnOne/protocol';

describe('randomId', () => {
  it('is the prefix, the time in base 36 and 40 random bits', () => {
    assert.match(randomId(), /^[0-9a-z]+-[0-9a-f]{10}$/);
    assert.match(randomId('t-'), /^t-[0-9a-z]+-[0-9a-f]{10}$/);
    assert.equal(randomId('a-', 1_700_000_000_000).split('-')[1], (1_700_000_000_000).toString(36));
  });

  it('fits the action-item id the 1:1 panel accepts back', () => {
    assert.ok(isOneOnOneMessage({ type: 'toggleAction', id: randomId('a-'), done: true }));
  });

  it('does not repeat within the same millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => randomId('', at)));
    assert.equal(ids.size, 1000);
  });
});
