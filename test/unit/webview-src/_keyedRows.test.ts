import assert from 'node:assert/strict';
import { sameFields } from '../../../webview-src/_keyedRows';
import { formatDuration } from '../../../src/core/timeline';

const HOUR = 3_600_000;
const row = { repo: 'acme/api', number: 7, title: 'Fix it', labels: ['bug', 'p1'], waitingBusinessMs: 3 * HOUR, myReview: { state: 'COMMENTED', at: 5 } };

describe('keyed rows: which rows show the same', () => {
  it('finds a copy of a row the same, nested values included', () => {
    assert.equal(sameFields(row, structuredClone(row)), true);
  });

  it('finds any changed, added or removed field different, however deep', () => {
    for (const changed of [
      { ...row, title: 'Fix it!' },
      { ...row, labels: ['bug'] },
      { ...row, labels: ['bug', 'p2'] },
      { ...row, myReview: { state: 'APPROVED', at: 5 } },
      { ...row, snoozedUntil: 0 },
    ]) assert.equal(sameFields(row, changed), false, JSON.stringify(changed));
    const { title: _, ...without } = row;
    assert.equal(sameFields(row, { ...without, other: 'Fix it' } as unknown as typeof row), false);
  });

  it('compares a shown field as it reads: a wait that grew by seconds still reads "3h 00m"', () => {
    const later = { ...row, waitingBusinessMs: 3 * HOUR + 20_000 };
    assert.equal(sameFields(row, later), false);
    assert.equal(sameFields(row, later, { waitingBusinessMs: formatDuration }), true);
    assert.equal(sameFields(row, { ...row, waitingBusinessMs: 3 * HOUR + 60_000 }, { waitingBusinessMs: formatDuration }), false);
  });
});
