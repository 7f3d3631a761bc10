/**
 * The team fields (AI reviewers, coding agents, the merge queue) against the fake GitHub's GraphQL,
 * executed on GitHub's published schema: their names, their reading into the pure core's facts,
 * a server that lacks them, and `enqueuePullRequest` sent once.
 */
import assert from 'node:assert/strict';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { queryCost } from '../../fake-github/graphql/cost';
import { SIDEBAR_QUERY, SIDEBAR_SEARCHES } from '../../../src/github/ops/sidebarQuery';
import {
  addIssue, addPull, demoScenario, dequeue, enableAutoMerge, enqueue, githubSchema, linkClosingIssues, requireMergeQueue, setMergeState, startFakeGitHub,
  submitReview, type FakeGitHub, type Scenario,
} from '../../fake-github';
import { agentWork } from '../../../src/core/agentWork';
import { aiReviews, humanOwnFacts, humanWaitingOn } from '../../../src/core/aiReviews';
import { ownInboxState } from '../../../src/core/inbox';
import { mergeAction, mergeQueueState } from '../../../src/core/mergeQueue';
import { ENQUEUE_MUTATION, QUEUE_STATE_QUERY, enqueuePullRequest } from '../../../src/github/ops/enqueue';
import {
  AGENT_PULLS, AUTHOR_KIND, CLOSING_ISSUES, MERGE_QUEUE_FIELDS, REQUESTED_REVIEWER, REVIEWS_ON_COMMITS,
  agentPullsOf, closingIssuesOf, isBotActor, mergeQueueFactsOf, requestedReviewersOf, reviewsOnCommits,
} from '../../../src/github/teamFields';
import { fakeTransport } from './fakeSession';
import { UnconfirmedWrite } from '../../../src/github/transport/failure';
import type { Json } from '../../../src/github/parse';

/** The fragments as the sidebar query would carry them, on the lead's PRs and delegated issues. */
const TEAM_QUERY = `query LeadDeskTeamFields($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    pullRequests(first: 50, states: OPEN) {
      nodes {
        number isDraft ${AUTHOR_KIND} reviewDecision ${MERGE_QUEUE_FIELDS} ${REVIEWS_ON_COMMITS} ${CLOSING_ISSUES}
        reviewRequests(first: 10) { nodes { requestedReviewer { ${REQUESTED_REVIEWER} } } }
      }
    }
    issues(first: 50, states: OPEN) { nodes { number author { login } assignees(first: 5) { nodes { login } } ${AGENT_PULLS} } }
  }
}`;

const NOW = new Date(Date.UTC(2026, 11, 4, 15));
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);

interface World { queued: number; first: number; auto: number; removed: number; dirty: number; botOnly: number; botReviewed: number; agentDraft: number; agentReady: number; issue: number }

/** acme/api's main requires the queue; one PR of each kind. */
function teamWorld(s: Scenario): World {
  s.users.push(
    { login: 'copilot-pull-request-reviewer[bot]', id: 9001, name: null, type: 'Bot' },
    { login: 'copilot-swe-agent[bot]', id: 9002, name: null, type: 'Bot' },
  );
  requireMergeQueue(s, 'acme/api');
  const pr = (title: string, more: Parameters<typeof addPull>[1] extends infer P ? Partial<P> : never = {}) => addPull(s, { repo: 'acme/api', title, author: s.me, ...more }, at(600));
  const first = pr('First in the queue');
  const queued = pr('Second in the queue');
  enqueue(s, first, at(30), { estimatedSeconds: 300 });
  enqueue(s, queued, at(20), { estimatedSeconds: 900, state: 'AWAITING_CHECKS' });
  const auto = pr('Auto-merge armed');
  enableAutoMerge(s, auto, at(10), 'SQUASH');
  const removed = pr('Removed from the queue');
  enqueue(s, removed, at(50));
  dequeue(s, removed, at(40), 'failed checks');
  const dirty = pr('Conflicts');
  setMergeState(s, dirty, 'DIRTY');
  const botOnly = pr('Only a bot was asked');
  botOnly.requestedReviewers.push('copilot-pull-request-reviewer[bot]');
  const botReviewed = pr('A bot reviewed an older commit, and approved');
  submitReview(s, botReviewed, 'copilot-pull-request-reviewer[bot]', 'APPROVED', at(300));
  botReviewed.head.sha = 'f'.repeat(40); // pushed since
  const issue = addIssue(s, { repo: 'acme/api', title: 'Agent: add retries', author: s.me, assignees: ['copilot-swe-agent[bot]'] }, at(900));
  const agentDraft = addPull(s, { repo: 'acme/api', title: 'Add retries (WIP)', author: 'copilot-swe-agent[bot]', draft: true }, at(800));
  linkClosingIssues(s, agentDraft, [issue.number]);
  const agentReady = addPull(s, { repo: 'acme/api', title: 'Add retries', author: 'copilot-swe-agent[bot]' }, at(700));
  linkClosingIssues(s, agentReady, [issue.number]);
  return { queued: queued.number, first: first.number, auto: auto.number, removed: removed.number, dirty: dirty.number, botOnly: botOnly.number, botReviewed: botReviewed.number, agentDraft: agentDraft.number, agentReady: agentReady.number, issue: issue.number };
}

describe('team fields against the fake GitHub', function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let world: World;
  const transport = () => fakeTransport(fake);
  const start = async (omit?: string[]) => {
    const s = demoScenario(NOW);
    world = teamWorld(s);
    fake = await startFakeGitHub(s, { eagerGraphQL: true, now: () => NOW, ...(omit ? { graphqlOmitFields: omit } : {}) });
  };
  const pulls = (data: unknown): Map<number, Json> => new Map(((data as { repository: { pullRequests: { nodes: Json[] } } }).repository.pullRequests.nodes).map((n) => [n.number as number, n]));
  afterEach(() => fake?.close());

  it('the sidebar query with the team fields stays within 12 points at 100 reviews (GitHub\'s cost rule, as the fake charges)', () => {
    // The lines the sidebar query takes (until it has them): bots among requested reviewers, review
    // authors' kind, the queue on the lead's PRs, agent PRs on delegated issues.
    const withTeam = SIDEBAR_QUERY.includes('queueEvents') ? SIDEBAR_QUERY : SIDEBAR_QUERY
      .replace(/\.\.\. on Team \{ slug \} \}/g, '... on Team { slug } ... on Bot { login } }')
      .replace('latestReviews(first: 10) { nodes { state submittedAt author { login }', 'latestReviews(first: 10) { nodes { state submittedAt author { __typename login }')
      .replace(/(mine: search[^\n]*\n[^\n]*\n\s*nodes \{ __typename \.\.\. on PullRequest \{ )/, `$1${MERGE_QUEUE_FIELDS} `)
      .replace('... on Issue { ', `... on Issue { ${AGENT_PULLS} `);
    assert.ok(withTeam.includes('queueEvents') && withTeam.includes('agentPulls') && withTeam.includes('... on Bot { login }'), 'the team fields are in');
    const vars = { ...SIDEBAR_SEARCHES, withReviews: true, withReviewed: true, withMine: true, withDelegated: true };
    const cost = queryCost(githubSchema().schema, parse(withTeam).definitions[0] as OperationDefinitionNode, {}, vars);
    assert.deepEqual(cost.errors, []);
    assert.ok(cost.cost <= 12, `${cost.cost} points (${cost.requests} requests)`);
  });

  it('every field and fragment is valid on GitHub\'s published schema', () => {
    for (const q of [TEAM_QUERY, QUEUE_STATE_QUERY, ENQUEUE_MUTATION]) assert.deepEqual(validate(githubSchema().schema, parse(q)).map((e) => e.message), []);
  });

  it('reads the merge queue: queued with position and estimate, auto-merge, removed with its reason, conflicts', async () => {
    await start();
    const prs = pulls(await transport().graphql(TEAM_QUERY, { owner: 'acme', name: 'api' }));
    const state = (n: number) => mergeQueueState(mergeQueueFactsOf(prs.get(n)!));
    assert.deepEqual(state(world.first), { kind: 'queued', position: 1, etaSeconds: 300, entryState: 'QUEUED' });
    assert.deepEqual(state(world.queued), { kind: 'queued', position: 2, etaSeconds: 900, entryState: 'AWAITING_CHECKS' });
    assert.deepEqual(state(world.auto), { kind: 'auto-merge', method: 'SQUASH', since: at(10).getTime() });
    assert.deepEqual(state(world.removed), { kind: 'removed', reason: 'failed checks', at: at(40).getTime() });
    assert.deepEqual(state(world.dirty), { kind: 'blocked', reason: 'conflicts' });
    assert.equal(mergeQueueFactsOf(prs.get(world.dirty)!).queueRequired, true, 'main requires the queue');
    assert.equal(mergeAction({ queueRequired: true, entry: mergeQueueFactsOf(prs.get(world.queued)!).entry }), 'none');
  });

  it('reads bots as bots: only a bot asked → no person waited on; a bot\'s approval on an old commit → not approved', async () => {
    await start();
    const prs = pulls(await transport().graphql(TEAM_QUERY, { owner: 'acme', name: 'api' }));
    const botOnly = prs.get(world.botOnly)!;
    assert.deepEqual(requestedReviewersOf(botOnly.reviewRequests), [{ kind: 'bot', name: 'copilot-pull-request-reviewer' }]);
    assert.deepEqual(humanWaitingOn(requestedReviewersOf(botOnly.reviewRequests)), []);
    assert.deepEqual(aiReviews({ headSha: String(botOnly.headRefOid), requestedBots: ['copilot-pull-request-reviewer'], reviews: [] }).map((r) => r.state), ['requested']);
    const reviewed = prs.get(world.botReviewed)!;
    const reviews = reviewsOnCommits(reviewed.latestReviews);
    assert.deepEqual(reviews.map((r) => [r.reviewer, r.verdict, r.bot]), [['copilot-pull-request-reviewer', 'APPROVED', true]]);
    assert.deepEqual(aiReviews({ headSha: String(reviewed.headRefOid), requestedBots: [], reviews }).map((r) => r.state), ['reviewed-older']);
    assert.equal(reviewed.reviewDecision, 'APPROVED', 'GitHub (the fake) counts the app');
    assert.equal(ownInboxState(humanOwnFacts({ reviewDecision: 'APPROVED', reviews })), 'waiting-on-reviewers');
  });

  it('finds an agent\'s PRs from the issue the lead handed it: the draft delegated, the ready one for review', async () => {
    await start();
    const data = await transport().graphql<{ repository: { issues: { nodes: Json[] } } }>(TEAM_QUERY, { owner: 'acme', name: 'api' });
    const issueNode = data.repository.issues.nodes.find((n) => n.number === world.issue)!;
    const linked = { repo: 'acme/api', number: world.issue, author: 'lead', assignees: ['copilot-swe-agent'] };
    const found = agentPullsOf(issueNode, linked, new URL(fake.url).host);
    assert.deepEqual(found.map((p) => [p.number, p.author, p.authorIsBot, p.draft]), [[world.agentDraft, 'copilot-swe-agent', true, true], [world.agentReady, 'copilot-swe-agent', true, false]]);
    assert.deepEqual(agentWork(found, { me: 'lead', agents: [] }).map((w) => [w.number, w.state]), [[world.agentDraft, 'delegated'], [world.agentReady, 'needs-your-review']]);
    const prs = pulls(data);
    assert.equal(isBotActor(prs.get(world.agentReady)!.author), true);
    assert.deepEqual(closingIssuesOf(prs.get(world.agentReady)!.closingIssuesReferences), [{ repo: 'acme/api', number: world.issue, author: 'lead', assignees: [] }]);
  });

  it('a server without the merge-queue types (events, enum values) loses only the queue events', async () => {
    await start(['AddedToMergeQueueEvent', 'RemovedFromMergeQueueEvent']);
    const warn = console.warn;
    const said: string[] = [];
    console.warn = (m: string) => { said.push(String(m)); };
    try {
      const t = transport();
      const prs = pulls(await t.graphql(TEAM_QUERY, { owner: 'acme', name: 'api' }));
      assert.deepEqual(mergeQueueState(mergeQueueFactsOf(prs.get(world.removed)!)), { kind: 'ready', unstable: false }, 'no removal known');
      assert.deepEqual(mergeQueueState(mergeQueueFactsOf(prs.get(world.queued)!)), { kind: 'queued', position: 2, etaSeconds: 900, entryState: 'AWAITING_CHECKS' }, 'the entry still comes');
      assert.equal(said.length, 1, said.join('\n'));
      assert.deepEqual(fake.requests.map((r) => r.status), [200, 200], 'refused once, then answered');
    } finally {
      console.warn = warn;
    }
  });

  it('a server without the merge-queue and link fields loses only them', async () => {
    const omitted = ['PullRequest.mergeQueueEntry', 'PullRequest.autoMergeRequest', 'PullRequest.mergeStateStatus', 'PullRequest.isMergeQueueEnabled', 'PullRequest.closingIssuesReferences', 'Issue.closedByPullRequestsReferences'];
    await start(omitted);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const t = transport();
      const prs = pulls(await t.graphql(TEAM_QUERY, { owner: 'acme', name: 'api' }));
      assert.deepEqual([...t.droppedFields].sort(), [...omitted].sort());
      const dirty = mergeQueueFactsOf(prs.get(world.dirty)!);
      assert.deepEqual([dirty.entry, dirty.autoMerge, dirty.mergeStateStatus, dirty.queueRequired], [null, null, null, false]);
      assert.deepEqual(mergeQueueState(mergeQueueFactsOf(prs.get(world.removed)!)), { kind: 'removed', reason: 'failed checks', at: at(40).getTime() }, 'the timeline is still there');
      assert.deepEqual(requestedReviewersOf(prs.get(world.botOnly)!.reviewRequests), [{ kind: 'bot', name: 'copilot-pull-request-reviewer' }], 'the rest still comes');
    } finally {
      console.warn = warn;
    }
  });
});

describe('enqueuePullRequest', function () {
  this.timeout(60_000);
  let fake: FakeGitHub;
  let world: World;
  const transport = () => fakeTransport(fake);
  const mutations = () => fake.requests.filter((r) => r.resource === 'graphql' && /mutation/.test(String((r.body as { query?: string })?.query)));
  beforeEach(async () => {
    const s = demoScenario(NOW);
    world = teamWorld(s);
    fake = await startFakeGitHub(s, { eagerGraphQL: true, now: () => NOW });
  });
  afterEach(() => fake.close());

  it('adds a PR to the queue of a queue-protected branch, with one mutation', async () => {
    const done = await enqueuePullRequest(transport(), 'acme/api', world.dirty);
    assert.equal(done.alreadyQueued, false);
    assert.deepEqual([done.entry?.position, done.recoveredFrom], [3, undefined], 'behind the two queued before it');
    assert.equal(mutations().length, 1);
    assert.equal(fake.scenario.teamWork?.queue.filter((e) => e.pull === world.dirty).length, 1);
  });

  it('never acts on a PR already queued (GitHub would send it to the back)', async () => {
    const done = await enqueuePullRequest(transport(), 'acme/api', world.first);
    assert.deepEqual([done.alreadyQueued, done.entry?.position], [true, 1]);
    assert.equal(mutations().length, 0);
    assert.equal(fake.scenario.teamWork?.queue[0].pull, world.first, 'still first');
  });

  /** The transport, with `fault` put on the fake's GraphQL endpoint just before the mutation goes. */
  const faultOnWrite = (...faults: Parameters<FakeGitHub['inject']>[1][]) => {
    const t = transport();
    const graphql = t.graphql.bind(t);
    t.graphql = (<T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
      if (query.startsWith('mutation')) for (const f of faults) fake.inject('POST /graphql', f);
      return graphql<T>(query, variables);
    }) as typeof t.graphql;
    return t;
  };

  it('after a lost answer, reads back that the PR was queued instead of sending again', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const done = await enqueuePullRequest(faultOnWrite({ afterApply: 502, times: 1 }), 'acme/api', world.dirty);
      assert.equal(done.recoveredFrom?.status, 502);
      assert.equal(done.entry?.position, 3);
      assert.equal(mutations().length, 1, 'sent once');
      assert.equal(fake.scenario.teamWork?.queue.filter((e) => e.pull === world.dirty).length, 1);
    } finally {
      console.warn = warn;
    }
  });

  it('a lost answer that cannot be read back is unconfirmed, not retried', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await assert.rejects(enqueuePullRequest(faultOnWrite({ afterApply: 502, times: 1 }, { status: 502, times: 20 }), 'acme/api', world.dirty), (e) => e instanceof UnconfirmedWrite);
      assert.equal(mutations().length, 1, 'sent once');
    } finally {
      console.warn = warn;
    }
  });

  it('refuses a branch without a queue, sending nothing', async () => {
    const web = addPull(fake.scenario, { repo: 'acme/web', title: 'No queue here', author: 'lead' });
    await assert.rejects(enqueuePullRequest(transport(), 'acme/web', web.number), /has no merge queue/);
    assert.equal(mutations().length, 0);
  });
});
