import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CacheStore } from '../../../src/store/cacheStore';
import { cleanup, tempDir } from './helpers';

describe('store/CacheStore', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('cache'); });
  afterEach(() => cleanup(dir));

  it('keeps responses with their validators across reopen', async () => {
    const cache = await CacheStore.open(dir);
    const value = { etag: 'W/"abc"', lastModified: 'Wed, 25 Nov 2026 10:00:00 GMT', body: [{ number: 1 }], fetchedAt: 5 };
    assert.equal(await cache.put('GET /repos/acme/api/pulls', value), true);
    assert.deepEqual((await CacheStore.open(dir)).get('GET /repos/acme/api/pulls'), value);
    assert.equal(cache.get('toString'), undefined);
    assert.equal(await cache.delete('GET /repos/acme/api/pulls'), true);
    assert.equal(await cache.delete('GET /repos/acme/api/pulls'), false);
    await cache.put('k', value);
    await cache.clear();
    assert.deepEqual(cache.keys(), []);
    assert.doesNotMatch(fs.readFileSync(cache.path, 'utf8').trim(), /\n/, 'written compact');
  });

  it('past maxEntries, drops the entries fetched longest ago', async () => {
    const cache = await CacheStore.open(dir, { maxEntries: 3 });
    for (const [key, fetchedAt] of [['a', 4], ['b', 1], ['c', 3], ['d', 2]] as const) await cache.put(key, { body: key, fetchedAt });
    assert.deepEqual(cache.keys().sort(), ['a', 'c', 'd']);
  });

  it('past maxBytes, drops old entries; an entry too big alone is not kept', async () => {
    const cache = await CacheStore.open(dir, { maxBytes: 2000 });
    for (let i = 0; i < 10; i++) await cache.put(`k${i}`, { body: 'x'.repeat(300), fetchedAt: i });
    assert.ok(fs.statSync(cache.path).size <= 2100, `${fs.statSync(cache.path).size} bytes`);
    assert.ok(cache.get('k9'));
    assert.equal(cache.get('k0'), undefined);
    assert.equal(await cache.put('huge', { body: 'x'.repeat(5000), fetchedAt: 99 }), false);
    assert.equal(cache.get('huge'), undefined);
  });
});
