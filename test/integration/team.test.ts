/**
 * Team review load against the fake GitHub: the Team group and its counts, Request Review from…,
 * Hand This Review to…, GitHub's 422 for a non-collaborator, and a misspelled member.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoScenario, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { GroupNode, ReviewNode, WorkNode } from '../../src/work/nodes';
import { flatten } from './support/tree';
import type { TeamGroupNode, TeamMemberNode, TeamReviewNode } from '../../src/work/teamNodes';
import type { AssignmentOutcome } from '../../src/work/reviewAssignment';
import { hasBridge, press, quickInputTitled, texts, waitFor } from './support/bridge';
import { accept, answeringDialogs, dismiss } from './support/dialogs';
import { connectToFake, disconnect } from './support/github';

const MEMBERS = ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena', 'outsider', 'tomass'];
const HOSTILE = '<img src=x onerror="window.pwned=1"> **bold** [link](command:workbench.action.quit)';

describe('team review load (fake GitHub)', function () {
  this.timeout(90_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;

  const roots = () => api.work.tree.rootNodes;
  const teamGroup = () => roots().find((n): n is TeamGroupNode => n.contextValue === 'group.team');
  const members = () => (teamGroup()?.children ?? []) as TeamMemberNode[];
  const memberNode = (login: string) => members().find((m) => m.label === login);
  /** Pending reviews are grouped by inbox state: every review node under the group. */
  const reviewNodes = () => flatten(roots().find((n): n is GroupNode => n.contextValue === 'group.reviews')?.children ?? [])
    .filter((n: WorkNode): n is ReviewNode => 'review' in n && n.contextValue?.startsWith('review') === true);
  const graphqlNames = () => fake.requests.filter((r) => r.path === '/graphql').map((r) => /query (\w+)/.exec(String((r.body as { query?: string })?.query ?? ''))?.[1] ?? '?');
  const refreshed = async () => {
    await vscode.commands.executeCommand('leadDesk.refresh');
    return api.work.model.snapshot;
  };

  before(async () => {
    const scenario = demoScenario(new Date());
    // A GitHub user who is not a collaborator of the repos, and hostile text in a title.
    scenario.users.push({ login: 'outsider', id: 999, name: HOSTILE });
    const tomasPr = scenario.pulls.find((p) => p.title.startsWith('Extract billing client'))!;
    tomasPr.title = `Extract billing client ${HOSTILE}`;
    ({ api, fake } = await connectToFake({ scenario, members: MEMBERS, fakeOptions: { eagerGraphQL: true } }));
    await api.stores;
    await refreshed();
  });

  after(async () => {
    await disconnect(fake);
  });

  it('shows a collapsed Team group with each member\'s counts, lightest first, from one extra request', async () => {
    fake.resetStats();
    const s = await refreshed();
    assert.equal(s.failure, null, s.failure?.message);
    assert.deepEqual(graphqlNames(), ['LeadDeskSidebar', 'LeadDeskTeamLoad'], 'the sidebar first, then one request for the whole team');
    const group = teamGroup();
    assert.ok(group, roots().map((n) => n.id).join(' '));
    assert.equal(group.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.deepEqual(members().map((m) => String(m.label)), ['elena', 'jun', 'kwame', 'outsider', 'sofia', 'mira', 'tomas', 'tomass']);
    assert.match(String(memberNode('tomas')!.description), /^2 waiting · (1 past SLA · )?oldest \d+h \d\dm$/);
    assert.match(String(memberNode('mira')!.description), /^1 waiting/);
    assert.equal(memberNode('jun')!.description, '0 waiting');
    assert.equal(memberNode('tomass')!.description, 'not a GitHub user');
    const titles = memberNode('tomas')!.children.map((c) => String(c.label));
    assert.ok(titles.some((t) => t.includes('Tighten CORS policy')), titles.join(' | '));
    // Hostile text stays plain: the label is the title as text, the tooltip escapes Markdown.
    const hostile = memberNode('tomas')!.children.find((c) => String(c.label).includes('<img'))!;
    assert.equal(typeof hostile.label, 'string');
    const md = (api.work.tree.resolveTreeItem(hostile, hostile).tooltip as vscode.MarkdownString);
    assert.equal(md.isTrusted, false);
    assert.ok(!md.value.includes('[link](command:'), md.value);
  });

  it('keeps the team load in the sidebar snapshot: a new window paints it with no request', async () => {
    const counts = () => members().map((m) => [String(m.label), String(m.description).split(' · oldest')[0]]);
    const before = counts();
    fake.resetStats();
    await api.work.model.restart();
    assert.equal(api.work.model.snapshot.fromSnapshot, true);
    assert.deepEqual(counts(), before);
    assert.deepEqual(graphqlNames(), [], 'painted from the snapshot');
  });

  it('warns once about a misspelled member, naming the setting', async () => {
    const w = api.work.teamWarnings;
    assert.match(String(w.last), /"tomass" in leadDesk\.team\.members is not a GitHub user/);
    const shown = w.shown;
    await refreshed();
    assert.equal(w.shown, shown, 'not again on the next refresh');
  });

  it('Request Review from… the lightest teammate sends the right GitHub request', async () => {
    const own = api.work.model.snapshot.ownPullRequests.find((p) => p.title === 'Upgrade to TypeScript 5.9')!;
    assert.ok(own, 'the lead\'s own PR is in the sidebar data');
    const lightest = String(members()[0]!.label);
    fake.resetStats();
    // A reviewer named in the arguments (not picked by the lead) is asked first: closing it sends nothing.
    const declined = await answeringDialogs(dismiss, () => vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.requestReviewFrom', { pullRequest: own }, { reviewer: lightest }));
    assert.equal(declined.result, undefined);
    assert.deepEqual(declined.asked.map((d) => [d.message, d.buttons]), [[`Ask ${lightest} to review acme/web#${own.number}?`, ['Request Review']]]);
    assert.deepEqual(fake.writes(), [], 'nothing sent without the lead');
    const { result: out } = await answeringDialogs(accept, () => vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.requestReviewFrom', { pullRequest: own }, { reviewer: lightest }));
    assert.equal(out?.ok, true, out?.message);
    assert.deepEqual(fake.writes().map((w) => [w.method, w.path, w.body]), [['POST', `/repos/acme/web/pulls/${own.number}/requested_reviewers`, { reviewers: [lightest] }]]);
    assert.ok(api.work.model.snapshot.ownPullRequests.find((p) => p.number === own.number && p.repo === own.repo)!.waitingOn.includes(lightest));
    assert.match(String(memberNode(lightest)!.description), /^1 waiting/, 'the tree shows the new load without a refresh');
    assert.ok(!graphqlNames().includes('LeadDeskSidebar'), 'no full refresh');
  });

  it('offers teammates in the pick lightest first with their counts, the one without access greyed with why', async function () {
    if (!hasBridge()) this.skip();
    const own = api.work.model.snapshot.ownPullRequests.find((p) => p.title === 'Add on-call runbook links to alerts')!;
    fake.resetStats();
    const done = vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.requestReviewFrom', own);
    const loginOf = (row: string) => MEMBERS.filter((m) => row.startsWith(m)).sort((x, y) => y.length - x.length)[0] ?? row;
    const expected = members().map((m) => String(m.label)).filter((m) => m !== 'outsider' && m !== 'tomass');
    await quickInputTitled('Request a review of');
    // The list draws its rows in passes and reuses rows of an earlier pick: wait for every teammate.
    const rows = await waitFor('teammate pick, every teammate listed', async () => {
      const r = await texts('.quick-input-list .monaco-list-row');
      const listed = new Set(r.map(loginOf));
      return [...expected, 'outsider', 'tomass'].every((m) => listed.has(m)) ? r : undefined;
    });
    const order = rows.map(loginOf);
    // Fewest waiting first; ties by the median pickup (core/reviewerRanking), so not always the tree's order.
    assert.deepEqual([...order.slice(0, expected.length)].sort(), [...expected].sort(), rows.join(' | '));
    const waiting = rows.slice(0, expected.length).map((r) => Number(/(\d+) waiting/.exec(r)?.[1]));
    assert.deepEqual(waiting, [...waiting].sort((a, b) => a - b), rows.join(' | '));
    assert.ok(rows.some((t) => t.includes('outsider') && t.includes('cannot review: no access to acme/infra')), rows.join(' | '));
    assert.ok(rows.some((t) => t.includes('tomass') && t.includes('not a GitHub user')), rows.join(' | '));
    assert.match(rows[0]!, new RegExp(`^${expected[0]}0 waiting$`), 'the lightest first, with the counts');
    // Not anchored at the end: VS Code reuses list rows, and a hidden detail of an earlier pick's row stays in its text.
    assert.match(rows.find((t) => t.startsWith('tomas2'))!, /^tomas2 waiting · (1 past SLA · )?oldest \d+h \d\dm/);
    await press('Enter');
    const out = await done;
    assert.equal(out?.ok, true, out?.message);
    assert.deepEqual(fake.writes().map((w) => w.body), [{ reviewers: [expected[0]] }]);
  });

  it('Hand This Review to… requests the teammate, removes the lead, and updates the tree', async () => {
    const node = reviewNodes().find((n) => n.review.title === 'Fix focus trap in checkout modal')!;
    assert.ok(node && node.review.direct);
    fake.resetStats();
    // A command argument cannot answer the confirmation: the lead is asked, and closing it sends nothing.
    const declined = await answeringDialogs(dismiss, () => vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.handReviewTo', node, { reviewer: 'jun', confirmed: true }));
    assert.equal(declined.result, undefined);
    assert.deepEqual(declined.asked.map((d) => [d.message, d.buttons]), [[`Hand acme/web#${node.review.number} to jun?`, ['Hand Over']]]);
    assert.deepEqual(fake.writes(), [], 'nothing sent without the lead\'s answer');
    const { result: out, asked } = await answeringDialogs(accept, () => vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.handReviewTo', node, { reviewer: 'jun' }));
    assert.equal(asked.length, 1);
    assert.equal(out?.ok, true, out?.message);
    assert.match(out!.message, /handed acme\/web#\d+ to jun: they are asked to review, and your request is removed/);
    const path = `/repos/acme/web/pulls/${node.review.number}/requested_reviewers`;
    assert.deepEqual(fake.writes().map((w) => [w.method, w.path, w.body]), [['POST', path, { reviewers: ['jun'] }], ['DELETE', path, { reviewers: ['lead'] }]]);
    assert.ok(!reviewNodes().some((n) => n.review.number === node.review.number && n.review.repo === 'acme/web'), 'gone from pending reviews');
    assert.ok(memberNode('jun')!.children.some((c) => String(c.label).includes('Fix focus trap')));
    assert.ok(!graphqlNames().includes('LeadDeskSidebar'), 'no full refresh');
    // GitHub agrees after a refresh.
    await refreshed();
    assert.ok(!reviewNodes().some((n) => n.review.title === 'Fix focus trap in checkout modal'));
  });

  it('a review handed on and not started can be nudged: the draft says it was handed to them', async function () {
    const handed = memberNode('jun')!.children.find((c) => String(c.label).includes('Fix focus trap')) as TeamReviewNode | undefined;
    assert.ok(handed?.nudgeTarget, 'the handed review carries a nudge target');
    assert.deepEqual([handed.nudgeTarget.kind, handed.nudgeTarget.who], ['handed-review', ['jun']]);
    assert.match(String(handed.contextValue), /\bnudgeable\b/);
    const other = memberNode('tomas')!.children[0] as TeamReviewNode | undefined;
    assert.ok(other && !other.nudgeTarget, 'a review the lead did not hand on is not offered as "handed"');
    if (!hasBridge()) return;
    fake.resetStats();
    const done = vscode.commands.executeCommand('leadDesk.nudge', handed);
    await quickInputTitled('Nudge acme/web#');
    await press('Enter');
    await done;
    const posts = fake.writes().filter((w) => w.method === 'POST' && w.path.endsWith('/comments'));
    assert.equal(posts.length, 1);
    assert.match(String((posts[0]!.body as { body: string }).body), /^@jun I handed this review to you (\d+h )?\d+m \(business hours\) ago and it has not started yet\. Can you pick it up\? http:\/\/127\.0\.0\.1:\d+\/acme\/web\/pull\/\d+$/);
  });

  it('keeps the hand-off in the store folder, under this GitHub and this account only', async () => {
    const stores = await api.stores;
    const handed = memberNode('jun')!.children.find((c) => String(c.label).includes('Fix focus trap')) as TeamReviewNode;
    const scope = { origin: new URL(fake.url).origin, account: 'lead' };
    const at = stores.handOffs.handedAt(scope, handed.review.repo, handed.review.number, 'jun');
    assert.ok(at !== undefined && Date.now() - at < 10 * 60_000, `handed at ${at}`);
    assert.equal(stores.handOffs.handedAt({ ...scope, account: 'someone-else' }, handed.review.repo, handed.review.number, 'jun'), undefined);
    assert.equal(stores.handOffs.handedAt({ ...scope, origin: 'https://api.github.com' }, handed.review.repo, handed.review.number, 'jun'), undefined);
  });

  it('says when removing the lead failed after the teammate was asked, and keeps the review', async () => {
    const node = reviewNodes().find((n) => n.review.title === 'Rate-limit the public search endpoint')!;
    fake.inject(`DELETE /repos/acme/api/pulls/${node.review.number}/requested_reviewers`, { status: 403, body: { message: 'Must have push access to remove reviewers' }, times: 1 });
    const { result: out } = await answeringDialogs(accept, () => vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.handReviewTo', node, { reviewer: 'kwame' }));
    assert.equal(out?.ok, false);
    assert.match(out!.message, /^asked kwame to review acme\/api#\d+, but could not remove your own request: .*You are still a requested reviewer\.$/);
    assert.ok(reviewNodes().some((n) => n.review.number === node.review.number && n.review.repo === 'acme/api'), 'still pending: the truth');
    assert.ok(memberNode('kwame')!.children.some((c) => String(c.label).includes('Rate-limit')));
  });

  it('shows a teammate without access as unable to review, and GitHub\'s 422 as its message', async () => {
    const own = api.work.model.snapshot.ownPullRequests.find((p) => p.title.startsWith('Tighten CORS'))!;
    // The access check knows: nothing is sent.
    fake.resetStats();
    const refused = await vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.requestReviewFrom', own, { reviewer: 'outsider' });
    assert.equal(refused?.ok, false);
    assert.match(refused!.message, /outsider cannot review acme\/api#\d+: no access to acme\/api\. Nothing was sent\./);
    assert.deepEqual(fake.writes(), []);
    // The access check fails (it is retried twice): GitHub's 422 says it, in words.
    fake.inject('POST /graphql', { graphqlErrors: [{ path: 'repository' }], times: 3 });
    const { result: out } = await answeringDialogs(accept, () => vscode.commands.executeCommand<AssignmentOutcome>('leadDesk.work.requestReviewFrom', own, { reviewer: 'outsider' }));
    assert.equal(out?.ok, false);
    assert.equal(out!.message, `could not ask outsider to review acme/api#${own.number}: GitHub rejected the request: outsider is not a collaborator on acme/api, so GitHub cannot ask them for a review. Nothing changed on GitHub.`);
    assert.deepEqual(fake.writes().map((w) => w.method), ['POST']);
  });
});
