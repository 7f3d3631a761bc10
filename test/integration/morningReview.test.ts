/** The Morning Review panel in the real VS Code against the fake GitHub: data, order, actions, failures, hostile text, history. */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { addIssue, closeItem, demoScenario, iso, type FakeGitHub, type Scenario } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { MorningReviewPanel } from '../../src/review/morningReviewPanel';
import type { ReviewState, SectionData, SectionId } from '../../src/review/protocol';
import { click, frames, hasBridge, query, screenshot, texts, waitFor } from './support/bridge';
import { setSetting } from './support/extension';
import { connectToFake, disconnect } from './support/github';

const HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
const HOUR = 3_600_000;

describe('morning review', function () {
  this.timeout(180_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;
  let panel: MorningReviewPanel;
  let health: http.Server;
  let frame = '';
  const now = new Date();

  const state = (): ReviewState => panel.reviewState!;
  const view = (id: SectionId) => state().sections.find((s) => s.id === id)!.view;
  function data<K extends SectionData['kind']>(kind: K): Extract<SectionData, { kind: K }> {
    const v = view(kind);
    assert.equal(v.status, 'ready', `${kind}: ${JSON.stringify(v)}`);
    return (v as unknown as { data: Extract<SectionData, { kind: K }> }).data;
  }
  const start = async (): Promise<MorningReviewPanel> => {
    const p = await vscode.commands.executeCommand<MorningReviewPanel>('leadDesk.startMorningReview');
    await p.settled();
    return p;
  };
  const shown = (selector: string) => texts(selector, frame);
  const writesSince = (n: number) => fake.writes().slice(n).map((w) => `${w.method} ${w.path}`);

  function world(): Scenario {
    const s = demoScenario(now);
    const ago = (h: number) => iso(new Date(now.getTime() - h * HOUR));
    s.notifications.push({ id: '99000007', repo: 'acme/api', reason: 'mention', unread: true, updatedAt: ago(0.2), lastReadAt: null, subject: { title: `Notification ${HOSTILE}`, type: 'Issue', number: 1 } });
    addIssue(s, { repo: 'acme/infra', title: `Incident ${HOSTILE}`, author: 'elena', labels: ['sev3'], createdAt: ago(1), updatedAt: ago(1) }, now);
    const infra = s.repos.find((r) => r.name === 'infra')!;
    s.workflows.push({ id: 777001, repo: 'acme/infra', name: `Nightly ${HOSTILE}`, path: '.github/workflows/nightly.yml', state: 'active', createdAt: ago(900), updatedAt: ago(900) });
    s.runs.push({ id: 777002, repo: 'acme/infra', workflowId: 777001, runNumber: 1, event: 'schedule', headBranch: 'main', headSha: infra.branches['main']!, status: 'completed', conclusion: 'success', actor: 'lead', createdAt: ago(3), runStartedAt: ago(3), updatedAt: ago(2.9) });
    // Checkout redesign and Q3 Hardening are on track: work closed in them this week.
    for (const [repo, milestone, count] of [['acme/web', 7, 4], ['acme/infra', 2, 3]] as const) {
      for (let i = 0; i < count; i++) closeItem(addIssue(s, { repo, title: `Done ${i}`, author: 'lead', milestone }, now), new Date(now.getTime() - 30 * HOUR));
    }
    return s;
  }

  before(async () => {
    health = http.createServer((req, res) => {
      if (req.url === '/health') res.writeHead(200, { 'content-type': 'application/json' }).end(`{"status":"ok","note":"${HOSTILE.replace(/"/g, "'")}"}`);
      else res.writeHead(302, { location: 'https://backups.example.invalid/login' }).end();
    });
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;
    await setSetting('systems.healthChecks', [
      { name: 'API health', url: `${base}/health`, expectedStatus: 200, timeoutMs: 3000 },
      { name: 'Backups', url: `${base}/backups`, expectedStatus: 200, timeoutMs: 3000 },
    ]);
    ({ api, fake } = await connectToFake({ scenario: world() }));
    await api.stores;
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.equal(api.work.model.snapshot.failure, null);
  });

  after(async () => {
    await setSetting('systems.healthChecks', undefined);
    await disconnect(fake);
    await new Promise<void>((resolve) => health.close(() => resolve()));
  });

  it('opens from the command and shows every section in the right order', async () => {
    fake.resetStats();
    panel = await start();
    const first = fake.stats();
    console.log(`bench: first review, 3 repos: ${JSON.stringify(first)} — ${fake.requests.map((r) => `${r.method} ${r.route}${r.status === 304 ? ' (304)' : ''}`).join(', ')}`);

    const comm = data('communication');
    assert.deepEqual(comm.groups.map((g) => g.reason), ['review_requested', 'mention', 'team_mention', 'assign', 'author', 'ci_activity', 'other']);
    assert.equal(comm.groups.reduce((n, g) => n + g.items.length, 0), 11);
    assert.match(comm.groups[1]!.items[0]!.title, /^Notification <img/, 'newest mention first');

    const systems = data('systems');
    assert.equal(`${systems.workflows[0]!.repo} ${systems.workflows[0]!.name}`, 'acme/api CI');
    assert.match(systems.workflows[0]!.stateText, /^failing for (2d 0h|1d 23h)$/);
    assert.ok(systems.workflows.slice(1).every((w) => w.state !== 'failure'));
    assert.deepEqual(systems.health.map((c) => [c.name, c.ok]), [['API health', true], ['Backups', false]]);
    assert.match(systems.health[1]!.statusText, /redirects to another host \(backups\.example\.invalid\)/);

    const incidents = data('incidents');
    assert.deepEqual(incidents.items.map((i) => [i.severity, i.title.slice(0, 24)]), [
      ['sev1', 'Checkout API returns 502'], ['sev2', 'Safari users see a blank'], ['sev2', 'Disk usage above 85% on '],
      ['sev3', 'Flaky retries in the web'], ['sev3', `Incident ${HOSTILE}`.slice(0, 24)],
    ]);
    assert.equal(incidents.items[0]!.escalateTo, 'escalated');
    assert.equal(incidents.items[1]!.escalateTo, 'sev1');

    const milestones = data('milestones');
    assert.deepEqual(milestones.items.map((m) => [m.title, m.atRisk]), [['v2.4 Release', true], ['Checkout redesign', false], ['Q3 Hardening', false]]);
    assert.equal(milestones.items[0]!.daysLeft, '3 days left');

    const team = data('team');
    assert.equal(team.queue.count, 8);
    assert.ok(team.queue.breaching.length >= 2);
    assert.match(team.queue.oldest ?? '', /Migrate settings page to React Query/);
    assert.deepEqual(team.people.map((p) => p.login).slice(0, 6), ['mira', 'tomas', 'jun', 'sofia', 'kwame', 'elena']);
    assert.equal(data('plan').targetPercent, 60);
    assert.equal(state().hasPrevious, false);
  });

  it('renders in the webview: the frame, the lists and the progress', async function () {
    if (!hasBridge()) this.skip();
    const all = await waitFor('the review webview frame', async () => {
      const list = await frames();
      return list.some((f) => f.text.includes('Incident triage') && f.text.includes('Checkout API')) ? list : undefined;
    });
    frame = all.find((f) => f.text.includes('Incident triage') && f.text.includes('Checkout API'))!.url;
    assert.equal((await query('#section-incidents', frame)).length, 1);
    assert.equal((await query('#section-incidents', all.find((f) => f.url !== frame)!.url)).length, 0, 'the frame filter selects one frame');
    assert.equal((await shown('#section-communication li')).length, 11);
    const incidentRows = await shown('#section-incidents li[data-repo] .title');
    assert.match(incidentRows[0]!, /^Checkout API returns 502/);
    assert.match((await shown('#section-systems ul.workflows li'))[0]!, /acme\/api CI failing for/);
    assert.match((await shown('#section-milestones li'))[0]!, /At risk v2\.4 Release/);
    assert.match((await shown('#progress-text'))[0]!, /^0 \/ 6 sections done$/);
    await screenshot('morning-review');
  });

  it('renders hostile notification, issue and workflow text literally', async function () {
    if (!hasBridge()) this.skip();
    const hostile = [...await shown('#section-communication li .title'), ...await shown('#section-incidents li .title'), ...await shown('#section-systems li .title')]
      .filter((t) => t.includes('<img src=x'));
    assert.equal(hostile.length, 3, hostile.join('\n'));
    assert.equal((await query('#sections img, #sections script, #app [onerror]', frame)).length, 0, 'no element created from GitHub text');
    assert.ok((await shown('#section-systems .snippet'))[0]!.includes('<img src=x'), 'health-check body shown as text');
  });

  it('marks a notification read, and a group, with PATCH /notifications/threads/{id}', async () => {
    const comm = data('communication');
    const mention = comm.groups.find((g) => g.reason === 'mention')!.items.at(-1)!;
    const ci = comm.groups.find((g) => g.reason === 'ci_activity')!.items[0]!;
    const before = fake.writes().length;
    if (hasBridge()) {
      assert.ok(await click(`#section-communication li[data-thread="${mention.threadId}"] button[data-action="markRead"]`, frame));
      await waitFor('PATCH of the thread', () => writesSince(before).includes(`PATCH /notifications/threads/${mention.threadId}`));
    } else {
      await panel.receive({ type: 'markRead', threadId: mention.threadId });
    }
    await panel.receive({ type: 'markGroupRead', reason: 'ci_activity' });
    await waitFor('the list to drop both', () => !data('communication').groups.some((g) => g.items.some((i) => i.threadId === mention.threadId || i.threadId === ci.threadId)));
    assert.deepEqual(writesSince(before), [`PATCH /notifications/threads/${mention.threadId}`, `PATCH /notifications/threads/${ci.threadId}`]);
  });

  it('delegates, escalates and schedules incidents with the right requests', async () => {
    const find = (prefix: string) => data('incidents').items.find((i) => i.title.startsWith(prefix))!;
    const safari = find('Safari');
    let before = fake.writes().length;
    if (hasBridge()) {
      assert.ok(await click(`#section-incidents li[data-repo="acme/web"][data-number="${safari.number}"] button[data-action="delegate"]`, frame));
      await waitFor('delegation', () => writesSince(before).length > 0);
      await waitFor('delegation done', () => find('Safari').assignees.includes('mira'));
    } else {
      await panel.receive({ type: 'delegate', repo: 'acme/web', number: safari.number, assignee: 'mira' });
    }
    const patch = fake.writes().slice(before).find((w) => w.method === 'PATCH')!;
    assert.equal(patch.path, `/repos/acme/web/issues/${safari.number}`);
    assert.deepEqual((patch.body as { assignees: string[] }).assignees, ['mira']);
    const tasks = (await api.stores).tasks;
    const delegated = tasks.list().find((t) => t.repo === 'acme/web' && t.issueNumber === safari.number)!;
    assert.equal(delegated.assignee, 'mira');
    assert.match(delegated.link ?? '', new RegExp(`/acme/web/issues/${safari.number}$`));

    const disk = find('Disk usage');
    before = fake.writes().length;
    await panel.receive({ type: 'escalate', repo: 'acme/infra', number: disk.number });
    assert.deepEqual(writesSince(before), [`POST /repos/acme/infra/issues/${disk.number}/labels`, `DELETE /repos/acme/infra/issues/${disk.number}/labels/sev2`]);
    assert.deepEqual(fake.writes().at(-2)!.body, { labels: ['sev1'] });
    assert.equal(find('Disk usage').severity, 'sev1');
    const eu = find('Checkout API');
    before = fake.writes().length;
    await panel.receive({ type: 'escalate', repo: 'acme/api', number: eu.number });
    assert.deepEqual(writesSince(before), [`POST /repos/acme/api/issues/${eu.number}/labels`]);
    assert.deepEqual(fake.writes().at(-1)!.body, { labels: ['escalated'] });
    assert.equal(find('Checkout API').escalateTo, null);

    const flaky = find('Flaky');
    const due = data('incidents').dueChoices[1]!.date;
    before = fake.writes().length;
    await panel.receive({ type: 'schedule', repo: 'acme/api', number: flaky.number, assignee: 'tomas', due });
    assert.equal(writesSince(before).length, 0, 'scheduling is local');
    const scheduled = tasks.list().find((t) => t.issueNumber === flaky.number && t.repo === 'acme/api')!;
    assert.deepEqual([scheduled.assignee, scheduled.due], ['tomas', due]);
    await waitFor('the sidebar to show the tasks', () => api.work.model.snapshot.tasks.some((t) => t.id === scheduled.id));
  });

  it('rejects forged messages without acting', async () => {
    const rejected = panel.rejectedMessages;
    const writes = fake.writes().length;
    const forged: unknown[] = [
      { type: 'escalate', repo: 'acme/api', number: 99999 },
      { type: 'delegate', repo: 'acme/api', number: data('incidents').items[0]!.number, assignee: 'mallory' },
      { type: 'markRead', threadId: '123' },
      { type: 'schedule', repo: 'acme/api', number: data('incidents').items[0]!.number, assignee: 'mira', due: '2099-01-01' },
      { type: 'open', url: 'https://evil.example/phish' },
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'finish', extra: true },
      { type: 'markRead', threadId: '1; DROP' },
      'finish',
    ];
    for (const m of forged) await panel.receive(m);
    assert.equal(panel.rejectedMessages - rejected, forged.length);
    assert.equal(fake.writes().length, writes);
    assert.equal(state().finished, null);
  });

  it('shows a failing section with its error and Retry while the others render', async () => {
    fake.inject('GET /repos/{owner}/{repo}/milestones', { status: 500 });
    // Milestones come from the Morning Review's GraphQL query: every repo's milestones fail inside GitHub.
    fake.inject('POST /graphql', { graphqlErrors: Array.from({ length: 10 }, (_, i) => ({ path: `r${i}.milestones` })) });
    try {
      await panel.receive({ type: 'retry', section: 'milestones' });
      await panel.settled();
      const v = view('milestones');
      assert.equal(v.status, 'error');
      assert.match((v as { message: string }).message, /GitHub had a server error/);
      for (const id of ['communication', 'systems', 'incidents', 'team', 'plan'] as const) assert.equal(view(id).status, 'ready', id);
      if (hasBridge()) {
        await waitFor('the error in the webview', async () => (await shown('#section-milestones .error-text')).some((t) => t.includes('server error')));
        assert.equal((await query('#section-milestones button[data-action="retry"]', frame)).length, 1);
        assert.ok((await shown('#section-incidents li .title')).length > 0);
      }
    } finally {
      fake.clearFaults();
    }
    await panel.receive({ type: 'retry', section: 'milestones' });
    await panel.settled();
    assert.equal(view('milestones').status, 'ready');
  });

  it('finishes, and the next review costs little and shows only what changed', async () => {
    for (const section of ['communication', 'systems', 'incidents'] as const) await panel.receive({ type: 'check', section, checked: true });
    await panel.receive({ type: 'notes', section: 'incidents', text: 'EU outage escalated; Safari to mira' });
    if (hasBridge()) await waitFor('progress', async () => (await shown('#progress-text'))[0] === '3 / 6 sections done');
    const stores = await api.stores;
    const saved = (await stores.reviews.list()).length;
    await panel.receive({ type: 'finish' });
    const latest = (await stores.reviews.latest())!;
    assert.equal((await stores.reviews.list()).length, saved + 1);
    assert.equal(latest.sections.incidents!.checked, true);
    assert.equal(latest.sections.incidents!.notes, 'EU outage escalated; Safari to mira');
    assert.ok(latest.sections.incidents!.seen.length >= 5);
    assert.equal(latest.sections.milestones!.checked, false);
    assert.match(state().finished ?? '', /^Saved \d\d:\d\d$/);
    assert.equal(state().streak >= 1, true, 'a review finished today counts, whatever day today is');

    // The next review at once, nothing changed on GitHub: conditional requests answer 304.
    // (The sidebar's background refreshes after the actions are not part of the review's cost.)
    await waitFor('the sidebar to be idle', () => !api.work.model.snapshot.refreshing, 60_000);
    fake.resetStats();
    const again = await start();
    assert.equal(again, panel, 'the same panel starts the next review');
    const second = fake.stats();
    console.log(`bench: second review, unchanged world: ${JSON.stringify(second)} — ${fake.requests.map((r) => `${r.method} ${r.route}${r.status === 304 ? ' (304)' : ''}`).join(', ')}`);
    assert.ok(second.rateLimitCost <= 2, JSON.stringify(second));
    assert.equal(state().hasPrevious, true);
    for (const id of ['systems', 'incidents', 'milestones'] as const) {
      const v = view(id);
      assert.deepEqual(v.status === 'ready' && v.newIds, [], `${id} has nothing new`);
    }
    await panel.receive({ type: 'finish' });

    // Something happens: a new mention and a new incident.
    fake.scenario.notifications.push({ id: '99000107', repo: 'acme/web', reason: 'mention', unread: true, updatedAt: iso(new Date(Date.now() + 2000)), lastReadAt: null, subject: { title: 'Can you look at the rollout?', type: 'Issue', number: 2 } });
    const fresh = addIssue(fake.scenario, { repo: 'acme/api', title: 'Webhooks delayed by 20 minutes', author: 'jun', labels: ['sev2'] });
    await start();
    const comm = view('communication');
    assert.deepEqual(comm.status === 'ready' && comm.newIds, ['thread:99000107']);
    const inc = view('incidents');
    assert.deepEqual(inc.status === 'ready' && inc.newIds, [`issue:acme/api#${fresh.number}`]);
    if (hasBridge()) {
      await waitFor('only the new incident', async () => {
        const rows = await shown('#section-incidents li[data-repo] .title');
        return rows.length === 1 && rows[0] === 'Webhooks delayed by 20 minutes';
      });
      assert.ok((await shown('#section-incidents .badge-new')).length === 1);
      assert.match((await shown('#section-incidents .seen-hidden'))[0]!, /seen in the last review/);
      assert.ok((await shown('#history-list li')).length >= 2);
      assert.match((await shown('#streak'))[0]!, /Streak: [1-9]\d* days?/);
    }
  });
});
