import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TaskStore } from '../../../src/store/taskStore';
import { canChattr, canMount, cleanup, EventLog, fillDisk, mount, readOnlyMount, tempDir, umount } from './helpers';

/*
 * Failures that root cannot bypass, made for real (the injected-fs tests in jsonFile.test.ts
 * cover the same paths without privileges): a read-only file system (bind mount), a full disk
 * (a tiny tmpfs) and an immutable folder (chattr +i). Each is skipped where it cannot be set up.
 */

const tasksOnDisk = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, 'tasks.json'), 'utf8')) as { tasks: { title: string }[] }).tasks.map((t) => t.title);

describe('store/real disk failures', () => {
  let dir: string;
  let store: string;
  const undo: Array<() => void> = [];
  beforeEach(() => {
    dir = tempDir('real');
    store = path.join(dir, 'store');
    fs.mkdirSync(store);
  });
  afterEach(() => {
    while (undo.length) undo.pop()!();
    cleanup(dir);
  });

  /** Save one task, break the disk, add another: reported, kept, old file intact; then repair. */
  async function breakAndRepair(expectedCode: string, breakIt: () => void, repair: () => void): Promise<void> {
    const events = new EventLog();
    const tasks = await TaskStore.open(store, { ...events, retryFirstMs: 60_000 });
    await tasks.add({ title: 'saved before', assignee: 'ana', due: null });
    breakIt();
    await tasks.add({ title: 'x'.repeat(20_000), assignee: 'ana', due: null });
    assert.equal(events.writeFailed[0]?.code, expectedCode, events.writeFailed[0]?.message);
    assert.equal(tasks.list().length, 2, 'reads see the kept change');
    assert.deepEqual(tasksOnDisk(store), ['saved before']);
    assert.deepEqual(fs.readdirSync(store).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
    repair();
    assert.equal(await tasks.flush(), true);
    assert.equal(tasksOnDisk(store).length, 2);
    assert.equal(events.writeResumed.length, 1);
    tasks.dispose();
  }

  it('EROFS: the folder is on a read-only file system', async function () {
    if (!canMount()) this.skip();
    const readOnly = readOnlyMount(store, undo);
    await breakAndRepair('EROFS', readOnly.breakIt, readOnly.repair);
  });

  it('ENOSPC: the disk is full', async function () {
    if (!canMount()) this.skip();
    mount(['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', store]);
    undo.push(() => umount(store));
    const filler = path.join(store, 'filler');
    await breakAndRepair('ENOSPC', () => fillDisk(filler), () => fs.rmSync(filler));
  });

  it('EPERM: the folder is immutable (chattr +i stops root too)', async function () {
    if (!canChattr()) this.skip();
    await breakAndRepair('EPERM', () => {
      execFileSync('chattr', ['+i', store]);
      undo.push(() => spawnSync('chattr', ['-i', store]));
    }, () => execFileSync('chattr', ['-i', store]));
  });
});
