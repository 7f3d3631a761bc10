/**
 * How a PR is merged from Lead Desk: the method the repository's settings allow, preferring the
 * one GitHub offers the viewer first (the query text and the reading of its answer), and the
 * merge itself, sent once.
 */
import { GitHubFailure } from '../transport/failure';
import { object, type Json } from '../parse';
import { describeForNotification, notificationSafe } from '../../util/errors';
import type { Transport } from '../transport/transport';
import { sendOnce, type WriteResult } from '../transport/writeOnce';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export const MERGE_METHOD_QUERY = `query LeadDeskMergeMethod($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { viewerDefaultMergeMethod mergeCommitAllowed squashMergeAllowed rebaseMergeAllowed }
}`;

/** "a merge commit", "a squash merge", "a rebase": for the confirmation. */
export const MERGE_METHOD_WORDS: Record<MergeMethod, string> = { merge: 'a merge commit', squash: 'a squash merge', rebase: 'a rebase' };

/** The viewer's default when the repo allows it, else the first allowed; none allowed is a failure. */
export function chooseMergeMethod(data: unknown, repo: string): MergeMethod {
  const r = typeof data === 'object' && data !== null ? (data as Json).repository : null;
  if (typeof r !== 'object' || r === null) throw new GitHubFailure('not-found', repo);
  const x = r as Json;
  const allowed: MergeMethod[] = [
    ...(x.mergeCommitAllowed === true ? ['merge' as const] : []),
    ...(x.squashMergeAllowed === true ? ['squash' as const] : []),
    ...(x.rebaseMergeAllowed === true ? ['rebase' as const] : []),
  ];
  const preferred = typeof x.viewerDefaultMergeMethod === 'string' ? x.viewerDefaultMergeMethod.toLowerCase() : '';
  const method = allowed.find((m) => m === preferred) ?? allowed[0];
  if (!method) throw new GitHubFailure('invalid', `${repo} allows no merge method`);
  return method;
}

/** Why GitHub would not merge, in words for the notification. */
export function mergeRefusal(e: unknown, pr: { repo: string; number: number }): string {
  const what = `${pr.repo}#${pr.number}`;
  if (e instanceof GitHubFailure) {
    if (e.status === 405) return `GitHub will not merge ${what}: ${notificationSafe(e.message)}`;
    if (e.status === 409) return `${what} changed since it was approved (new commits): refresh and look again before merging.`;
    if (e.kind === 'forbidden') return `GitHub refused the merge of ${what}: your account or token may not merge in ${pr.repo}.`;
    if (e.kind === 'not-found') return `${what} was not found on GitHub (deleted, or no access).`;
  }
  return `Could not merge ${what}: ${describeForNotification(e)}`;
}

/** The merge method the repo's settings allow for this viewer (one GraphQL request). */
export async function mergeMethodOf(client: Pick<Transport, 'graphql'>, repo: string): Promise<MergeMethod> {
  const [owner, name] = repo.split('/');
  return chooseMergeMethod(await client.graphql<unknown>(MERGE_METHOD_QUERY, { owner, name }), repo);
}

/**
 * Merges the PR if its head is still `sha` (GitHub answers 409 otherwise, which is not retried).
 * Sent once; after a lost answer, the pull request says whether it is merged.
 */
export function merge(transport: Pick<Transport, 'octokit'>, repo: string, number: number, method: MergeMethod, sha?: string): Promise<WriteResult> {
  const [owner, name] = repo.split('/');
  return sendOnce(`${repo}#${number} was merged`, async () => {
    await transport.octokit.rest.pulls.merge({ owner, repo: name, pull_number: number, merge_method: method, ...(sha ? { sha } : {}) });
    return {};
  }, async () => {
    const { data } = await transport.octokit.rest.pulls.get({ owner, repo: name, pull_number: number });
    return object(data, 'pull request').merged === true ? {} : null;
  });
}
