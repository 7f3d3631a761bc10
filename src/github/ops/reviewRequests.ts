/**
 * Review requests on a PR: ask a teammate (REST `POST …/requested_reviewers`), withdraw one
 * (`DELETE …/requested_reviewers`), and who of the team can be asked at all (one GraphQL request:
 * `assignableUsers` per member, aliased). Writes go one at a time through the service's Octokit,
 * which spaces them and honours `retry-after` (src/github/transport/octokit.ts); each is sent once, and a
 * lost answer is checked against the PR's requested reviewers (`sendOnce`).
 */
import { GitHubFailure, classifyFailure } from '../transport/failure';
import { array, login, object, str, type Json } from '../parse';
import type { Transport } from '../transport/transport';
import { sendOnce, type WriteResult } from '../transport/writeOnce';

type Client = Pick<Transport, 'octokit' | 'graphql'>;

/** Whom the PR waits on after a write: requested users (GitHub's answer is the pull request). */
export interface RequestedReviewers {
  readonly users: string[];
}

function requestedFrom(data: unknown): RequestedReviewers {
  const pull = object(data, 'pull request');
  return { users: array(pull.requested_reviewers ?? [], 'requested reviewers').map(login) };
}

/**
 * GitHub's 422 in words a lead can act on: "not a collaborator", "the author". Other failures keep
 * the service's description. Never throws anything but a `GitHubFailure`.
 */
export function reviewRequestFailure(e: unknown, repo: string, who: string): GitHubFailure {
  const f = classifyFailure(e);
  if (f.status !== 422) return f;
  if (/collaborator/i.test(f.message)) return new GitHubFailure('invalid', `${who} is not a collaborator on ${repo}, so GitHub cannot ask them for a review`, undefined, 422);
  if (/author/i.test(f.message)) return new GitHubFailure('invalid', `${who} wrote this pull request and cannot review it`, undefined, 422);
  return f;
}

/**
 * Asks `reviewers` for a review (POST), or removes their requests (DELETE); answers whom the PR now
 * waits on. After a lost answer, the PR's requested reviewers say whether the change was made.
 */
async function changeRequests(service: Client, change: 'add' | 'remove', repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult> {
  const [owner, name] = repo.split('/');
  const params = { owner: owner ?? '', repo: name ?? '', pull_number: number, reviewers: [...reviewers] };
  const who = reviewers.join(', ');
  try {
    return await sendOnce(change === 'add' ? `${who} was asked to review ${repo}#${number}` : `the review request of ${who} on ${repo}#${number} was removed`, async () => {
      const { data } = change === 'add' ? await service.octokit.rest.pulls.requestReviewers(params) : await service.octokit.rest.pulls.removeRequestedReviewers(params);
      return requestedFrom(data);
    }, async () => {
      const { data } = await service.octokit.rest.pulls.listRequestedReviewers({ owner: params.owner, repo: params.repo, pull_number: number });
      const users = array(object(data, 'requested reviewers').users ?? [], 'requested reviewers').map(login);
      const requested = new Set(users.map((u) => u.toLowerCase()));
      const done = reviewers.every((r) => requested.has(r.toLowerCase()) === (change === 'add'));
      return done ? { users } : null;
    });
  } catch (e) {
    throw reviewRequestFailure(e, repo, reviewers.join(', '));
  }
}

export const requestReviewers = (service: Client, repo: string, number: number, reviewers: readonly string[]) => changeRequests(service, 'add', repo, number, reviewers);
export const removeReviewRequest = (service: Client, repo: string, number: number, reviewers: readonly string[]) => changeRequests(service, 'remove', repo, number, reviewers);

/** Round trips `reviewAccess` makes at most: a member whose login is still not settled stays unknown. */
const ACCESS_ROUNDS = 5;

/**
 * Which of `members` can review in `repo` (GitHub's assignable users: collaborators with access),
 * in one GraphQL request, aliased per member. `query:` matches names and prefixes too (`bob` finds
 * `bobby`, `bob-smith`…), so the exact login is looked for (case-insensitively), and a member whose
 * first page has more matches but not the login is asked again from its cursor, only those, for a
 * few rounds. A member still not settled then is left out of the map: unknown, not "no access".
 */
export async function reviewAccess(service: Client, repo: string, members: readonly string[]): Promise<Map<string, boolean>> {
  const [owner, name] = repo.split('/');
  const access = new Map<string, boolean>();
  /** Members still to ask, with the cursor to ask from. */
  let open = [...new Set(members.map((m) => m.toLowerCase()))].map((m) => ({ member: m, after: null as string | null }));
  for (let round = 0; round < ACCESS_ROUNDS && open.length > 0; round++) {
    const decls = open.map((_, i) => `$m${i}: String!, $c${i}: String`).join(', ');
    const aliases = open.map((_, i) => `a${i}: assignableUsers(query: $m${i}, first: 100, after: $c${i}) { nodes { login } pageInfo { hasNextPage endCursor } }`).join('\n    ');
    const query = `query LeadDeskReviewAccess($owner: String!, $name: String!, ${decls}) {\n  repository(owner: $owner, name: $name) {\n    ${aliases}\n  }\n}`;
    const variables: Record<string, string | null> = { owner: owner ?? '', name: name ?? '' };
    open.forEach((o, i) => { variables[`m${i}`] = o.member; variables[`c${i}`] = o.after; });
    const data = await service.graphql<{ repository?: Json | null }>(query, variables);
    const repository = data?.repository;
    if (typeof repository !== 'object' || repository === null) throw new GitHubFailure('not-found', repo);
    open = open.flatMap((o, i) => {
      const conn = repository[`a${i}`];
      const page = typeof conn === 'object' && conn !== null ? conn as Json : {};
      const nodes = Array.isArray(page.nodes) ? page.nodes : [];
      if (nodes.some((n) => login(n).toLowerCase() === o.member)) {
        access.set(o.member, true);
        return [];
      }
      const info = typeof page.pageInfo === 'object' && page.pageInfo !== null ? page.pageInfo as Json : {};
      const cursor = str(info.endCursor);
      if (info.hasNextPage === true && cursor !== '') return [{ member: o.member, after: cursor }];
      access.set(o.member, false);
      return [];
    });
  }
  if (open.length > 0) console.warn(`[lead-desk] review access on ${repo} not settled for ${open.map((o) => o.member).join(', ')}: too many logins match`);
  return access;
}
