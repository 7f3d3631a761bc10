import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openStores, type OpenStoresOptions } from '../../../src/store';
import { canChattr, canMount, cleanup, EventLog, fillDisk, mount, readOnlyMount, refusingRenamesOnto, tempDir, umount } from './helpers';

/*
 * Saves that failed are kept in memory; when the window closes (`deactivate` → `stores.close()`)
 * a last attempt is made, and what still cannot be saved goes to a recovery file that the next
 * start merges into the file as it is then, and removes (Trust #8).
 */

const titlesOnDisk = (dir: string) =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'tasks.json'), 'utf8')) as { tasks: { title: string }[] }).tasks.map((t) => t.title).sort();
const recoveryFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes('.recovery-')) : []);

describe('store/recovery of unsaved changes at close', () => {
  let dir: string;
  let store: string;
  let fallback: string;
  const undo: Array<() => void> = [];
  beforeEach(() => {
    dir = tempDir('recovery');
    store = path.join(dir, 'store');
    fallback = path.join(dir, 'fallback');
    fs.mkdirSync(store);
  });
  afterEach(() => {
    while (undo.length) undo.pop()!();
    cleanup(dir);
  });

  /** Save one task, break the disk, add another, close; repair, reopen: the task is there. */
  async function closeBrokenReopen(expectedCode: string, breakIt: () => void, repair: () => void, expectedFolder: () => string): Promise<void> {
    const events = new EventLog();
    const options: OpenStoresOptions = { ...events, retryFirstMs: 60_000, recoveryFallbackDir: fallback };
    const first = await openStores(store, options);
    await first.tasks.add({ title: 'saved before', assignee: 'ana', due: null });
    breakIt();
    await first.tasks.add({ title: 'kept in memory', assignee: 'bo', due: '2026-12-01' });
    assert.equal(events.writeFailed[0]?.code, expectedCode, events.writeFailed[0]?.message);
    await first.close();
    assert.equal(events.recoveryWritten.length, 1, JSON.stringify(events.recoveryWritten));
    const written = events.recoveryWritten[0].recoveryFile;
    assert.ok(written, events.recoveryWritten[0].error);
    assert.equal(path.dirname(written), expectedFolder());
    repair();
    assert.deepEqual(titlesOnDisk(store), ['saved before'], 'not saved before the next start');

    const second = await openStores(store, options);
    assert.deepEqual(second.tasks.list().map((t) => t.title).sort(), ['kept in memory', 'saved before']);
    assert.deepEqual(titlesOnDisk(store), ['kept in memory', 'saved before']);
    assert.equal(second.tasks.list().find((t) => t.title === 'kept in memory')?.due, '2026-12-01');
    assert.equal(events.recoveryMerged.length, 1);
    assert.equal(fs.existsSync(written), false, 'the recovery file is removed once merged');
    await second.close();
    assert.equal(events.recoveryWritten.length, 1, 'nothing left to recover');
  }

  it('EPERM on tasks.json (chattr +i): the recovery file goes beside the store and the next start merges it', async function () {
    if (!canChattr()) this.skip();
    const file = path.join(store, 'tasks.json');
    await closeBrokenReopen('EPERM', () => {
      execFileSync('chattr', ['+i', file]);
      undo.push(() => spawnSync('chattr', ['-i', file]));
    }, () => execFileSync('chattr', ['-i', file]), () => store);
  });

  it('EROFS: the store folder is read-only, so the recovery file goes to the fallback folder', async function () {
    if (!canMount()) this.skip();
    const readOnly = readOnlyMount(store, undo);
    await closeBrokenReopen('EROFS', readOnly.breakIt, readOnly.repair, () => path.join(fallback));
  });

  it('ENOSPC: the disk is full, so the recovery file goes to the fallback folder', async function () {
    if (!canMount()) this.skip();
    mount(['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', store]);
    undo.push(() => umount(store));
    const filler = path.join(store, 'filler');
    await closeBrokenReopen('ENOSPC', () => fillDisk(filler), () => fs.rmSync(filler), () => fallback);
  });

  it('merges record by record with what another window saved meanwhile: its edits, additions and removals survive', async () => {
    const failing = refusingRenamesOnto(['tasks.json']);
    const events = new EventLog();
    const a = await openStores(store, { ...events, fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null });
    const b = await openStores(store, { recoveryFallbackDir: null });
    await b.tasks.add({ id: 'x', title: 'X', assignee: 'ana', due: null });
    await b.tasks.add({ id: 'w', title: 'W', assignee: 'ana', due: null });
    await b.tasks.add({ id: 'v', title: 'V', assignee: 'ana', due: null });
    await a.tasks.refresh();

    failing.arm(true);
    await a.tasks.patch('x', { due: '2026-12-01' });
    await a.tasks.remove('w');
    await a.tasks.add({ id: 'z', title: 'Z', assignee: 'cy', due: null });
    assert.equal(a.tasks.unsavedChanges, 3);
    await b.tasks.patch('x', { assignee: 'bo' });
    await b.tasks.add({ id: 'y', title: 'Y', assignee: 'bo', due: null });
    await b.tasks.remove('v');
    await a.close();
    assert.equal(path.dirname(events.recoveryWritten[0]?.recoveryFile ?? ''), store, 'beside the store: that folder still takes new files');
    await b.close();

    const c = await openStores(store, { ...events, recoveryFallbackDir: null });
    const byId = new Map(c.tasks.list().map((t) => [t.id, t]));
    assert.deepEqual([...byId.keys()].sort(), ['x', 'y', 'z']);
    assert.equal(byId.get('x')?.due, '2026-12-01', 'this window\'s edit');
    assert.equal(byId.get('x')?.assignee, 'bo', 'the other window\'s edit of another field');
    assert.deepEqual(recoveryFiles(store), []);
    await c.close();
  });

  it('the running timer entry started in a window whose saves failed is there after the restart', async () => {
    const failing = refusingRenamesOnto(['timer.json']);
    const a = await openStores(store, { fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null, windowId: 'a' });
    const at = Date.now() - 60_000;
    await a.time.start('technical', at - 60_000);
    failing.arm(true);
    const entry = await a.time.switchTo('managerial', at);
    assert.equal(a.time.unsavedChanges, 1);
    await a.close();

    const b = await openStores(store, { recoveryFallbackDir: null, windowId: 'b' });
    assert.equal(b.time.current()?.id, entry?.id);
    assert.equal(b.time.current()?.mode, 'managerial');
    const closed = await b.time.entriesBetween(at - 120_000, at);
    assert.deepEqual(closed.map((e) => [e.mode, e.end]), [['technical', at]], 'the entry the switch closed is in its month');
    await b.close();
  });

  it('a recovery file that cannot be merged yet stays for a later start; nothing is lost', async () => {
    const failing = refusingRenamesOnto(['tasks.json']);
    const a = await openStores(store, { fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null });
    failing.arm(true);
    await a.tasks.add({ title: 'precious', assignee: 'ana', due: null });
    await a.close();
    assert.equal(recoveryFiles(store).length, 1);

    const stillBroken = await openStores(store, { fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null });
    stillBroken.dispose();
    assert.equal(recoveryFiles(store).length, 1, 'kept while the disk still refuses');

    const fixed = await openStores(store, { recoveryFallbackDir: null });
    assert.deepEqual(fixed.tasks.list().map((t) => t.title), ['precious']);
    assert.deepEqual(recoveryFiles(store), []);
    await fixed.close();
  });

  it('close saves with its last attempt when the disk works again, writes no recovery file, and can be called twice', async () => {
    const failing = refusingRenamesOnto(['tasks.json']);
    const events = new EventLog();
    const a = await openStores(store, { ...events, fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null });
    failing.arm(true);
    await a.tasks.add({ title: 'late', assignee: 'ana', due: null });
    failing.arm(false);
    const closing = a.close();
    assert.equal(a.close(), closing);
    await closing;
    assert.deepEqual(titlesOnDisk(store), ['late']);
    assert.deepEqual(recoveryFiles(store), []);
    assert.equal(events.recoveryWritten.length, 0);
    await assert.rejects(a.tasks.add({ title: 'after close', assignee: 'ana', due: null }), /closed/);
  });
});
