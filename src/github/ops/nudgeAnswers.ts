/**
 * Did anyone answer a nudge? For every nudged item, in ONE aliased GraphQL query (`a0, a1, …`,
 * one per item), the comments, reviews and commits since the earliest nudge on it; the pure
 * `isAnswered` (src/core/nudges.ts) then reads whether the nudged person acted after their nudge.
 * Pure apart from `nudgeAnswers`, which runs the query on a narrow transport.
 */
import { itemKey, type ItemActivity, type NudgeRecord } from '../../core/nudges';
import { GitHubFailure } from '../transport/failure';
import type { Json } from '../parse';
import type { Transport } from '../transport/transport';
import type { GraphQLErrorLike } from '../graphqlTypes';

/** Timeline entries read per item: a nudge is answered by a few, and 100 is GitHub's page. */
const ACTIVITY = 100;

const ACTOR = 'author { login }';
const ITEM_FIELDS = `__typename
      ... on Issue { timelineItems(since: $SINCE, itemTypes: [ISSUE_COMMENT], first: ${ACTIVITY}) { nodes { ...LeadDeskAnswerComment } } }
      ... on PullRequest { timelineItems(since: $SINCE, itemTypes: [ISSUE_COMMENT, PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT], first: ${ACTIVITY}) {
        nodes { ...LeadDeskAnswerComment ... on PullRequestReview { ${ACTOR} submittedAt } ... on PullRequestCommit { commit { committedDate author { user { login } } } } }
      } }`;

export interface NudgeAnswersRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Alias → item key (`acme/api#12`, lower case). */
  readonly aliases: ReadonlyMap<string, string>;
}

/** The query over the distinct items of `nudges`; null when there is nothing to ask. */
export function nudgeAnswersRequest(nudges: readonly NudgeRecord[]): NudgeAnswersRequest | null {
  const items = new Map<string, { repo: string; number: number; since: number }>();
  for (const n of nudges) {
    const key = itemKey(n.repo, n.number);
    const seen = items.get(key);
    if (!seen) items.set(key, { repo: n.repo, number: n.number, since: n.at });
    else if (n.at < seen.since) items.set(key, { ...seen, since: n.at });
  }
  if (items.size === 0) return null;
  const decl: string[] = [];
  const parts: string[] = [];
  const variables: Record<string, unknown> = {};
  const aliases = new Map<string, string>();
  [...items.entries()].forEach(([key, item], i) => {
    const [owner, name] = item.repo.split('/');
    variables[`o${i}`] = owner;
    variables[`n${i}`] = name;
    variables[`k${i}`] = item.number;
    variables[`s${i}`] = new Date(item.since).toISOString();
    decl.push(`$o${i}: String!`, `$n${i}: String!`, `$k${i}: Int!`, `$s${i}: DateTime!`);
    parts.push(`a${i}: repository(owner: $o${i}, name: $n${i}) { issueOrPullRequest(number: $k${i}) { ${ITEM_FIELDS.replaceAll('$SINCE', `$s${i}`)} } }`);
    aliases.set(`a${i}`, key);
  });
  const query = `query LeadDeskNudgeAnswers(${decl.join(', ')}) {\n  ${parts.join('\n  ')}\n}\n`
    + `fragment LeadDeskAnswerComment on IssueComment { ${ACTOR} createdAt }`;
  return { query, variables, aliases };
}

const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : null);
const login = (v: unknown): string | null => {
  const l = obj(v)?.login;
  return typeof l === 'string' && l !== '' ? l : null;
};
const instant = (...values: unknown[]): number | null => {
  for (const v of values) {
    const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (Number.isFinite(t)) return t;
  }
  return null;
};

/** One timeline node as activity (who and when), or null when it says neither. */
function activityOf(node: Json): ItemActivity | null {
  const commit = obj(node.commit);
  const who = commit ? login(obj(commit.author)?.user) : login(node.author);
  // A push counts by its commit date: GitHub no longer says when a commit was pushed.
  const at = commit ? instant(commit.committedDate) : instant(node.submittedAt, node.createdAt);
  return who !== null && at !== null ? { who, at } : null;
}

/**
 * Activity per item key; an item GitHub gave no answer for (an error at its alias, a deleted
 * issue) is absent, so its nudges read as "no answer known".
 */
export function readNudgeAnswers(req: NudgeAnswersRequest, data: Json | null, errors: readonly GraphQLErrorLike[]): Map<string, ItemActivity[]> {
  const out = new Map<string, ItemActivity[]>();
  for (const [alias, key] of req.aliases) {
    if (errors.some((e) => e.path?.[0] === alias)) continue;
    const item = obj(obj(data?.[alias])?.issueOrPullRequest);
    const nodes = obj(item?.timelineItems)?.nodes;
    if (!item || !Array.isArray(nodes)) continue;
    out.set(key, nodes.flatMap((n) => {
      const o = obj(n);
      const a = o ? activityOf(o) : null;
      return a ? [a] : [];
    }));
  }
  return out;
}

/** Runs the query (one request). Partial errors keep what came; a whole failure throws a `GitHubFailure`. */
export async function nudgeAnswers(service: Pick<Transport, 'graphqlWithErrors'>, nudges: readonly NudgeRecord[]): Promise<Map<string, ItemActivity[]>> {
  const req = nudgeAnswersRequest(nudges);
  if (!req) return new Map();
  const { data, errors } = await service.graphqlWithErrors(req.query, req.variables, { needData: true });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new GitHubFailure('malformed', 'the nudge answers are not an object');
  return readNudgeAnswers(req, data as Json, errors);
}
