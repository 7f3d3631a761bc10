import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openStores } from '../../../src/store';
import { cleanup, EventLog, tempDir } from './helpers';

/*
 * `cache.json` was the CacheStore's file (GitHub responses), which nothing read: the store is
 * gone, and an older Lead Desk's file is removed when the stores open — never a crash, and what
 * a store moved aside beside it is left for the user.
 */
describe('store/retired files', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('retired'); });
  afterEach(() => cleanup(dir));

  it("removes an older version's cache.json at open and keeps the moved-aside copy beside it", async () => {
    fs.writeFileSync(path.join(dir, 'cache.json'), JSON.stringify({ version: 1, entries: { k: { body: 1, fetchedAt: 1 } } }));
    const aside = path.join(dir, 'cache.corrupt-2026-11-26T10-00-00-000Z.json');
    fs.writeFileSync(aside, '{ damaged');
    const events = new EventLog();
    const stores = await openStores(dir, events);
    await stores.tasks.add({ title: 'x', assignee: 'a', due: null });
    assert.equal(await stores.flush(), true);
    await stores.close();
    assert.equal(fs.existsSync(path.join(dir, 'cache.json')), false);
    assert.equal(fs.readFileSync(aside, 'utf8'), '{ damaged');
    assert.deepEqual(events.recovered, [], 'nothing is reported moved aside');
  });

  it('opens the stores when cache.json is damaged, or cannot be removed', async () => {
    fs.writeFileSync(path.join(dir, 'cache.json'), '{"version": 1, "entries": [');
    (await openStores(dir)).dispose();
    assert.equal(fs.existsSync(path.join(dir, 'cache.json')), false);
    fs.mkdirSync(path.join(dir, 'cache.json')); // unlink fails (EISDIR / EPERM)
    const stores = await openStores(dir);
    await stores.tasks.add({ title: 'y', assignee: 'a', due: null });
    assert.equal(await stores.flush(), true);
    await stores.close();
    assert.equal(fs.statSync(path.join(dir, 'cache.json')).isDirectory(), true, 'left alone');
  });
});
