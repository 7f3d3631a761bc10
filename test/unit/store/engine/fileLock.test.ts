import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileLock } from '../../../../src/store/engine/fileLock';
import { nodeStoreFs } from '../../../../src/store/engine/storeFs';

describe('store/FileLock', () => {
  it('makes the folder again when it was deleted under an open store, then holds the lock', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-lock-'));
    try {
      const file = path.join(root, 'gone', 'tasks.json');
      const lock = new FileLock(file, { fs: nodeStoreFs, staleMs: 10_000, maxWaitMs: 2_000 });
      const held = await lock.acquire();
      assert.ok(fs.existsSync(`${file}.lock`), 'the lock is on disk');
      assert.equal(await held.stillHeld(), true);
      await held.release();
      assert.ok(!fs.existsSync(`${file}.lock`), 'released');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
