/**
 * When coding agents' PRs were marked ready for review, and how many commits they have, read after
 * the sidebar (not in it: a timeline or a commit count under each PR of each delegated issue would
 * cost the sidebar 500 requests, 5 points each, past its 12). One `nodes(ids:)` request for up to
 * 100 PRs, each with its last ReadyForReviewEvent and `commits { totalCount }` (2 requests a PR
 * in GitHub's cost, 1 point for 100); a PR that never was a draft has no event, and was ready from
 * its creation. The caller asks only for PRs not read yet, or updated since (a push).
 */
import { time, type Json } from '../parse';
import type { Transport } from '../transport/transport';

/** GitHub's `nodes(ids:)` takes at most 100 ids. */
export const AGENT_READY_MAX = 100;

export const AGENT_READY_QUERY = `query LeadDeskAgentReady($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on PullRequest { id createdAt commits { totalCount } readyEvents: timelineItems(last: 1, itemTypes: [READY_FOR_REVIEW_EVENT]) { nodes { __typename ... on ReadyForReviewEvent { createdAt } } } }
  }
}`;

/** What is read of an agent's PR after the sidebar. */
export interface AgentPullProgress {
  /** When it was last marked ready (epoch ms); its creation if it never was a draft. Meaningless on a draft. */
  readonly readyAt: number;
  /** Commits on the PR; null when GitHub did not say. */
  readonly commits: number | null;
}

/** The ready time and commit count of each PR GitHub answered for (node id →); ids it did not answer for are left out. */
export function readAgentPullProgress(data: unknown): Map<string, AgentPullProgress> {
  const read = new Map<string, AgentPullProgress>();
  const nodes = typeof data === 'object' && data !== null ? (data as Json).nodes : undefined;
  for (const n of Array.isArray(nodes) ? nodes : []) {
    if (typeof n !== 'object' || n === null || (n as Json).__typename !== 'PullRequest' || typeof (n as Json).id !== 'string') continue;
    const pr = n as Json;
    const events = (pr.readyEvents as Json | null | undefined)?.nodes;
    const last = Array.isArray(events) ? (events as unknown[]).at(-1) as Json | undefined : undefined;
    const at = time(last?.createdAt ?? pr.createdAt, Number.NaN);
    const count = (pr.commits as Json | null | undefined)?.totalCount;
    if (!Number.isNaN(at)) read.set(pr.id as string, { readyAt: at, commits: typeof count === 'number' && count >= 0 ? count : null });
  }
  return read;
}

/** When each PR of `ids` was last marked ready (its creation if never a draft), and its commits: the first 100, in one request. */
export async function agentPullProgress(transport: Pick<Transport, 'graphql'>, ids: readonly string[]): Promise<Map<string, AgentPullProgress>> {
  const asked = [...new Set(ids)].slice(0, AGENT_READY_MAX);
  if (asked.length === 0) return new Map();
  return readAgentPullProgress(await transport.graphql(AGENT_READY_QUERY, { ids: asked }));
}
