// Helpers shared by the fake-GitHub suites (not a suite itself).
import { Octokit } from '@octokit/rest';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from './server';
import type { Scenario } from './scenario';
import { demoScenario } from './scenarios';

/** A Wednesday morning, so "business days ago" arithmetic in the demo is easy to reason about. */
export const NOW = new Date('2025-06-11T10:00:00Z');

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at GitHub JSON freely
}

/** A plain `fetch` against the fake, authenticated unless `headers.authorization` overrides it. */
export async function raw(fg: FakeGitHub, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; base?: string } = {}): Promise<RawResponse> {
  const res = await fetch(`${init.base ?? fg.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `token ${fg.token}`, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text === '' ? undefined : JSON.parse(text) };
}

export function octokitFor(fg: FakeGitHub, baseUrl = fg.url): Octokit {
  return new Octokit({ baseUrl, auth: fg.token, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** Start a fake for the current `describe` and close it afterwards. */
export function useFake(make: () => Scenario = () => demoScenario(NOW), opts?: FakeGitHubOptions): { fg: FakeGitHub } {
  const box = {} as { fg: FakeGitHub };
  before(async () => { box.fg = await startFakeGitHub(make(), opts); });
  after(async () => { await box.fg.close(); });
  return box;
}

/** `assert.rejects` predicate: an Octokit RequestError with this HTTP status. */
export function hasStatus(status: number): (e: unknown) => boolean {
  return (e) => e instanceof Error && e.name === 'HttpError' && (e as Error & { status?: number }).status === status;
}
