/** The hand-over between windows: only the session that fetched a snapshot sees it, and only while it is young. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PendingReview } from '../../../src/core/reviews';
import type { SidebarData } from '../../../src/github/api';
import { inboxFromSaved, isSidebarSnapshotData, SnapshotHandOver, type SidebarSnapshotData } from '../../../src/inbox/snapshotHandOver';
import { SnapshotStore } from '../../../src/store/snapshotStore';

const ORIGIN = 'https://api.github.com';
const review = (number: number): PendingReview => ({
  repo: 'acme/api', number, title: `PR ${number}`, author: 'ana', url: '', requestedAt: 1_000, createdAt: 0, direct: true, additions: 1, deletions: 1, draft: false, ci: 'none', labels: [],
});
const answer = { reviews: [review(1), review(2)], reviewsTotal: 2, delegatedIssues: [], ownPullRequests: [], rateLimit: null, account: 'lead' } as unknown as SidebarData;

describe('inbox: snapshot hand-over', () => {
  let dir: string;
  const handOver = (origin = ORIGIN) => new SnapshotHandOver(new SnapshotStore<SidebarSnapshotData>(dir, { check: isSidebarSnapshotData }), { apiOrigin: origin });
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-handover-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives a saved answer back to the session that fetched it, on its origin only', async () => {
    await handOver().save(answer, null, Date.now(), 'key-1');
    const saved = (await handOver().read())!;
    assert.deepEqual([saved.account, saved.data.reviews.map((r) => r.number), saved.data.teamLoad], ['lead', [1, 2], null]);
    assert.equal(handOver().isFor(saved, 'key-1'), true);
    assert.deepEqual([handOver().isFor(saved, 'key-2'), handOver().isFor(saved, ''), handOver().isFor(saved, undefined)], [false, false, false]);
    assert.equal(handOver('https://ghe.example/api/v3').isFor(saved, 'key-1'), false, 'another GitHub never sees it');
  });

  it('hands a snapshot younger than the interval to the next window of that session, and no older one', async () => {
    await handOver().save(answer, null, Date.now() - 60_000, 'key-1');
    assert.equal((await handOver().fresh('key-1', 5 * 60_000))?.account, 'lead');
    assert.equal(await handOver().fresh('key-1', 60_000), undefined, 'as old as the interval: this window asks GitHub');
    assert.equal(await handOver().fresh('key-2', 5 * 60_000), undefined, 'another session');
    await handOver().clear();
    assert.equal(await handOver().fresh('key-1', 5 * 60_000), undefined);
  });

  it('paints a snapshot written before the team load existed, with its snoozes, and drops a damaged one', () => {
    const old = { reviews: [review(1)], reviewsTotal: 1, delegatedIssues: [], ownPullRequests: [], rateLimit: null };
    assert.equal(isSidebarSnapshotData(old), true);
    const shown = inboxFromSaved(old, (r) => ({ ...r, snoozedUntil: 9 }));
    assert.deepEqual([shown.teamLoad, shown.reviews.map((r) => r.snoozedUntil)], [null, [9]]);
    assert.equal(isSidebarSnapshotData({ ...old, reviews: [{ repo: 'acme/api' }] }), false, 'a review without its number');
    assert.equal(isSidebarSnapshotData({ ...old, rateLimit: { remaining: 'lots' } }), false);
  });

  it('without a store, paints nothing and saves nothing', async () => {
    const none = new SnapshotHandOver(undefined, { apiOrigin: ORIGIN });
    assert.equal(none.enabled, false);
    await none.save(answer, null, Date.now(), 'key-1');
    assert.equal(await none.read(), undefined);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
