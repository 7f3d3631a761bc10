/**
 * The REST validators in the real VS Code: after a red-build poll the store folder holds
 * `response-cache.json` for this session; a client started from that file (what the next start
 * of the window does) asks conditionally and paints the saved body from a 304; signing out
 * deletes the file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoScenario, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import { createOctokit } from '../../src/github/transport/octokit';
import { RateBudget } from '../../src/github/transport/rateBudget';
import { isCachedResponses, PersistedResponseCache } from '../../src/github/transport/responseCache';
import { defaultBranchRuns } from '../../src/github/ops/runs';
import { GitHubClient } from '../../src/github/client';
import { RESPONSE_CACHE_FILE, SnapshotStore } from '../../src/store/snapshotStore';
import { waitFor } from './support/bridge';
import { connectToFake, disconnect } from './support/github';

describe('response cache saved for the next start', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub | undefined;

  after(() => disconnect(fake));

  it('keeps this session\'s validators, makes the next start\'s first request conditional, and signing out deletes them', async () => {
    ({ api, fake } = await connectToFake({ scenario: demoScenario(new Date()), repositories: ['acme/infra'] }));
    const dir = (await api.stores).dir;
    const file = path.join(dir, RESPONSE_CACHE_FILE);
    const first = await api.github.run((s) => s.defaultBranchRuns('acme/infra'));
    assert.ok(first && first.runs.length > 0);
    await api.github.cache.flush?.();
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { origin: string; session: string; data: Record<string, { etag?: string }> };
    assert.equal(saved.origin, api.github.apiOrigin);
    assert.equal(saved.session, await api.github.sessionKey());
    assert.ok(!JSON.stringify(saved).includes(fake.token), 'the token is never saved');
    const runsKey = Object.keys(saved.data).find((k) => k.includes('/repos/acme/infra/actions/runs'));
    assert.ok(runsKey && saved.data[runsKey]!.etag, `the runs' ETag is saved (keys: ${Object.keys(saved.data).join(', ')})`);

    // The next start: a fresh cache over the same file, for the same session.
    const cache = new PersistedResponseCache(new SnapshotStore(dir, { file: RESPONSE_CACHE_FILE, check: isCachedResponses }));
    await cache.own({ origin: api.github.apiOrigin, session: (await api.github.sessionKey())! });
    const service = new GitHubClient(createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 10_000, userAgent: 'lead-desk/test', cache, budget: new RateBudget() }), new URL(fake.url).host);
    fake.resetStats();
    const again = await defaultBranchRuns(service, 'acme/infra');
    assert.deepEqual(fake.requests.map((r) => [r.path, r.status, Boolean(r.headers['if-none-match'])]), [['/repos/acme/infra', 304, true], ['/repos/acme/infra/actions/runs', 304, true]]);
    assert.deepEqual(again, first, 'painted from the saved bodies');

    await api.github.auth.signOut();
    await api.work.model.refresh();
    await waitFor('the saved validators to be deleted on sign-out', () => !fs.existsSync(file), 10_000);
  });
});
