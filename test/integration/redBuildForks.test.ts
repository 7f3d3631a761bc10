/**
 * Red-build alerts in the real VS Code against the fake GitHub, where a contributor's pull
 * request from their fork's `main` is listed by `…/actions/runs?branch=main` (as on GitHub): it
 * neither raises nor clears an alert, and Re-run only ever re-runs the workflow's current red
 * run on the default branch. Sets up its own world; runs alone.
 */
import assert from 'node:assert/strict';
import { addForkPullRun, demoScenario, iso, nextId, type FakeGitHub, type Scenario } from '../fake-github';
import type { WorkflowAlert } from '../../src/core/buildAlerts';
import type { LeadDeskApi } from '../../src/extension';
import { openStores } from '../../src/store';
import { accept, answeringDialogs } from './support/dialogs';
import { connectToFake, disconnect } from './support/github';

const HOUR = 3_600_000;
const DEPLOY = 881001;

describe('red builds: forks and stale re-runs', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;
  const started = Date.now();
  /** Runs are a minute apart, in the order the tests add them, all in the past. */
  let minute = 0;
  const at = () => new Date(started - 2 * HOUR + ++minute * 60_000);

  function world(): Scenario {
    const s = demoScenario(new Date(started));
    s.workflows.push({ id: DEPLOY, repo: 'acme/infra', name: 'deploy', path: '.github/workflows/deploy.yml', state: 'active', createdAt: iso(new Date(started - 900 * HOUR)), updatedAt: iso(new Date(started)) });
    ownRun(s, 'success');
    return s;
  }

  /** A push to acme/infra's main, finished with `conclusion`. */
  function ownRun(s: Scenario, conclusion: 'success' | 'failure'): number {
    const infra = s.repos.find((r) => r.name === 'infra')!;
    // Run ids grow with time on GitHub, forks' runs included (the alerts never let an older id undo a newer one).
    const id = nextId(s);
    const when = iso(at());
    s.runs.push({
      id, repo: 'acme/infra', workflowId: DEPLOY, runNumber: s.runs.filter((r) => r.workflowId === DEPLOY).length + 1, event: 'push',
      headBranch: 'main', headSha: infra.branches['main']!, status: 'completed', conclusion, actor: 'lead', createdAt: when, runStartedAt: when, updatedAt: when,
    });
    return id;
  }

  const forkRun = (conclusion: 'success' | 'failure') =>
    addForkPullRun(fake.scenario, { repo: 'acme/infra', login: 'stranger', workflowId: DEPLOY, conclusion, at: at() }).id;
  const rerunWrites = () => fake.writes().filter((w) => w.path.endsWith('/rerun-failed-jobs'));
  /** Re-run with the confirmation (the shared modal) answered yes; records whether it was asked. */
  const rerunConfirmed = async (alert: WorkflowAlert) => {
    const { result: done, asked } = await answeringDialogs(accept, () => api.alerts.rerun(alert));
    return { done, asked: asked.map((d) => d.message) };
  };

  before(async () => {
    ({ api, fake } = await connectToFake({ scenario: world(), repositories: ['acme/infra'] }));
    await api.stores;
    await api.alerts.poll();
    assert.equal(api.alerts.statusText, '', 'green at first');
  });

  after(async () => {
    await disconnect(fake);
  });

  it('a red fork run on a branch named main raises no alert and offers no re-run', async () => {
    const notified = api.alerts.notified.length;
    const fork = forkRun('failure');
    const poll = await api.alerts.poll();
    assert.deepEqual(poll.newFailures, []);
    assert.equal(api.alerts.notified.length, notified, 'no notification, so no Re-run button');
    assert.equal(api.alerts.statusText, '');
    // Even asked directly for that run, Re-run refuses without asking or writing.
    const owner = (await api.alerts.currentOwner())!;
    const forged: WorkflowAlert = { ...owner, repo: 'acme/infra', workflowId: DEPLOY, name: 'deploy', state: 'red', runId: fork, url: '', since: Date.now() };
    const writes = rerunWrites().length;
    assert.deepEqual(await rerunConfirmed(forged), { done: false, asked: [] });
    assert.equal(rerunWrites().length, writes, 'a stranger\'s run is never re-run');
  });

  it('a green fork run does not mark a red default branch recovered', async () => {
    const red = ownRun(fake.scenario, 'failure');
    const turned = await api.alerts.poll();
    assert.deepEqual(turned.newFailures.map((a) => a.runId), [red]);
    forkRun('success');
    const poll = await api.alerts.poll();
    assert.deepEqual(poll.recovered, []);
    assert.equal(api.alerts.statusText, '$(error) acme/infra deploy');
    assert.equal(api.alerts.red[0]?.runId, red);
  });

  it('refuses to re-run an alert whose run is no longer the current red run, and re-runs the current one', async () => {
    const stale = api.alerts.red[0]!;
    // A newer push fails too: the days-old notification's run is not the one to re-run.
    const newer = ownRun(fake.scenario, 'failure');
    const writes = rerunWrites().length;
    assert.deepEqual(await rerunConfirmed(stale), { done: false, asked: [] });
    assert.equal(rerunWrites().length, writes, 'nothing re-run');
    const current = api.alerts.red[0]!;
    assert.equal(current.runId, newer, 'the check polled GitHub and recorded the newer run');
    const { done, asked } = await rerunConfirmed(current);
    assert.equal(done, true);
    assert.deepEqual(asked, ['Re-run the failed jobs of acme/infra deploy?']);
    assert.deepEqual(rerunWrites().slice(writes).map((w) => `${w.method} ${w.path}`), [`POST /repos/acme/infra/actions/runs/${newer}/rerun-failed-jobs`]);
    // Once the branch is green, the red alert's button re-runs nothing.
    ownRun(fake.scenario, 'success');
    assert.deepEqual(await rerunConfirmed(current), { done: false, asked: [] });
    assert.equal(rerunWrites().length, writes + 1);
    assert.equal(api.alerts.statusText, '');
  });

  it('refuses to re-run when GitHub cannot confirm the run is still red', async () => {
    const red = ownRun(fake.scenario, 'failure');
    await api.alerts.poll();
    const alert = api.alerts.red[0]!;
    assert.equal(alert.runId, red);
    const writes = rerunWrites().length;
    fake.inject('GET /repos/{owner}/{repo}/actions/runs', { status: 404, body: { message: 'Not Found' } });
    try {
      assert.deepEqual(await rerunConfirmed(alert), { done: false, asked: [] });
    } finally {
      fake.clearFaults();
    }
    assert.equal(rerunWrites().length, writes, 'nothing re-run on a stored state GitHub did not confirm');
  });

  it('never re-runs a fork\'s run, even when the stored state holds it as the red run', async () => {
    // A record that outlived the filter (written before it existed): the stranger's run is the newest red one.
    const fork = forkRun('failure');
    const owner = (await api.alerts.currentOwner())!;
    const other = await openStores((await api.stores).dir);
    try {
      await other.alerts.observe(owner, 'acme/infra', 'main', [
        { workflowId: DEPLOY, name: 'deploy', runId: fork, headBranch: 'main', status: 'completed', conclusion: 'failure', createdAt: Date.now(), url: '' },
      ], 'all');
    } finally {
      other.dispose();
    }
    await api.alerts.poll();
    const stored = api.alerts.red[0]!;
    assert.equal(stored.runId, fork, 'no own run is newer: the stored state still names the fork\'s run');
    const writes = rerunWrites().length;
    assert.deepEqual(await rerunConfirmed(stored), { done: false, asked: [] });
    assert.equal(rerunWrites().length, writes, 'GitHub does not list it among the repository\'s own runs: nothing re-run');
  });
});
