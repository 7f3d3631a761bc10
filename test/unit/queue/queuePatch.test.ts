/** After the first full message the queue host sends only what changed; the webview rebuilds the same data. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ReviewQueueRow } from '../../../src/core/reviewQueue';
import type { QueueData } from '../../../src/queue/protocol';
import { applyQueuePatch, isQueuePatch, queuePatch } from '../../../src/queue/queuePatch';

const row = (number: number, title = `PR ${number}`): ReviewQueueRow => ({
  repo: 'octo/app', number, title, author: 'ana', url: '', requestedAt: number, createdAt: number, direct: true, additions: 1, deletions: 1, draft: false, ci: 'none', labels: [],
  waitingBusinessMs: 0, sla: 'ok', pastSla: false, size: 2, snoozed: false, state: 'needs-review', basis: 'needs-review',
});
const data = (rows: ReviewQueueRow[]): QueueData => ({ rows, ownPullRequests: [], notice: null, updated: 'Updated 10:42', loading: false, slaHours: 8, snoozeMin: '2026-12-07', snoozeMax: '2027-03-06' });

describe('queue patches', () => {
  it('one row changed: the patch carries that row only, and the webview rebuilds the same data', () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(i + 1));
    const shown = data(rows);
    const next = data(rows.map((r) => (r.number === 42 ? { ...r, snoozed: true } : r)));
    const patch = queuePatch(shown, next);
    assert.deepEqual(patch.rows.map((r) => r.number), [42]);
    assert.deepEqual(patch.removed, []);
    assert.ok(isQueuePatch(JSON.parse(JSON.stringify(patch))));
    assert.deepEqual(applyQueuePatch(shown, patch), next);
  });

  it('for any rows before and after (added, removed, changed, reordered), applying the patch gives the new data', () => {
    const rowsOf = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 30 });
    fc.assert(fc.property(rowsOf, rowsOf, fc.boolean(), (before, after, retitle) => {
      const old = new Map(before.map((n) => [n, row(n)]));
      const shown = data(before.map((n) => old.get(n)!));
      const next = data(after.map((n) => (old.has(n) && !(retitle && n % 2 === 0) ? old.get(n)! : row(n, `new ${n}`))));
      const patch = JSON.parse(JSON.stringify(queuePatch(shown, next))) as unknown;
      assert.ok(isQueuePatch(patch));
      assert.deepEqual(applyQueuePatch(JSON.parse(JSON.stringify(shown)) as QueueData, patch), JSON.parse(JSON.stringify(next)));
    }), { numRuns: 200 });
  });

  it('a patch that names a row it neither sends nor had is not applied (the webview asks for the whole data)', () => {
    const patch = queuePatch(data([row(1)]), data([row(1), row(2)]));
    assert.equal(applyQueuePatch(data([]), { ...patch, rows: [] }), null);
  });

  it('the guard refuses malformed patches', () => {
    const good = JSON.parse(JSON.stringify(queuePatch(data([row(1)]), data([row(2)])))) as Record<string, unknown>;
    assert.ok(isQueuePatch(good));
    for (const bad of [
      { ...good, extra: 1 },
      { ...good, rows: 'x' },
      { ...good, rows: [{ number: 1 }] },
      { ...good, rows: [{ repo: 'octo/app', number: 1.5 }] },
      { ...good, removed: ['x'.repeat(221)] },
      { ...good, order: [7] },
      { ...good, rest: null },
      { ...good, type: 'data' },
    ]) assert.equal(isQueuePatch(bad), false, JSON.stringify(bad).slice(0, 80));
  });
});
