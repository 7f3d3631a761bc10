import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SetAsideCopiedEvent } from '../../../../src/store/engine/events';
import { JsonFile } from '../../../../src/store/engine/jsonFile';
import { mergeRecoveryFiles } from '../../../../src/store/engine/recovery';
import { STORE_RECOVERY } from '../../../../src/store/recoverableFiles';
import { nodeStoreFs } from '../../../../src/store/engine/storeFs';
import type { FileSpec } from '../../../../src/store/engine/versionedJson';
import { cleanup, tempDir } from '../helpers';

/*
 * Issue 17 review R3: a copy of the file (and a warning) before a write touches set-aside records
 * is worth it for what the lead wrote, not for data fetched again when lost; and copies made
 * while merging a recovery file are reported like the others.
 */

interface EntriesFile { readonly version: 1; entries: Record<string, { fetchedAt: number; body: string }> }

const entriesSpec = (rederivable: boolean): FileSpec<EntriesFile> => ({
  version: 1,
  empty: () => ({ version: 1, entries: {} }),
  records: [{ field: 'entries', problem: (e) => (Number.isFinite((e as { fetchedAt?: unknown } | null)?.fetchedAt) ? null : 'no fetchedAt') }],
  ...(rederivable ? { rederivable: true } : {}),
});

describe('store/copies of files whose set-aside records a write changes', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('set-aside-copies'); });
  afterEach(() => cleanup(dir));

  for (const rederivable of [false, true]) {
    it(`${rederivable ? 'a re-derivable file: no copy, no notice' : 'a file of the lead\'s data: a copy and a notice'} when a write replaces a set-aside entry`, async () => {
      fs.writeFileSync(path.join(dir, 'entries.json'), JSON.stringify({ version: 1, entries: { a: { fetchedAt: 'x', body: '1' }, b: { fetchedAt: 1, body: 'y' } } }));
      const events: SetAsideCopiedEvent[] = [];
      const file = await JsonFile.open(dir, 'entries.json', entriesSpec(rederivable), { onSetAsideCopied: (e) => events.push(e) });
      await file.update((f) => { f.entries.a = { fetchedAt: 2, body: 'fresh' }; });
      file.dispose();
      const copies = fs.readdirSync(dir).filter((n) => n.includes('set-aside'));
      assert.equal(copies.length, rederivable ? 0 : 1, copies.join(', '));
      assert.equal(events.length, rederivable ? 0 : 1);
      const stored = JSON.parse(fs.readFileSync(path.join(dir, 'entries.json'), 'utf8')) as EntriesFile;
      assert.deepEqual(stored.entries, { a: { fetchedAt: 2, body: 'fresh' }, b: { fetchedAt: 1, body: 'y' } });
    });
  }

  it('a copy made while merging a recovery file is reported', async () => {
    const meeting = { date: '2026-12-04', notes: 'by a sync tool', updatedAt: 1 };
    fs.writeFileSync(path.join(dir, 'one-on-ones.json'), JSON.stringify({ version: 1, people: { zed: { login: 'zed', meetings: { a: meeting }, actions: [] } } }));
    const person = { login: 'zed', meetings: [{ date: '2026-12-05', notes: 'typed while saves failed', updatedAt: 5 }], actions: [] };
    const record = { version: 1, recoveryOf: 'one-on-ones.json', writtenAt: 5, base: { version: 1, people: {} }, mine: { version: 1, people: { zed: person } } };
    fs.writeFileSync(path.join(dir, 'one-on-ones.recovery-20261205T100000Z-123-abcd.json'), JSON.stringify(record));
    const events: SetAsideCopiedEvent[] = [];
    assert.equal(await mergeRecoveryFiles(dir, nodeStoreFs, { recoveryFallbackDir: null, onSetAsideCopied: (e) => events.push(e) }, STORE_RECOVERY), 1);
    const copies = fs.readdirSync(dir).filter((n) => n.includes('set-aside'));
    assert.equal(copies.length, 1);
    assert.deepEqual(events.map((e) => path.basename(e.copy)), copies);
  });
});
