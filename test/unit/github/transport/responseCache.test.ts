/**
 * The REST validators (ETag / Last-Modified) survive a restart: the saved response cache makes
 * the first request of a new session conditional, a 304 is answered from the saved body, and
 * another account or a damaged file starts unconditional. Real client against the fake GitHub.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { isCachedResponses, PersistedResponseCache, type CacheOwner } from '../../../../src/github/transport/responseCache';
import { defaultBranchRuns } from '../../../../src/github/ops/runs';
import { GitHubClient } from '../../../../src/github/client';
import { RESPONSE_CACHE_FILE, SnapshotStore } from '../../../../src/store/snapshotStore';

describe('response cache saved between sessions', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let dir: string;
  let logged: string[];
  const ownerA: CacheOwner = { origin: 'http://127.0.0.1', session: 'key-of-account-a' };
  const ownerB: CacheOwner = { origin: 'http://127.0.0.1', session: 'key-of-account-b' };

  /** A fresh cache over the file, as a new window (or the next start) builds it. */
  const start = async (owner: CacheOwner | undefined) => {
    const cache = new PersistedResponseCache(new SnapshotStore(dir, { file: RESPONSE_CACHE_FILE, check: isCachedResponses, log: (l) => logged.push(l) }), { saveDelayMs: 5 });
    await cache.own(owner);
    const octokit = createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache, budget: new RateBudget(), retryBaseMs: 5 });
    return { cache, service: new GitHubClient(octokit, new URL(fake.url).host) };
  };
  /** What the Morning Review and the red-build alerts poll over REST. */
  const poll = async (service: GitHubClient) => ({ notifications: await service.notifications(), runs: await defaultBranchRuns(service, 'acme/api') });
  const conditional = () => fake.requests.map((r) => Boolean(r.headers['if-none-match'] ?? r.headers['if-modified-since']));

  beforeEach(async () => {
    fake = await startFakeGitHub(demoScenario(new Date()));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-response-cache-'));
    logged = [];
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes the first requests after a restart conditional, and paints the saved bodies on 304', async () => {
    const first = await start(ownerA);
    const before = await poll(first.service);
    assert.ok(before.notifications.threads.length > 0 && before.runs.runs.length > 0, 'the scenario has notifications and runs');
    assert.deepEqual(conditional(), [false, false, false], 'a cold start asks unconditionally');
    await first.cache.flush();
    assert.ok(fs.existsSync(path.join(dir, RESPONSE_CACHE_FILE)));

    fake.resetStats();
    const restarted = await start(ownerA);
    const after = await poll(restarted.service);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /notifications', 'GET /repos/acme/api', 'GET /repos/acme/api/actions/runs']);
    assert.deepEqual(conditional(), [true, true, true], 'every request after the restart carries a validator');
    assert.deepEqual(fake.requests.map((r) => r.status), [304, 304, 304]);
    assert.equal(fake.stats().rateLimitCost, 0, '304s cost nothing');
    assert.deepEqual(after, before, 'the 304s are answered from the saved bodies');
  });

  it('gives another account none of them, and drops them from the file', async () => {
    const a = await start(ownerA);
    await poll(a.service);
    await a.cache.flush();

    fake.resetStats();
    const b = await start(ownerB);
    assert.equal(fs.existsSync(path.join(dir, RESPONSE_CACHE_FILE)), false, "account A's validators are deleted");
    await poll(b.service);
    assert.deepEqual(conditional(), [false, false, false], 'account B asks unconditionally');
    assert.deepEqual(fake.requests.map((r) => r.status), [200, 200, 200]);
  });

  it('signing out (no owner) discards them', async () => {
    const a = await start(ownerA);
    await poll(a.service);
    await a.cache.flush();
    await start(undefined);
    assert.equal(fs.existsSync(path.join(dir, RESPONSE_CACHE_FILE)), false);
  });

  it('drops a damaged file with one log line and asks unconditionally', async () => {
    fs.writeFileSync(path.join(dir, RESPONSE_CACHE_FILE), '{"version":1,"savedAt":1,"origin":"http://127.0.0.1","account":"","session":"key-of-account-a","data":{"GET x":{"etag":5}}}');
    const a = await start(ownerA);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /response-cache\.json dropped: its data has the wrong shape \(it is only a cache/);
    assert.equal(fs.existsSync(path.join(dir, RESPONSE_CACHE_FILE)), false);
    await poll(a.service);
    assert.deepEqual(conditional(), [false, false, false]);
    fs.writeFileSync(path.join(dir, RESPONSE_CACHE_FILE), '{"version":1,"sav');
    logged = [];
    await start(ownerA);
    assert.deepEqual(logged.map((l) => l.replace(/:.*/, '')), ['response-cache.json dropped']);
  });
});
