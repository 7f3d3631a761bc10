/** Nudge… in the real VS Code against the fake GitHub: draft, send, record, quiet hours, failures, "nudged … ago", the Morning Review. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addIssue, addPull, demoScenario, iso, nextId, requestReview, type FakeGitHub, type ScenarioIssue, type ScenarioPull } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import { toLocalDate } from '../../src/core/localDate';
import { yesterdayRange } from '../../src/core/nudges';
import type { MorningReviewPanel } from '../../src/review/morningReviewPanel';
import type { TeamData } from '../../src/review/protocol';
import type { IssueNode } from '../../src/work/nodes';
import { flatten } from './support/tree';
import type { NudgeOutcome } from '../../src/work/nudge';
import { click, frames, hasBridge, press, quickInputTitled, texts, type, waitFor } from './support/bridge';
import { connectToFake, disconnect } from './support/github';

const HOUR = 3_600_000;
const HOSTILE = '<img src=x onerror="window.pwned=1"> @everyone [x](command:workbench.action.quit)';

describe('nudges (fake GitHub)', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;
  let overdue: ScenarioIssue;
  let answered: ScenarioIssue;
  let quiet: ScenarioIssue;
  let mine: ScenarioPull;
  const now = new Date();

  const issueNode = (number: number) => flatten(api.work.tree.rootNodes).find((n): n is IssueNode => 'issue' in n && n.issue.number === number && n.issue.repo === 'acme/api');
  const comments = (number: number) => fake.writes().filter((w) => w.method === 'POST' && w.path === `/repos/acme/api/issues/${number}/comments`);
  const nudgesOn = async (number: number) => (await (await api.stores).oneOnOnes.allNudges()).filter((n) => n.repo === 'acme/api' && n.number === number);
  const nudge = (arg?: unknown, options?: unknown) => vscode.commands.executeCommand<NudgeOutcome>('leadDesk.nudge', arg, options);
  /** Notification messages, read from the notification center (toasts may be hidden under test). */
  const notices = async () => {
    await vscode.commands.executeCommand('notifications.showList');
    return texts('.notifications-center .notification-list-item-message');
  };

  before(async () => {
    const s = demoScenario(now);
    const dueDaysAgo = toLocalDate(now.getTime() - 4 * 24 * HOUR);
    overdue = addIssue(s, { repo: 'acme/api', title: `Overdue ${HOSTILE}`, author: 'lead', assignees: ['kwame'], body: `Due: ${dueDaysAgo}`, createdAt: iso(new Date(now.getTime() - 9 * 24 * HOUR)) }, now);
    answered = addIssue(s, { repo: 'acme/api', title: 'Answered after the nudge', author: 'lead', assignees: ['elena'], body: `Due: ${dueDaysAgo}` }, now);
    quiet = addIssue(s, { repo: 'acme/api', title: 'No answer to the nudge', author: 'lead', assignees: ['jun'], body: `Due: ${dueDaysAgo}` }, now);
    mine = addPull(s, { repo: 'acme/api', title: `Own PR ${HOSTILE}`, author: 'lead', createdAt: iso(new Date(now.getTime() - 10 * 24 * HOUR)) }, now);
    requestReview(s, mine, { user: 'sofia' }, new Date(now.getTime() - 10 * 24 * HOUR));
    ({ api, fake } = await connectToFake({ scenario: s }));
    await api.stores;
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.equal(api.work.model.snapshot.failure, null);
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
    await disconnect(fake);
  });

  it('a nudge drafts a comment mentioning the person with the wait and a link, sends it, records it, and the item shows "nudged … ago"', async function () {
    if (!hasBridge()) this.skip();
    const node = issueNode(overdue.number)!;
    assert.ok(node, 'the overdue issue is in the tree');
    assert.match(String(node.contextValue), /\bnudgeable\b/, 'Nudge… is in its context menu');
    assert.equal(node.nudgeTarget.kind, 'delegated');
    fake.resetStats();
    const done = nudge(node);
    await quickInputTitled(`Nudge acme/api#${overdue.number}`);
    await press('Enter');
    assert.equal(await done, 'posted');
    const posts = comments(overdue.number);
    assert.equal(posts.length, 1);
    const body = String((posts[0]!.body as { body: string }).body);
    assert.match(body, /^@kwame how is this going\? Anything blocking you\? It is overdue by \d+h \d{2}m \(business hours\): http:\/\/127\.0\.0\.1:\d+\/acme\/api\/issues\/\d+$/);
    assert.ok(!body.includes('<img') && !body.includes('@everyone'), 'the hostile title is not in the comment');
    const recorded = await nudgesOn(overdue.number);
    assert.deepEqual(recorded.map((n) => [n.who, n.kind]), [['kwame', 'delegated']]);
    assert.match(recorded[0]!.url, /#issuecomment-|\/issues\//);
    const shown = await waitFor('"nudged" on the item', () => issueNode(overdue.number)?.description?.toString().includes('nudged just now') && issueNode(overdue.number));
    assert.match(String(shown.description), /kwame · .* · nudged just now$/);
  });

  it('a second nudge to the same person on the same item within the quiet hours asks first; "no" sends nothing', async function () {
    if (!hasBridge()) this.skip();
    const node = issueNode(overdue.number)!;
    const before = comments(overdue.number).length;
    // A (non-modal) warning asks; "Nudge anyway" goes on to the draft.
    await vscode.commands.executeCommand('notifications.clearAll');
    const asking = nudge(node);
    await waitFor('the quiet-hours warning', async () => (await notices()).some((t) => t.includes('already nudged @kwame')));
    assert.deepEqual(await texts('.notifications-center .notification-list-item .monaco-button'), ['Nudge anyway']);
    assert.ok(await click('.notifications-center .notification-list-item .monaco-button'), 'Nudge anyway');
    await vscode.commands.executeCommand('notifications.hideList');
    await quickInputTitled(`Nudge acme/api#${overdue.number}`);
    await press('Escape');
    assert.equal(await asking, 'cancelled');
    assert.equal(comments(overdue.number).length, before, 'an abandoned draft sends nothing');

    // A command argument cannot answer for the lead: `{ confirmed: true }` still brings the warning.
    await vscode.commands.executeCommand('notifications.clearAll');
    const again = nudge(node, { confirmed: true });
    await waitFor('the quiet-hours warning, despite { confirmed: true }', async () => (await notices()).some((t) => t.includes('already nudged @kwame')));
    assert.deepEqual(await texts('.notifications-center .notification-list-item .monaco-button'), ['Nudge anyway']);
    assert.ok(await click('.notifications-center .notification-list-item .monaco-button'), 'Nudge anyway');
    await vscode.commands.executeCommand('notifications.hideList');
    await quickInputTitled(`Nudge acme/api#${overdue.number}`);
    await press('Enter');
    assert.equal(await again, 'posted');
    assert.equal(comments(overdue.number).length, before + 1);
    assert.equal((await nudgesOn(overdue.number)).length, 2);

    // Closing the warning sends nothing.
    await vscode.commands.executeCommand('notifications.clearAll');
    const declining = nudge(node);
    await waitFor('the quiet-hours warning', async () => (await notices()).some((t) => t.includes('already nudged @kwame')));
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await declining, 'declined');
    assert.equal(comments(overdue.number).length, before + 1, 'nothing sent');
    assert.equal((await nudgesOn(overdue.number)).length, 2, 'nothing recorded');
  });

  it("GitHub's 403, 404 and 422 on the comment end in a message saying what happened, and nothing is recorded", async function () {
    if (!hasBridge()) this.skip();
    const node = issueNode(quiet.number)!;
    const cases = [
      { status: 403, body: { message: 'Resource not accessible by integration' }, says: 'GitHub refused access' },
      { status: 404, body: { message: 'Not Found' }, says: 'Not found on GitHub' },
      { status: 422, body: { message: 'Validation Failed', errors: [{ code: 'custom', message: 'locked' }] }, says: 'GitHub rejected the request' },
    ];
    for (const c of cases) {
      await vscode.commands.executeCommand('notifications.clearAll');
      fake.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: c.status, body: c.body, times: 1 });
      const done = nudge(node);
      await quickInputTitled(`Nudge acme/api#${quiet.number}`);
      await press('Enter');
      assert.equal(await done, 'failed', String(c.status));
      const shown = await waitFor(`the ${c.status} message`, async () => (await notices()).find((t) => t.includes(`the nudge on acme/api#${quiet.number} was not posted`)));
      assert.ok(shown.includes(c.says) && shown.includes('Nothing was recorded'), shown);
      assert.deepEqual(await nudgesOn(quiet.number), [], `${c.status}: nothing recorded`);
    }
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('from the palette, offers own PRs waiting past the SLA and overdue items, and nudges the reviewer', async function () {
    if (!hasBridge()) this.skip();
    assert.equal(await nudge({ nudgeTarget: { repo: '../etc', number: 1, who: ['mira'], kind: 'own-pr' } }), 'nothing', 'a forged target is refused');
    const done = nudge();
    await quickInputTitled('Nudge…');
    // The list draws its rows in passes: wait for both kinds (a missing one times out here).
    await waitFor('the pick, with the own PR and the overdue item', async () => {
      const rows = await texts('.quick-input-list .monaco-list-row');
      return rows.some((t) => t.includes(`acme/api#${mine.number}`)) && rows.some((t) => t.includes(`acme/api#${overdue.number}`));
    });
    // Narrow to the PR by its label, then take it.
    await type(`acme/api#${mine.number}`);
    await waitFor('the PR first', async () => (await texts('.quick-input-list .monaco-list-row'))[0]?.includes(`acme/api#${mine.number}`));
    await press('Enter');
    await quickInputTitled(`Nudge acme/api#${mine.number}`);
    await press('Enter');
    assert.equal(await done, 'posted');
    const body = String((comments(mine.number)[0]!.body as { body: string }).body);
    assert.match(body, /^@sofia could you take a look at this pull request\? It has waited \d+h \d{2}m \(business hours\) for your review: http/);
    assert.deepEqual((await nudgesOn(mine.number)).map((n) => [n.who, n.kind]), [['sofia', 'own-pr']]);
  });

  it("the Morning Review lists yesterday's nudges that got no answer, and the item shows how long ago it was nudged", async () => {
    const stores = await api.stores;
    const { from } = yesterdayRange(now.getTime(), [1, 2, 3, 4, 5]);
    const at = from + 11 * HOUR;
    await stores.oneOnOnes.recordNudge('elena', { at, repo: 'acme/api', number: answered.number, url: `${fake.url}/acme/api/issues/${answered.number}#issuecomment-1`, kind: 'delegated' });
    await stores.oneOnOnes.recordNudge('jun', { at, repo: 'acme/api', number: quiet.number, url: `${fake.url}/acme/api/issues/${quiet.number}#issuecomment-2`, kind: 'delegated' });
    fake.scenario.comments.push({ id: nextId(fake.scenario), repo: 'acme/api', issue: answered.number, user: 'elena', body: 'Done, see the PR.', createdAt: iso(new Date(at + HOUR)), updatedAt: iso(new Date(at + HOUR)) });
    await api.work.nudges.reload();
    const node = await waitFor('"nudged … ago" on the item', () => (String(issueNode(quiet.number)?.description ?? '').match(/nudged \d+[hd] ago$/) ? issueNode(quiet.number) : undefined));
    assert.match(String(node.description), /^jun · /);

    fake.resetStats();
    const panel = await vscode.commands.executeCommand<MorningReviewPanel>('leadDesk.startMorningReview');
    await panel.settled();
    const team = panel.reviewState!.sections.find((s) => s.id === 'team')!.view;
    assert.equal(team.status, 'ready', JSON.stringify(team));
    const nudges = (team as { data: TeamData }).data.nudges!;
    assert.equal(nudges.note, null);
    const mineOnly = nudges.items.filter((i) => [quiet.number, answered.number].some((n) => i.text.endsWith(`acme/api#${n}`)));
    assert.deepEqual(mineOnly.map((i) => i.text), [`@jun on acme/api#${quiet.number}`], 'the answered nudge is not listed');
    assert.match(mineOnly[0]!.detail, /· no answer$/);
    const answerQueries = fake.requests.filter((r) => r.resource === 'graphql' && String((r.body as { query?: string }).query).includes('LeadDeskNudgeAnswers'));
    assert.equal(answerQueries.length, 1, 'one aliased query for all nudged items');
    if (hasBridge()) {
      await waitFor('the nudges in the webview', async () => (await frames()).some((f) => f.text.includes('Unanswered nudges from yesterday') && f.text.includes(`@jun on acme/api#${quiet.number}`)));
    }

    // GitHub failing: every nudge is listed as "no answer known", with a note.
    fake.inject('POST /graphql', { status: 502 });
    await panel.receive({ type: 'retry', section: 'team' });
    await panel.settled();
    const failed = (panel.reviewState!.sections.find((s) => s.id === 'team')!.view as { data: TeamData }).data.nudges!;
    fake.clearFaults();
    assert.match(failed.note ?? '', /^No answer known: GitHub could not be asked/);
    assert.ok(failed.items.some((i) => i.text === `@elena on acme/api#${answered.number}` && i.detail.endsWith('no answer known')), JSON.stringify(failed.items));
    panel.dispose();
  });

  it('a nudge GitHub stored but answered 502 is posted once, recorded once, and says so', async function () {
    if (!hasBridge()) this.skip();
    const due = toLocalDate(now.getTime() - 3 * 24 * HOUR);
    const stored = addIssue(fake.scenario, { repo: 'acme/api', title: 'Stored behind a 502', author: 'lead', assignees: ['tomas'], body: `Due: ${due}` }, now);
    await vscode.commands.executeCommand('leadDesk.refresh');
    const node = await waitFor('the new overdue issue in the tree', () => issueNode(stored.number));
    fake.inject('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { afterApply: 502, times: 1 });
    await vscode.commands.executeCommand('notifications.clearAll');
    const done = nudge(node);
    await quickInputTitled(`Nudge acme/api#${stored.number}`);
    await press('Enter');
    assert.equal(await done, 'posted');
    assert.equal(comments(stored.number).length, 1, 'sent once, never retried');
    assert.equal(fake.scenario.comments.filter((c) => c.repo === 'acme/api' && c.issue === stored.number).length, 1, 'one comment on GitHub');
    const recorded = await nudgesOn(stored.number);
    assert.deepEqual(recorded.map((n) => n.who), ['tomas'], 'recorded once');
    assert.match(recorded[0]!.url, new RegExp(`/acme/api/issues/${stored.number}#issuecomment-\\d+$`), 'with the stored comment\'s link');
    const shown = await waitFor('the nudge notice', async () => (await notices()).find((t) => t.includes(`nudged @tomas on acme/api#${stored.number}`)));
    assert.ok(shown.includes('(GitHub answered 502, but the comment is on GitHub: it was posted once.)'), shown);
  });
});
