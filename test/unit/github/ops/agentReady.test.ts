/**
 * When coding agents' PRs were marked ready (src/github/ops/agentReady.ts), against the fake
 * GitHub's GraphQL on GitHub's published schema: the last ReadyForReviewEvent, the creation of a
 * PR that never was a draft, one request within 1 point, and the node ids the sidebar gives.
 */
import assert from 'node:assert/strict';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { queryCost } from '../../../fake-github/graphql/cost';
import { addIssue, addPull, demoScenario, githubSchema, linkClosingIssues, setDraft, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { AGENT_READY_QUERY, agentPullProgress } from '../../../../src/github/ops/agentReady';
import { AGENT_PULLS, agentPullsOf } from '../../../../src/github/teamFields';
import { SIDEBAR_QUERY } from '../../../../src/github/ops/sidebarQuery';
import type { Json } from '../../../../src/github/parse';
import { fakeTransport } from '../fakeSession';

const NOW = new Date(Date.UTC(2026, 11, 4, 15));
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe('agents\' ready times against the fake GitHub', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  afterEach(() => fake?.close());

  it('is valid on GitHub\'s schema and costs 1 point for 100 PRs, with their commit counts', () => {
    const schema = githubSchema().schema;
    assert.deepEqual(validate(schema, parse(AGENT_READY_QUERY)).map((e) => e.message), []);
    const ids = Array.from({ length: 100 }, (_, i) => `PR_${i}`);
    const cost = queryCost(schema, parse(AGENT_READY_QUERY).definitions[0] as OperationDefinitionNode, {}, { ids });
    assert.deepEqual(cost.errors, []);
    assert.ok(cost.cost <= 1, `${cost.cost} points`);
  });

  it('reads the agents\' commits here, not in the sidebar: there `commits { totalCount }` under each agent PR would cost 5 points more, past the 12', () => {
    const schema = githubSchema().schema;
    const vars = { reviews: '', reviewed: '', mine: '', delegated: '', withReviews: true, withReviewed: true, withMine: true, withDelegated: true };
    const costOf = (q: string) => queryCost(schema, parse(q).definitions[0] as OperationDefinitionNode, {}, vars);
    const withCommits = SIDEBAR_QUERY.replace(AGENT_PULLS, AGENT_PULLS.replace('isDraft', 'isDraft commits { totalCount }'));
    assert.notEqual(withCommits, SIDEBAR_QUERY);
    assert.ok(!/agentPulls[^}]*commits/.test(SIDEBAR_QUERY.replace(/\s+/g, ' ')), 'the sidebar asks no commit count');
    assert.equal(costOf(withCommits).requests - costOf(SIDEBAR_QUERY).requests, 500, '100 delegated issues × 5 PRs');
    assert.ok(costOf(SIDEBAR_QUERY).cost <= 12 && costOf(withCommits).cost > 12, `${costOf(SIDEBAR_QUERY).cost} → ${costOf(withCommits).cost}`);
  });

  it('reads the last time each was marked ready (not its opening, not its last update), the opening of one never a draft, and the commits of each', async () => {
    const s = demoScenario(NOW);
    s.users.push({ login: 'copilot-swe-agent[bot]', id: 9201, name: null, type: 'Bot' });
    const issue = addIssue(s, { repo: 'acme/api', title: 'Retry webhooks', author: s.me, assignees: ['copilot-swe-agent[bot]'] }, hoursAgo(50));
    const drafted = addPull(s, { repo: 'acme/api', title: 'Retry webhooks', author: 'copilot-swe-agent[bot]', draft: true }, hoursAgo(40));
    setDraft(s, drafted, false, hoursAgo(30));
    setDraft(s, drafted, true, hoursAgo(20));
    setDraft(s, drafted, false, hoursAgo(6));
    drafted.updatedAt = hoursAgo(1).toISOString(); // the agent pushed again since
    drafted.commits = 4;
    const ready = addPull(s, { repo: 'acme/api', title: 'Retry webhooks, take 2', author: 'copilot-swe-agent[bot]' }, hoursAgo(12));
    linkClosingIssues(s, drafted, [issue.number]);
    linkClosingIssues(s, ready, [issue.number]);
    fake = await startFakeGitHub(s, { eagerGraphQL: true, now: () => NOW });
    const transport = fakeTransport(fake);
    // The ids come from the sidebar's agentPulls on the delegated issue.
    const data = await transport.graphql<{ repository: { issue: Json } }>(`query($n: Int!) { repository(owner: "acme", name: "api") { issue(number: $n) { ${AGENT_PULLS} } } }`, { n: issue.number });
    const pulls = agentPullsOf(data.repository.issue, { repo: 'acme/api', number: issue.number, author: 'lead', assignees: [] }, new URL(fake.url).host);
    assert.deepEqual(pulls.map((p) => [p.number, typeof p.id]), [[drafted.number, 'string'], [ready.number, 'string']]);
    fake.resetStats();
    const read = await agentPullProgress(transport, [...pulls.map((p) => p.id!), 'PR_gone']);
    assert.equal(fake.requests.length, 1, 'one request');
    assert.deepEqual(pulls.map((p) => read.get(p.id!)?.readyAt), [hoursAgo(6).getTime(), hoursAgo(12).getTime()]);
    assert.deepEqual(pulls.map((p) => read.get(p.id!)?.commits), [4, 1], 'the commits on each, GitHub\'s totalCount');
    assert.equal(read.has('PR_gone'), false);
    assert.deepEqual(await agentPullProgress(transport, []), new Map(), 'nothing to read: no request');
    assert.equal(fake.requests.length, 1);
  });
});
