/**
 * When coding agents' PRs were marked ready for review, read once per PR after the sidebar (not in
 * it: a timeline under each PR of each delegated issue would cost the sidebar 500 requests, 5
 * points). One `nodes(ids:)` request for up to 100 PRs, each with its last ReadyForReviewEvent;
 * a PR that never was a draft has none, and was ready from its creation.
 */
import { time, type Json } from '../parse';
import type { Transport } from '../transport/transport';

/** GitHub's `nodes(ids:)` takes at most 100 ids. */
export const AGENT_READY_MAX = 100;

export const AGENT_READY_QUERY = `query LeadDeskAgentReady($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on PullRequest { id createdAt readyEvents: timelineItems(last: 1, itemTypes: [READY_FOR_REVIEW_EVENT]) { nodes { __typename ... on ReadyForReviewEvent { createdAt } } } }
  }
}`;

/** The ready time of each PR GitHub answered for (node id → epoch ms); ids it did not answer for are left out. */
export function readAgentReadyTimes(data: unknown): Map<string, number> {
  const times = new Map<string, number>();
  const nodes = typeof data === 'object' && data !== null ? (data as Json).nodes : undefined;
  for (const n of Array.isArray(nodes) ? nodes : []) {
    if (typeof n !== 'object' || n === null || (n as Json).__typename !== 'PullRequest' || typeof (n as Json).id !== 'string') continue;
    const pr = n as Json;
    const events = (pr.readyEvents as Json | null | undefined)?.nodes;
    const last = Array.isArray(events) ? (events as unknown[]).at(-1) as Json | undefined : undefined;
    const at = time(last?.createdAt ?? pr.createdAt, Number.NaN);
    if (!Number.isNaN(at)) times.set(pr.id as string, at);
  }
  return times;
}

/** When each PR of `ids` was last marked ready (its creation if never a draft): the first 100, in one request. */
export async function agentReadyTimes(transport: Pick<Transport, 'graphql'>, ids: readonly string[]): Promise<Map<string, number>> {
  const asked = [...new Set(ids)].slice(0, AGENT_READY_MAX);
  if (asked.length === 0) return new Map();
  return readAgentReadyTimes(await transport.graphql(AGENT_READY_QUERY, { ids: asked }));
}
