/**
 * Review requests on a PR: ask a teammate (REST `POST …/requested_reviewers`), withdraw one
 * (`DELETE …/requested_reviewers`), and who of the team can be asked at all (one GraphQL request:
 * `assignableUsers` per member, aliased). Writes go one at a time through the service's Octokit,
 * which spaces them and honours `retry-after` (src/github/octokit.ts).
 */
import { GitHubFailure, classifyFailure } from './failure';
import { array, login, object, type Json } from './parse';
import type { GitHubClient } from './service';

type Client = Pick<GitHubClient, 'octokit' | 'graphql'>;

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

/** Asks `reviewers` for a review (POST), or removes their requests (DELETE); answers whom the PR now waits on. */
async function changeRequests(service: Client, change: 'add' | 'remove', repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers> {
  const [owner, name] = repo.split('/');
  const params = { owner: owner ?? '', repo: name ?? '', pull_number: number, reviewers: [...reviewers] };
  try {
    const { data } = change === 'add' ? await service.octokit.rest.pulls.requestReviewers(params) : await service.octokit.rest.pulls.removeRequestedReviewers(params);
    return requestedFrom(data);
  } catch (e) {
    throw reviewRequestFailure(e, repo, reviewers.join(', '));
  }
}

export const requestReviewers = (service: Client, repo: string, number: number, reviewers: readonly string[]) => changeRequests(service, 'add', repo, number, reviewers);
export const removeReviewRequest = (service: Client, repo: string, number: number, reviewers: readonly string[]) => changeRequests(service, 'remove', repo, number, reviewers);

/**
 * Which of `members` can review in `repo` (GitHub's assignable users: collaborators with access),
 * in one GraphQL request. A login in the answer's list is matched exactly (case-insensitively):
 * `query:` also matches names and prefixes.
 */
export async function reviewAccess(service: Client, repo: string, members: readonly string[]): Promise<Map<string, boolean>> {
  const [owner, name] = repo.split('/');
  if (members.length === 0) return new Map();
  const decls = members.map((_, i) => `$m${i}: String!`).join(', ');
  const aliases = members.map((_, i) => `a${i}: assignableUsers(query: $m${i}, first: 20) { nodes { login } }`).join('\n    ');
  const query = `query LeadDeskReviewAccess($owner: String!, $name: String!, ${decls}) {\n  repository(owner: $owner, name: $name) {\n    ${aliases}\n  }\n}`;
  const variables: Record<string, string> = { owner: owner ?? '', name: name ?? '' };
  members.forEach((m, i) => { variables[`m${i}`] = m; });
  const data = await service.graphql<{ repository?: Json | null }>(query, variables);
  const repository = data?.repository;
  if (typeof repository !== 'object' || repository === null) throw new GitHubFailure('not-found', repo);
  return new Map(members.map((m, i) => {
    const conn = repository[`a${i}`];
    const nodes = typeof conn === 'object' && conn !== null && Array.isArray((conn as Json).nodes) ? (conn as Json).nodes as unknown[] : [];
    return [m.toLowerCase(), nodes.some((n) => login(n).toLowerCase() === m.toLowerCase())];
  }));
}
