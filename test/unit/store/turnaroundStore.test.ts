/**
 * Issue 20, item 4: the review-request histories behind the turnaround are kept in the store
 * (`review-turnaround.json`) per GitHub origin, account and watched repositories, and read from
 * GitHub at most once a day: an ordinary refresh asks GitHub nothing for them. Unreadable data is
 * set aside, never written over.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { turnaroundDue, TURNAROUND_REFRESH_MS, TURNAROUND_RETRY_MS, type PullRequestHistory } from '../../../src/core/reviewTurnaround';
import { TURNAROUND_FILE, TURNAROUND_KEEP_MS, TurnaroundStore, turnaroundKey } from '../../../src/store/turnaroundStore';
import { ReviewTurnaroundSource, type ReadTurnaroundHistories } from '../../../src/turnaround/reviewTurnaroundSource';
import type { BusinessHours } from '../../../src/core/businessHours';
import { cleanup, EventLog, tempDir } from './helpers';

const ALWAYS: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' };
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const SCOPE = { origin: 'https://api.github.com', account: 'lead', repos: ['acme/api', 'acme/web'] };
const HISTORY: PullRequestHistory = {
  repo: 'acme/api', number: 7, closedAt: null,
  events: [{ kind: 'requested', reviewer: 'ana', at: NOW - 10 * HOUR }, { kind: 'reviewed', reviewer: 'ana', at: NOW - 7 * HOUR }, { kind: 'requested', reviewer: 'ben', at: NOW - 2 * HOUR }],
};

/** A GitHub read that counts its calls, answering `HISTORY` (or failing while `fail` is set). */
function countingRead(): ReadTurnaroundHistories & { calls: number; fail: boolean } {
  const read = Object.assign(async () => {
    read.calls++;
    if (read.fail) throw new Error('GitHub is down');
    return { histories: [HISTORY], complete: true };
  }, { calls: 0, fail: false });
  return read;
}

describe('store/TurnaroundStore and the once-a-day read', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('turnaround'); });
  afterEach(() => cleanup(dir));

  it('turnaroundDue: never read, or 24 hours after the last read; an hour after a failed one', () => {
    assert.equal(turnaroundDue(undefined, NOW), true);
    assert.equal(turnaroundDue({ fetchedAt: NOW - TURNAROUND_REFRESH_MS + 1 }, NOW), false);
    assert.equal(turnaroundDue({ fetchedAt: NOW - TURNAROUND_REFRESH_MS }, NOW), true);
    assert.equal(turnaroundDue({ fetchedAt: NOW + HOUR }, NOW), true, 'read "in the future": the clock went back');
    assert.equal(turnaroundDue({ fetchedAt: NOW - 2 * TURNAROUND_REFRESH_MS, failedAt: NOW - TURNAROUND_RETRY_MS + 1 }, NOW), false);
    assert.equal(turnaroundDue({ fetchedAt: NOW - 2 * TURNAROUND_REFRESH_MS, failedAt: NOW - TURNAROUND_RETRY_MS }, NOW), true);
    assert.equal(turnaroundDue({ fetchedAt: NOW - HOUR, failedAt: NOW - 2 * HOUR }, NOW), false, 'a failure before the last read changes nothing');
  });

  it('reads GitHub once, then answers from the store the rest of the day — in this window and in another — and again the next day', async () => {
    let now = NOW;
    const read = countingRead();
    const a = new ReviewTurnaroundSource(await TurnaroundStore.open(dir), read, () => now);
    const first = await a.turnaround(SCOPE, ['ana', 'ben'], ALWAYS);
    assert.equal(read.calls, 1);
    assert.deepEqual(first!.turnaround.members.map((m) => [m.login, m.current.reviewed, m.current.medianMs, m.current.stillWaiting]), [['ana', 1, 3 * HOUR, 0], ['ben', 0, null, 1]]);
    assert.equal(first!.fetchedAt, NOW);
    now += 5 * 60_000; // an ordinary sidebar refresh
    await a.turnaround(SCOPE, ['ana', 'ben'], ALWAYS);
    const other = new ReviewTurnaroundSource(await TurnaroundStore.open(dir), read, () => now);
    const fromOther = await other.turnaround({ ...SCOPE, repos: ['ACME/web', 'acme/api'] }, ['ana'], ALWAYS);
    assert.equal(read.calls, 1, 'the same day, the same repositories in another order: nothing asked of GitHub');
    assert.equal(fromOther!.fetchedAt, NOW);
    now = NOW + TURNAROUND_REFRESH_MS - 1;
    await a.turnaround(SCOPE, ['ana'], ALWAYS);
    assert.equal(read.calls, 1);
    now = NOW + TURNAROUND_REFRESH_MS;
    await Promise.all([a.turnaround(SCOPE, ['ana'], ALWAYS), a.turnaround(SCOPE, ['ben'], ALWAYS)]);
    assert.equal(read.calls, 2, 'a day later: read again, once for two callers');
    await a.turnaround({ ...SCOPE, repos: ['acme/api'] }, ['ana'], ALWAYS);
    assert.equal(read.calls, 3, 'other repositories: another read');
  });

  it('a failed read keeps the last histories, says they are stale, and waits an hour before trying again', async () => {
    let now = NOW;
    const read = countingRead();
    const source = new ReviewTurnaroundSource(await TurnaroundStore.open(dir), read, () => now);
    read.fail = true;
    assert.equal(await source.turnaround(SCOPE, ['ana'], ALWAYS), null, 'never read: nothing to show');
    now += 10 * 60_000;
    assert.equal(await source.turnaround(SCOPE, ['ana'], ALWAYS), null);
    assert.equal(read.calls, 1, 'no new try within the hour');
    read.fail = false;
    now = NOW + TURNAROUND_RETRY_MS;
    assert.equal((await source.turnaround(SCOPE, ['ana'], ALWAYS))!.stale, false);
    assert.equal(read.calls, 2);
    read.fail = true;
    now += TURNAROUND_REFRESH_MS;
    const stale = await source.turnaround(SCOPE, ['ana'], ALWAYS);
    assert.equal(read.calls, 3);
    assert.equal(stale!.stale, true);
    assert.equal(stale!.fetchedAt, NOW + TURNAROUND_RETRY_MS, 'the histories of the last good read');
    assert.equal(stale!.turnaround.members[0]!.current.reviewed, 1);
  });

  it('a damaged file is set aside (moved, not overwritten), and the next read starts afresh', async () => {
    const file = path.join(dir, TURNAROUND_FILE);
    fs.writeFileSync(file, '{"version":1,"entries":{"x": tru');
    const events = new EventLog();
    const read = countingRead();
    const source = new ReviewTurnaroundSource(await TurnaroundStore.open(dir, { ...events, now: () => NOW }), read, () => NOW);
    assert.equal((await source.turnaround(SCOPE, ['ana'], ALWAYS))!.turnaround.members[0]!.current.reviewed, 1);
    assert.equal(read.calls, 1);
    assert.equal(events.recovered.length, 1);
    const aside = events.recovered[0]!.movedTo;
    assert.ok(aside && fs.existsSync(aside));
    assert.equal(fs.readFileSync(aside, 'utf8'), '{"version":1,"entries":{"x": tru', 'the damaged file as it was');
  });

  it('an entry this version cannot read is set aside: not used, and copied before the read that replaces it', async () => {
    const file = path.join(dir, TURNAROUND_FILE);
    const bad = { origin: SCOPE.origin, account: 'lead', repos: ['acme/api', 'acme/web'], fetchedAt: NOW, complete: true, histories: [{ repo: 'acme/api', number: 'seven', closedAt: null, events: [] }] };
    const original = JSON.stringify({ version: 1, entries: { [turnaroundKey(SCOPE)]: bad, keep: { ...bad, account: 'other' } } });
    fs.writeFileSync(file, original);
    const events = new EventLog();
    const copies: string[] = [];
    const store = await TurnaroundStore.open(dir, { ...events, onSetAsideCopied: (e) => { copies.push(e.copy); }, now: () => NOW });
    assert.equal(events.recordSkipped.length, 2);
    assert.equal(store.get(SCOPE), undefined, 'readers never see it');
    const read = countingRead();
    await new ReviewTurnaroundSource(store, read, () => NOW).turnaround(SCOPE, ['ana'], ALWAYS);
    assert.equal(read.calls, 1, 'an unreadable entry is as good as none: read again');
    assert.equal(copies.length, 1);
    assert.equal(fs.readFileSync(copies[0]!, 'utf8'), original, 'the file as it was stays beside it');
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    assert.deepEqual(onDisk.entries.keep, { ...bad, account: 'other' }, 'the other unreadable entry is written back untouched');
    store.dispose();
  });

  it('forgets scopes not read for two weeks; refuses to save what it could not read back', async () => {
    const store = await TurnaroundStore.open(dir);
    const old = { ...SCOPE, repos: ['acme/old'] };
    await store.save(old, { histories: [HISTORY], complete: true }, NOW - TURNAROUND_KEEP_MS);
    await store.save(SCOPE, { histories: [HISTORY], complete: false }, NOW);
    assert.equal(store.get(old), undefined);
    assert.equal(store.get(SCOPE)!.complete, false);
    await assert.rejects(store.save(SCOPE, { histories: [{ ...HISTORY, number: Number.NaN }], complete: true }, NOW), RangeError);
    await assert.rejects(store.save({ ...SCOPE, account: '' }, { histories: [], complete: true }, NOW), RangeError);
    store.dispose();
  });
});
