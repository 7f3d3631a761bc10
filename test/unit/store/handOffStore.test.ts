/**
 * Issue 17, item 6: hand-offs ("Hand This Review to…") live in the store folder, one record per
 * hand-off written under the file's lock, scoped to the GitHub origin and account.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openStores } from '../../../src/store';
import { HAND_OFF_KEEP_MS, HAND_OFFS_FILE, HandOffStore } from '../../../src/store/handOffStore';
import { cleanup, EventLog, faultyFs, tempDir } from './helpers';

const DOTCOM = { origin: 'https://api.github.com', account: 'lead' };
const GHE = { origin: 'https://ghe.acme.example', account: 'lead' };
const OTHER_ACCOUNT = { origin: 'https://api.github.com', account: 'lead-alt' };
const NOW = Date.UTC(2026, 11, 7, 12);

describe('store/HandOffStore', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('handoffs'); });
  afterEach(() => cleanup(dir));

  it('two windows recording hand-offs at once keep both (each written under the lock)', async () => {
    const [a, b] = await Promise.all([HandOffStore.open(dir), HandOffStore.open(dir)]);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.record(DOTCOM, 'acme/api', i + 1, 'jun', NOW + i)),
      ...Array.from({ length: 10 }, (_, i) => b.record(DOTCOM, 'acme/web', i + 1, 'mira', NOW + i)),
    ]);
    await Promise.all([a.refresh(), b.refresh()]);
    for (const w of [a, b]) {
      for (let i = 0; i < 10; i++) {
        assert.equal(w.handedAt(DOTCOM, 'acme/api', i + 1, 'jun', NOW), NOW + i);
        assert.equal(w.handedAt(DOTCOM, 'ACME/Web', i + 1, 'Mira', NOW), NOW + i, 'case-insensitive, as GitHub');
      }
    }
    const third = await HandOffStore.open(dir);
    assert.equal(Object.keys((JSON.parse(fs.readFileSync(third.path, 'utf8')) as { handOffs: object }).handOffs).length, 20);
  });

  it('another account or another GitHub does not see them', async () => {
    const store = await HandOffStore.open(dir);
    await store.record(DOTCOM, 'acme/api', 7, 'jun', NOW);
    assert.equal(store.handedAt(DOTCOM, 'acme/api', 7, 'jun', NOW), NOW);
    assert.equal(store.handedAt(GHE, 'acme/api', 7, 'jun', NOW), undefined, 'acme/api on GHE is another repository');
    assert.equal(store.handedAt(OTHER_ACCOUNT, 'acme/api', 7, 'jun', NOW), undefined, 'another account did not hand it on');
    await store.record(GHE, 'acme/api', 7, 'jun', NOW + 5);
    assert.equal(store.handedAt(DOTCOM, 'acme/api', 7, 'jun', NOW), NOW, 'and does not overwrite');
    assert.equal(store.handedAt(GHE, 'acme/api', 7, 'jun', NOW + 5), NOW + 5);
  });

  it('forgets hand-offs after 30 days, and sets aside (never drops) a record it cannot read', async () => {
    const file = path.join(dir, HAND_OFFS_FILE);
    fs.writeFileSync(file, JSON.stringify({ version: 1, handOffs: { odd: { origin: 'x', account: 'lead', repo: 'acme/api', number: 'seven', to: 'jun', at: 1 } } }));
    const events = new EventLog();
    const store = await HandOffStore.open(dir, events);
    assert.equal(events.recordSkipped.length, 1);
    await store.record(DOTCOM, 'acme/api', 1, 'jun', NOW - HAND_OFF_KEEP_MS);
    assert.equal(store.handedAt(DOTCOM, 'acme/api', 1, 'jun', NOW), undefined, 'older than 30 days');
    await store.record(DOTCOM, 'acme/api', 2, 'jun', NOW);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { handOffs: Record<string, unknown> };
    assert.deepEqual(Object.keys(onDisk.handOffs).sort(), ['https://api.github.com|lead|acme/api#2|jun', 'odd'], 'the old one pruned, the unreadable one kept');
    await assert.rejects(store.record({ origin: DOTCOM.origin, account: '' }, 'acme/api', 3, 'jun', NOW), RangeError);
  });

  it('takes in the hand-offs kept in globalState once, for the account given, keeping a later one', async () => {
    const store = await HandOffStore.open(dir);
    await store.record(DOTCOM, 'acme/api', 7, 'jun', NOW);
    const legacy = { 'acme/api#7>jun': NOW - 1000, 'acme/web#3>mira': NOW - 2000, 'acme/web#4>mira': NOW - HAND_OFF_KEEP_MS, 'garbage': 5 };
    assert.equal(await store.adopt(DOTCOM, legacy, NOW), 1);
    assert.equal(store.handedAt(DOTCOM, 'acme/api', 7, 'jun', NOW), NOW, 'the later hand-off stays');
    assert.equal(store.handedAt(DOTCOM, 'acme/web', 3, 'mira', NOW), NOW - 2000);
    assert.equal(store.handedAt(GHE, 'acme/web', 3, 'mira', NOW), undefined);
    assert.equal(await store.adopt(DOTCOM, legacy, NOW), 0, 'a second time adds nothing');
  });

  it('says so when the hand-offs from globalState could not be saved (the caller keeps its copy)', async () => {
    const faulty = faultyFs();
    const store = await HandOffStore.open(dir, { fs: faulty.fs, lockMaxWaitMs: 200, retryFirstMs: 60_000 });
    faulty.failWith('ENOSPC');
    await assert.rejects(store.adopt(DOTCOM, { 'acme/web#3>mira': NOW }, NOW));
    faulty.failWith(null);
    assert.equal(store.handedAt(DOTCOM, 'acme/web', 3, 'mira', NOW), undefined, 'nothing half-kept in memory');
    assert.equal(await store.adopt(DOTCOM, { 'acme/web#3>mira': NOW }, NOW), 1);
    store.dispose();
  });

  it('opens with the other stores and closes with them', async () => {
    const stores = await openStores(dir);
    await stores.handOffs.record(DOTCOM, 'acme/api', 9, 'sofia', NOW);
    await stores.close();
    assert.equal((await HandOffStore.open(dir)).handedAt(DOTCOM, 'acme/api', 9, 'sofia', NOW), NOW);
  });
});
