/** Issue 17, item 6: the standup's 10-minute activity cache is kept per GitHub origin and account. */
import assert from 'node:assert/strict';
import { ACTIVITY_TTL_MS, ActivityCache, type ActivityKey } from '../../../src/standup/activityCache';

const NOW = Date.UTC(2026, 11, 7, 9, 30);
const KEY: ActivityKey = { origin: 'https://api.github.com', account: 'lead', day: '2026-12-04', repos: ['acme/api'], severityLabels: ['sev1'] };

describe('standup activity cache', () => {
  /** A cache whose loads answer "<account>@<origin> #n". */
  function setup() {
    const cache = new ActivityCache<string>();
    let loads = 0;
    const get = (key: ActivityKey, now = NOW) => cache.get(key, now, async () => `${key.account}@${key.origin} #${++loads}`);
    return { cache, get, loads: () => loads };
  }

  it('answers again from memory within ten minutes, for the same GitHub and account', async () => {
    const { get, loads } = setup();
    assert.equal(await get(KEY), 'lead@https://api.github.com #1');
    assert.equal(await get({ ...KEY, account: 'LEAD' }, NOW + ACTIVITY_TTL_MS - 1), 'lead@https://api.github.com #1', 'logins are case-insensitive');
    assert.equal(loads(), 1);
    assert.equal(await get(KEY, NOW + ACTIVITY_TTL_MS), 'lead@https://api.github.com #2', 'asked again after ten minutes');
  });

  it('never answers another account, or the same account on another GitHub, with this one\'s day', async () => {
    const { get, loads } = setup();
    await get(KEY);
    assert.equal(await get({ ...KEY, account: 'lead-alt' }, NOW + 1000), 'lead-alt@https://api.github.com #2');
    assert.equal(await get({ ...KEY, account: 'lead-alt', origin: 'https://ghe.acme.example' }, NOW + 2000), 'lead-alt@https://ghe.acme.example #3');
    assert.equal(await get({ ...KEY, day: '2026-12-03' }, NOW + 3000), 'lead@https://api.github.com #4');
    assert.equal(loads(), 4);
  });

  it('does not keep a failed load', async () => {
    const cache = new ActivityCache<string>();
    await assert.rejects(cache.get(KEY, NOW, () => Promise.reject(new Error('502'))));
    assert.equal(await cache.get(KEY, NOW + 1, async () => 'fresh'), 'fresh');
  });
});
