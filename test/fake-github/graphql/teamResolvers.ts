// GraphQL over teamWork.ts: the merge queue (entries with positions and estimates, queue events,
// `enqueuePullRequest`), auto-merge requests, merge states and the issues a PR closes. Merged into
// the resolvers of resolvers.ts / mutations.ts; every type and field as GitHub's schema has them.
import { GraphQLError } from 'graphql';
import { type Scenario, type ScenarioPull, findIssueOrPull, isPull, iso } from '../scenario';
import { nodeId } from '../shapes-base';
import {
  type ScenarioAutoMerge, type ScenarioQueueEntry, type ScenarioQueueEvent,
  closingIssueNumbers, dequeue, enqueue, mergeStateOf, queueEntryOf, queuePosition, queueRequired, teamWork,
} from '../teamWork';
import { type ConnectionArgs, connection } from './connection';
import { type Args, type GqlContext, type IssueSrc, type PullSrc, actor, commitSrc, itemSrc, nodeById, repoSrc } from './sources';

type Fields<S> = Record<string, (src: S, args: Args, ctx: GqlContext) => unknown>;

interface QueueEntrySrc { __typename: 'MergeQueueEntry'; entry: ScenarioQueueEntry }
interface QueueEventSrc { __typename: 'AddedToMergeQueueEvent' | 'RemovedFromMergeQueueEvent'; event: ScenarioQueueEvent }
interface AutoMergeSrc { __typename: 'AutoMergeRequest'; auto: ScenarioAutoMerge }
interface MergeQueueSrc { __typename: 'MergeQueue'; repo: string; branch: string }

const pullOf = (s: Scenario, repo: string, number: number): ScenarioPull | null => {
  const item = findIssueOrPull(s, repo, number);
  return item && isPull(item) ? item : null;
};
const entrySrc = (entry: ScenarioQueueEntry | undefined): QueueEntrySrc | null => (entry ? { __typename: 'MergeQueueEntry', entry } : null);

export const teamPullFields: Fields<PullSrc> = {
  isMergeQueueEnabled: (x, _a, c) => queueRequired(c.s, x.pull),
  isInMergeQueue: (x, _a, c) => queueEntryOf(c.s, x.pull) !== undefined,
  mergeQueueEntry: (x, _a, c) => entrySrc(queueEntryOf(c.s, x.pull)),
  mergeQueue: (x, _a, c): MergeQueueSrc | null => (queueRequired(c.s, x.pull) ? { __typename: 'MergeQueue', repo: x.pull.repo, branch: x.pull.base.ref } : null),
  autoMergeRequest: (x, _a, c): AutoMergeSrc | null => {
    const auto = c.s.teamWork?.autoMerge.find((a) => a.repo === x.pull.repo && a.pull === x.pull.number);
    return auto ? { __typename: 'AutoMergeRequest', auto } : null;
  },
  mergeStateStatus: (x, _a, c) => mergeStateOf(c.s, x.pull),
  closingIssuesReferences: (x, args, c) => connection(closingIssueNumbers(c.s, x.pull)
    .map((n) => findIssueOrPull(c.s, x.pull.repo, n)).filter((i) => i !== undefined && !isPull(i)).map((i) => itemSrc(i!)), args as ConnectionArgs),
};

export const teamIssueFields: Fields<IssueSrc> = {
  // Open PRs that close the issue (closed ones only with `includeClosedPrs`), as GitHub links them.
  closedByPullRequestsReferences: (x, args, c) => connection(c.s.pulls
    .filter((p) => p.repo === x.issue.repo && closingIssueNumbers(c.s, p).includes(x.issue.number))
    .filter((p) => args['includeClosedPrs'] === true || p.state === 'open')
    .map((p) => itemSrc(p)), args as ConnectionArgs),
};

/** The PR's queue events, for its `timelineItems` (`ADDED_TO_MERGE_QUEUE_EVENT`, `REMOVED_FROM_MERGE_QUEUE_EVENT`). */
export function queueTimelineEntries(s: Scenario, repo: string, number: number): { at: string; node: QueueEventSrc }[] {
  return (s.teamWork?.queueEvents ?? []).filter((e) => e.repo === repo && e.pull === number)
    .map((event) => ({ at: event.createdAt, node: { __typename: event.kind === 'added' ? 'AddedToMergeQueueEvent' : 'RemovedFromMergeQueueEvent', event } }));
}

const queueEventFields: Fields<QueueEventSrc> = {
  id: (x) => nodeId(x.event.kind === 'added' ? 'ATMQE' : 'RFMQE', x.event.id),
  createdAt: (x) => x.event.createdAt,
  actor: (x, _a, c) => actor(c.s, x.event.actor),
  enqueuer: (x, _a, c) => (x.event.kind === 'added' ? actor(c.s, x.event.actor) : null),
  reason: (x) => x.event.reason ?? null,
  pullRequest: (x, _a, c) => {
    const p = pullOf(c.s, x.event.repo, x.event.pull);
    return p ? itemSrc(p) : null;
  },
  mergeQueue: (x, _a, c): MergeQueueSrc | null => {
    const p = pullOf(c.s, x.event.repo, x.event.pull);
    return p ? { __typename: 'MergeQueue', repo: p.repo, branch: p.base.ref } : null;
  },
  beforeCommit: () => null,
};

export const teamTypeResolvers: Record<string, Fields<never>> = {
  MergeQueueEntry: {
    id: (x: QueueEntrySrc) => nodeId('MQE', x.entry.id),
    position: (x: QueueEntrySrc, _a: Args, c: GqlContext) => queuePosition(c.s, x.entry),
    estimatedTimeToMerge: (x: QueueEntrySrc) => x.entry.estimatedSeconds,
    state: (x: QueueEntrySrc) => x.entry.state,
    enqueuedAt: (x: QueueEntrySrc) => x.entry.enqueuedAt,
    enqueuer: (x: QueueEntrySrc, _a: Args, c: GqlContext) => actor(c.s, x.entry.enqueuer),
    jump: () => false,
    solo: () => false,
    pullRequest: (x: QueueEntrySrc, _a: Args, c: GqlContext) => {
      const p = pullOf(c.s, x.entry.repo, x.entry.pull);
      return p ? itemSrc(p) : null;
    },
    headCommit: (x: QueueEntrySrc, _a: Args, c: GqlContext) => {
      const p = pullOf(c.s, x.entry.repo, x.entry.pull);
      return p ? commitSrc(c.s, p.repo, p.head.sha) : null;
    },
    baseCommit: () => null,
    mergeQueue: (x: QueueEntrySrc): MergeQueueSrc => ({ __typename: 'MergeQueue', repo: x.entry.repo, branch: x.entry.branch }),
  } as Fields<never>,
  AutoMergeRequest: {
    enabledAt: (x: AutoMergeSrc) => x.auto.enabledAt,
    enabledBy: (x: AutoMergeSrc, _a: Args, c: GqlContext) => actor(c.s, x.auto.enabledBy),
    mergeMethod: (x: AutoMergeSrc) => x.auto.method,
    authorEmail: () => null,
    commitBody: () => null,
    commitHeadline: () => null,
    pullRequest: (x: AutoMergeSrc, _a: Args, c: GqlContext) => itemSrc(pullOf(c.s, x.auto.repo, x.auto.pull)!),
  } as Fields<never>,
  MergeQueue: {
    id: (x: MergeQueueSrc) => nodeId('MQ', `${x.repo}:${x.branch}`),
    entries: (x: MergeQueueSrc, args: Args, c: GqlContext) => connection(teamWork(c.s).queue.filter((e) => e.repo === x.repo && e.branch === x.branch).map(entrySrc), args as ConnectionArgs),
    nextEntryEstimatedTimeToMerge: (x: MergeQueueSrc, _a: Args, c: GqlContext) => teamWork(c.s).queue.find((e) => e.repo === x.repo && e.branch === x.branch)?.estimatedSeconds ?? null,
    repository: (x: MergeQueueSrc, _a: Args, c: GqlContext) => repoSrc(c.s, x.repo),
    url: (x: MergeQueueSrc, _a: Args, c: GqlContext) => `${c.web}/${x.repo}/queue/${x.branch}`,
    resourcePath: (x: MergeQueueSrc) => `/${x.repo}/queue/${x.branch}`,
    configuration: () => null,
  } as Fields<never>,
  AddedToMergeQueueEvent: queueEventFields as Fields<never>,
  RemovedFromMergeQueueEvent: queueEventFields as Fields<never>,
};

const unprocessable = (message: string): GraphQLError => new GraphQLError(message, { extensions: { type: 'UNPROCESSABLE' } });

export const teamMutationFields: Record<string, (src: unknown, args: Args, ctx: GqlContext) => unknown> = {
  /**
   * Adds the PR to its branch's queue. As on GitHub, enqueuing a PR that is queued already takes it
   * out and puts it at the back (the hazard Merge… avoids); a draft, a branch without a queue, or a
   * head that is not `expectedHeadOid` is refused.
   */
  enqueuePullRequest: (_r, args, c) => {
    const i = (args['input'] ?? {}) as Args;
    const id = String(i['pullRequestId']);
    const node = nodeById(c.s, id);
    if (node?.__typename !== 'PullRequest') throw new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, { extensions: { type: 'NOT_FOUND' } });
    const pull = (node as PullSrc).pull;
    if (pull.state !== 'open' || pull.mergedAt !== null) throw unprocessable('Pull request is not open');
    if (pull.draft) throw unprocessable('Pull request is in draft state');
    if (!queueRequired(c.s, pull)) throw unprocessable('Merge queue is not enabled for this branch');
    if (typeof i['expectedHeadOid'] === 'string' && i['expectedHeadOid'] !== pull.head.sha) throw unprocessable('Head sha didn\'t match expected head sha');
    if (queueEntryOf(c.s, pull)) dequeue(c.s, pull, c.now, 'Re-queued', c.s.me);
    const entry = enqueue(c.s, pull, c.now, { by: c.s.me });
    pull.updatedAt = iso(c.now);
    return { clientMutationId: i['clientMutationId'] ?? null, mergeQueueEntry: entrySrc(entry) };
  },
};
