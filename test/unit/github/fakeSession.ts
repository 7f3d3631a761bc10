/**
 * A signed-in session's transport against the fake GitHub, as the tests of src/github/ build it:
 * an operation of src/github/ops/ runs on it alone, without the client.
 */
import type { FakeGitHub } from '../../fake-github';
import { createOctokit, type ClientOptions } from '../../../src/github/transport/octokit';
import { RateBudget } from '../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../src/github/transport/responseCache';
import { GitHubTransport } from '../../../src/github/transport/transport';

export type FakeSessionOptions = Partial<Pick<ClientOptions, 'timeoutMs' | 'cache' | 'budget' | 'retryBaseMs' | 'onResponse'>>;

export function fakeTransport(fake: FakeGitHub, opts: FakeSessionOptions = {}): GitHubTransport {
  return new GitHubTransport(createOctokit({
    baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5, ...opts,
  }), new URL(fake.url).host);
}
