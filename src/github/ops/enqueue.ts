/**
 * Merge… on a branch that requires a merge queue: the PR is added to the queue
 * (`enqueuePullRequest`), never merged past it. The PR is read first (its node id, and whether it
 * is queued already: enqueuing a queued PR would send it to the back), and the mutation is sent
 * once; after a lost answer, the PR's queue entry says whether it was added.
 */
import { GitHubFailure } from '../transport/failure';
import type { Transport } from '../transport/transport';
import { sendOnce, type WriteResult } from '../transport/writeOnce';
import type { QueueEntry } from '../../core/mergeQueue';
import { mergeQueueFactsOf } from '../teamFields';
import type { Json } from '../parse';

const ENTRY = 'mergeQueueEntry { position estimatedTimeToMerge state }';

export const QUEUE_STATE_QUERY = `query LeadDeskQueueState($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) { id headRefOid isMergeQueueEnabled ${ENTRY} } }
}`;

export const ENQUEUE_MUTATION = `mutation LeadDeskEnqueue($id: ID!, $head: GitObjectID) {
  enqueuePullRequest(input: { pullRequestId: $id, expectedHeadOid: $head }) { ${ENTRY} }
}`;

interface QueueState {
  readonly id: string;
  readonly queueRequired: boolean;
  readonly entry: QueueEntry | null;
  readonly headSha: string;
}

async function queueState(transport: Pick<Transport, 'graphql'>, repo: string, number: number): Promise<QueueState> {
  const [owner, name] = repo.split('/');
  const data = await transport.graphql<{ repository?: { pullRequest?: Json | null } | null }>(QUEUE_STATE_QUERY, { owner, name, number });
  const pr = data?.repository?.pullRequest;
  if (!pr || typeof pr.id !== 'string') throw new GitHubFailure('not-found', `${repo}#${number}`);
  const facts = mergeQueueFactsOf(pr);
  return { id: pr.id, queueRequired: facts.queueRequired, entry: facts.entry, headSha: facts.headSha };
}

export interface Enqueued extends WriteResult {
  /** Its place in the queue, when GitHub gave one. */
  readonly entry: QueueEntry | null;
  /** It was in the queue already: nothing was sent. */
  readonly alreadyQueued: boolean;
}

/**
 * Adds the PR to its branch's merge queue, if its head is still `headSha` (when given; GitHub
 * refuses otherwise). A PR already queued is left as it is. A branch without a queue is refused
 * here: Merge… merges those (`mergeAction`).
 */
export async function enqueuePullRequest(transport: Pick<Transport, 'graphql'>, repo: string, number: number, headSha?: string): Promise<Enqueued> {
  const before = await queueState(transport, repo, number);
  if (before.entry) return { entry: before.entry, alreadyQueued: true };
  if (!before.queueRequired) throw new GitHubFailure('invalid', `${repo}#${number}: its branch has no merge queue`);
  const sent = await sendOnce(`${repo}#${number} was added to the merge queue`, async () => {
    const data = await transport.graphql<{ enqueuePullRequest?: Json | null }>(ENQUEUE_MUTATION, { id: before.id, head: headSha ?? null });
    return { entry: mergeQueueFactsOf(data?.enqueuePullRequest ?? {}).entry };
  }, async () => {
    const after = await queueState(transport, repo, number);
    return after.entry ? { entry: after.entry } : null;
  });
  return { ...sent, alreadyQueued: false };
}
