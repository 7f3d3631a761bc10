/** The sidebar tree against the fake GitHub: sign-in, order, SLA flags, actions, failures, hostile text. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { addPull, demoScenario, requestReview, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { GroupNode, IssueNode, ReviewNode, WorkNode } from '../../src/work/nodes';
import { hasBridge, press, query, texts, type, waitFor } from './support/bridge';
import { leadDesk, setSetting } from './support/extension';
import { disconnect } from './support/github';
import { startFakeGitHub } from '../fake-github';

const HOSTILE_TITLE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> **bold** [link](command:workbench.action.quit)';

describe('work tree (fake GitHub)', function () {
  this.timeout(90_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;

  // The tests are a separate bundle from the extension: node classes differ, so match by shape.
  const roots = () => api.work.tree.rootNodes;
  const group = (g: 'delegated' | 'reviews') => roots().find((n): n is GroupNode => n.contextValue === `group.${g}`)!;
  const isReview = (n: WorkNode): n is ReviewNode => 'review' in n;
  const isIssue = (n: WorkNode): n is IssueNode => 'issue' in n;
  const reviewNodes = () => group('reviews').children.filter(isReview);
  const flatten = (nodes: readonly WorkNode[]): WorkNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
  const refreshed = async () => {
    await vscode.commands.executeCommand('leadDesk.refresh');
    return api.work.model.snapshot;
  };

  before(async () => {
    const scenario = demoScenario(new Date());
    const hostile = addPull(scenario, { repo: 'acme/web', title: HOSTILE_TITLE, author: 'sofia', labels: ['<b>label</b>'] }, new Date());
    requestReview(scenario, hostile, { user: 'lead' }, new Date(Date.now() - 60_000));
    fake = await startFakeGitHub(scenario);
    api = await leadDesk();
    await api.stores;
    await setSetting('github.apiUrl', fake.url);
    await setSetting('github.repositories', ['acme/api', 'acme/web', 'acme/infra']);
    await setSetting('team.members', ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena']);
  });

  after(async () => {
    await disconnect(fake);
  });

  it('signs in with a personal access token typed into the password box', async function () {
    if (!hasBridge()) this.skip();
    const signedIn = vscode.commands.executeCommand<string | undefined>('leadDesk.signIn');
    await waitFor('token input', async () => (await query('.quick-input-widget input[type="password"]')).length > 0);
    await type(fake.token);
    await press('Enter');
    assert.equal(await signedIn, 'lead');
    assert.ok(fake.requests.some((r) => r.path === '/user' && r.status === 200), 'token checked with GET /user');
  });

  it('shows pending reviews oldest first with SLA flags and direct/team marks', async () => {
    if (!hasBridge()) await api.github.auth.adoptEnvironmentToken(fake.token);
    const snapshot = await refreshed();
    assert.equal(snapshot.failure, null, snapshot.failure?.message);
    const reviews = reviewNodes();
    // Reviews snoozed by an earlier suite (the queue panel's) stay out of the tree.
    const snoozed = snapshot.reviews.filter((r) => r.snoozedUntil && r.snoozedUntil > Date.now()).length;
    assert.equal(reviews.length, 9 - snoozed, reviews.map((r) => r.label).join('\n'));
    const requested = reviews.map((r) => r.review.requestedAt);
    assert.deepEqual(requested, [...requested].sort((a, b) => a - b), 'oldest request first');
    assert.match(String(reviews[0].label), /Migrate settings page to React Query/);
    assert.equal(reviews[0].review.direct, false);
    assert.equal(reviews[0].review.team, 'platform');
    const sla = Object.fromEntries(reviews.map((r) => [r.review.title, r.sla]));
    assert.equal(sla['Migrate settings page to React Query'], 'breached');
    assert.equal(sla['Add idempotency keys to payment retries'], 'breached');
    if (sla['Rotate staging TLS certificates']) assert.equal(sla['Rotate staging TLS certificates'], 'ok');
    assert.equal(sla['WIP: GraphQL gateway spike'], 'ok', 'drafts have no SLA');
    const idempotency = reviews.find((r) => r.review.title.startsWith('Add idempotency'))!.review;
    assert.deepEqual([idempotency.additions, idempotency.deletions, idempotency.ci, idempotency.direct], [420, 80, 'success', true]);
    assert.equal(reviews.find((r) => r.review.title.startsWith('Terraform'))!.review.ci, 'failure');
    assert.match(String(group('reviews').description), /past SLA/);
  });

  it('shows delegated issues grouped by person', () => {
    const people = group('delegated').children.map((n) => String(n.label));
    for (const who of ['mira', 'tomas', 'sofia', 'elena']) assert.ok(people.includes(who), `no group for ${who}: ${people}`);
    const issues = flatten(group('delegated').children).filter(isIssue);
    assert.ok(issues.some((i) => i.issue.title === 'Investigate p99 latency regression in /search' && i.issue.assignees.includes('tomas')));
    assert.ok(!issues.some((i) => i.issue.title === 'Decide on a feature-flag vendor'), 'unassigned issues are not delegated');
  });

  it('renders hostile PR titles and labels as literal text in the tree', async function () {
    if (!hasBridge()) this.skip();
    const hostile = reviewNodes().find((r) => r.review.title === HOSTILE_TITLE)!;
    assert.ok(hostile, 'hostile PR in the tree');
    assert.equal((hostile.tooltip as vscode.MarkdownString).isTrusted, false);
    assert.equal((hostile.tooltip as vscode.MarkdownString).supportHtml, false);
    await vscode.commands.executeCommand('leadDesk.work.focus');
    const rows = await waitFor('hostile row in the DOM', async () => {
      const found = (await texts('.monaco-list-row')).filter((t) => t.includes('<img src=x'));
      return found.length ? found : undefined;
    });
    assert.ok(rows[0].includes(HOSTILE_TITLE), rows[0]);
    assert.equal((await query('.monaco-list-row img[src="x"], .monaco-list-row script')).length, 0, 'no element was created from the title');
  });

  it('follows up on a delegated issue with a comment mentioning the assignee', async function () {
    if (!hasBridge()) this.skip();
    const node = flatten(group('delegated').children).find((n): n is IssueNode => isIssue(n) && n.issue.title.startsWith('Investigate p99'))!;
    fake.resetStats();
    const done = vscode.commands.executeCommand('leadDesk.work.followUp', node);
    await waitFor('comment input', async () => (await texts('.quick-input-title')).some((t) => t.includes('Follow up')));
    await press('Enter');
    await done;
    const post = fake.writes().find((w) => w.method === 'POST' && w.path.endsWith(`/issues/${node.issue.number}/comments`));
    assert.ok(post, 'comment posted');
    assert.match(String((post.body as { body: string }).body), /^@tomas how is this going/);
  });

  it('reassigns a delegated issue on GitHub', async function () {
    if (!hasBridge()) this.skip();
    const node = flatten(group('delegated').children).find((n): n is IssueNode => isIssue(n) && n.issue.title.startsWith('Write migration plan'))!;
    fake.resetStats();
    const done = vscode.commands.executeCommand('leadDesk.work.reassign', node);
    await waitFor('reassign pick', async () => (await texts('.quick-input-list .monaco-list-row')).some((t) => t.includes('jun')));
    await type('jun');
    await press('Enter');
    await done;
    const patch = fake.writes().find((w) => w.method === 'PATCH' && w.path.endsWith(`/issues/${node.issue.number}`));
    assert.deepEqual((patch?.body as { assignees: string[] }).assignees, ['jun']);
  });

  it('delegates a task linked to the selected code as a permalink', async function () {
    if (!hasBridge()) this.skip();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    execFileSync('git', ['remote', 'add', 'fake', `${fake.url}/acme/api.git`], { cwd: folder.fsPath });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: folder.fsPath, encoding: 'utf8' }).trim();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'src', 'server.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 4, 10);
    await waitFor('git extension sees the fake remote', () => api.work.repositories.gitRepositoryFor(doc.uri)?.state.remotes.some((r) => r.name === 'fake'), 10_000);
    const done = vscode.commands.executeCommand('leadDesk.delegateTask');
    const step = async (n: number) => waitFor(`step ${n}`, async () => (await texts('.quick-input-title')).some((t) => t.includes(`(${n}/5)`)));
    await step(1); await type('Tidy the line constants'); await press('Enter');
    await step(2); await type('mira'); await press('Enter');
    await step(3); await type('Tomorrow'); await press('Enter');
    await step(4); await type('selected'); await press('Enter');
    await step(5); await press('Enter');
    await done;
    const task = (await api.stores).tasks.list().find((t) => t.title === 'Tidy the line constants');
    assert.ok(task, 'task saved');
    assert.equal(task.assignee, 'mira');
    assert.equal(task.link, `http://${new URL(fake.url).host}/acme/api/blob/${head}/src/server.ts#L3-L5`);
    assert.ok(flatten(group('delegated').children).some((n) => n.label === 'Tidy the line constants'), 'task in the tree');
  });

  describe('failures keep the last data with a notice', () => {
    const failureNotice = () => roots().find((n) => n.contextValue === 'notice' && String(n.id).includes('failure'));
    const expectFailure = async (kind: string, text: RegExp) => {
      const before = api.work.model.snapshot.reviews.length;
      const s = await refreshed();
      assert.equal(s.failure?.kind, kind, s.failure?.message ?? 'no failure');
      assert.equal(s.reviews.length, before, 'cached reviews kept');
      assert.match(String(failureNotice()?.label), new RegExp(`^as of \\d\\d:\\d\\d — ${text.source}`));
      fake.clearFaults();
    };
    afterEach(() => fake.clearFaults());

    it('5xx', async () => {
      fake.inject('GET /search/issues', { status: 502, body: { message: 'Bad Gateway' } });
      await expectFailure('server', /GitHub had a server error/);
    });
    it('malformed body', async () => {
      fake.inject('GET /search/issues', { malformed: true });
      await expectFailure('malformed', /GitHub sent a response Lead Desk could not read/);
    });
    it('null fields', async () => {
      fake.inject('GET /search/issues', { nullFields: ['items'] });
      await expectFailure('malformed', /GitHub sent a response/);
    });
    it('primary rate limit', async () => {
      // The core budget resets in an hour (search's resets within a minute, which Lead Desk
      // rightly waits out). A changed PR cannot be answered 304, so the exhausted budget shows.
      fake.scenario.pulls[0].title += ' (rebased)';
      fake.setRateLimitRemaining('core', 0);
      try {
        await expectFailure('rate-limited', /GitHub rate limit reached — resets at/);
      } finally {
        fake.setRateLimitRemaining('core', 5000);
      }
    });
    it('secondary rate limit', async () => {
      fake.inject('GET /search/issues', { secondaryLimit: true, retryAfter: 120 });
      await expectFailure('secondary-limit', /GitHub asked Lead Desk to slow down/);
    });
    it('a hang ends in a timeout', async () => {
      await setSetting('github.requestTimeoutSeconds', 2);
      fake.inject('GET /search/issues', { hang: true });
      try {
        await expectFailure('timeout', /GitHub did not answer in time/);
      } finally {
        await setSetting('github.requestTimeoutSeconds', undefined);
      }
    });
    it('recovers when GitHub answers again', async () => {
      const s = await refreshed();
      assert.equal(s.failure, null);
      assert.equal(failureNotice(), undefined);
    });
    it('401 leads to exactly one sign-in prompt', async function () {
      if (!hasBridge()) this.skip();
      await vscode.commands.executeCommand('notifications.clearAll');
      fake.inject('*', { status: 401, body: { message: 'Bad credentials' } });
      await vscode.commands.executeCommand('leadDesk.refresh');
      await vscode.commands.executeCommand('leadDesk.refresh');
      // Toasts can be queued behind others; the notification centre lists every notification.
      await vscode.commands.executeCommand('notifications.showList');
      const toasts = await waitFor('sign-in prompt', async () => {
        const t = (await texts('.notification-list-item-message')).filter((x) => x.includes('rejected the sign-in'));
        return t.length ? t : undefined;
      });
      assert.equal(toasts.length, 1, toasts.join('\n'));
      assert.equal(api.work.model.snapshot.signedIn, false);
      fake.clearFaults();
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');
      await api.github.auth.adoptEnvironmentToken(fake.token);
      assert.equal((await refreshed()).failure, null);
    });
    it('offline', async () => {
      await fake.close();
      await expectFailure('offline', /GitHub unreachable/);
    });
  });
});
