import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redWorkflows, type AlertOwner, type AlertRun, type WorkflowAlert } from '../../../src/core/buildAlerts';
import { AlertStore } from '../../../src/store/alertStore';
import { cleanup, EventLog, tempDir } from './helpers';

const DOTCOM: AlertOwner = { origin: 'https://api.github.com', account: 'lead' };
const GHE: AlertOwner = { origin: 'https://ghe.acme.com', account: 'lead' };
const run = (runId: number, conclusion: string): AlertRun => ({ workflowId: 9, name: 'deploy', runId, headBranch: 'main', status: 'completed', conclusion, createdAt: runId, url: '' });

describe('store/AlertStore: one state per GitHub origin and account', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('alert-owners'); });
  afterEach(() => cleanup(dir));

  it('two origins with the same repo name keep separate alert state', async () => {
    const store = await AlertStore.open(dir);
    await store.observe(DOTCOM, 'acme/app', 'main', [run(1, 'success')], 'all');
    await store.observe(GHE, 'acme/app', 'main', [run(1, 'success')], 'all');
    const ghe = await store.observe(GHE, 'acme/app', 'main', [run(2, 'failure')], 'all');
    assert.deepEqual(ghe.newFailures.map((a) => [a.origin, a.runId]), [[GHE.origin, 2]]);
    // github.com's acme/app passes: GHE's stays red, and github.com never saw a red one.
    assert.deepEqual((await store.observe(DOTCOM, 'acme/app', 'main', [run(3, 'success')], 'all')).recovered, []);
    await store.keepOnly(DOTCOM, ['acme/other']);
    store.dispose();
    const reopened = await AlertStore.open(dir);
    assert.equal(reopened.get(GHE, 'acme/app', 9)?.state, 'red', 'another origin\'s "no longer watched" does not drop it');
    assert.equal(reopened.get(DOTCOM, 'acme/app', 9), undefined);
    assert.equal(reopened.get({ ...GHE, account: 'mira' }, 'acme/app', 9), undefined, 'nor does another account see it');
    reopened.dispose();
  });

  it('moves a version-1 file to the origin of each run link, keeps what it cannot read, and the account that polls claims it', async () => {
    const legacy = (repo: string, url: string, state: string = 'green') =>
      ({ repo, workflowId: 9, name: 'deploy', state, runId: 2, url, since: 5 });
    const damaged = legacy('acme/broken', 'https://github.com/acme/broken/actions/runs/2', 'purple');
    fs.writeFileSync(path.join(dir, 'alerts.json'), JSON.stringify({
      version: 1,
      workflows: {
        'acme/app#9': legacy('acme/app', 'https://ghe.acme.com/acme/app/actions/runs/2'),
        'acme/web#9': legacy('acme/web', 'https://github.com/acme/web/actions/runs/2'),
        'acme/nolink#9': legacy('acme/nolink', ''),
        'acme/broken#9': damaged,
      },
    }));
    const log = new EventLog();
    const store = await AlertStore.open(dir, log);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'alerts.json'), 'utf8')) as { version: number; workflows: Record<string, WorkflowAlert> };
    assert.equal(onDisk.version, 2);
    assert.deepEqual(Object.values(onDisk.workflows).filter((a) => a.account === '').map((a) => [a.repo, a.origin]).sort(), [
      ['acme/app', GHE.origin], ['acme/nolink', DOTCOM.origin], ['acme/web', DOTCOM.origin],
    ]);
    assert.deepEqual(onDisk.workflows['acme/broken#9'], damaged, 'an unreadable record is kept as it was');
    assert.equal(log.recordSkipped.length, 1);
    // The GHE account's first poll takes GHE's state (green before, green now: nothing to tell).
    const o = await store.observe(GHE, 'acme/app', 'main', [run(2, 'success')], 'all');
    assert.deepEqual(o.newFailures, []);
    assert.deepEqual({ ...store.get(GHE, 'acme/app', 9) }, { ...legacy('acme/app', 'https://ghe.acme.com/acme/app/actions/runs/2'), ...GHE });
    assert.equal(store.get(DOTCOM, 'acme/web', 9), undefined, 'github.com\'s state waits for a github.com account');
    await store.observe(DOTCOM, 'acme/web', 'main', [], 'all');
    assert.equal(store.get(DOTCOM, 'acme/web', 9)?.state, 'green');
    assert.equal(store.get(DOTCOM, 'acme/nolink', 9)?.state, 'green');
    const after = JSON.parse(fs.readFileSync(path.join(dir, 'alerts.json'), 'utf8')) as { workflows: Record<string, unknown> };
    assert.deepEqual(after.workflows['acme/broken#9'], damaged, 'still kept after writes');
    store.dispose();
  });

  it('drops a version-1 red record: it may be a fork\'s run, of a workflow no own poll would ever clear, and is never re-run', async () => {
    // Version 1 counted a stranger's PR run on their fork's `main`: "pr-lint" (pull_request only) read red.
    const forkRed = { repo: 'acme/app', workflowId: 7, name: 'pr-lint', state: 'red', runId: 9001, url: 'https://github.com/acme/app/actions/runs/9001', since: 1 };
    const ownRed = { repo: 'acme/app', workflowId: 9, name: 'deploy', state: 'red', runId: 2, url: 'https://github.com/acme/app/actions/runs/2', since: 1 };
    fs.writeFileSync(path.join(dir, 'alerts.json'), JSON.stringify({ version: 1, workflows: { 'acme/app#7': forkRed, 'acme/app#9': ownRed } }));
    const store = await AlertStore.open(dir);
    // Polls after the upgrade: the repository's own runs only; deploy is really red, pr-lint never runs on a push.
    const first = await store.observe(DOTCOM, 'acme/app', 'main', [run(2, 'failure')], 'all', 1000);
    assert.deepEqual(first.newFailures, [], 'what was red before is a baseline: no notification');
    for (let i = 1; i < 3; i++) await store.observe(DOTCOM, 'acme/app', 'main', [run(2, 'failure')], 'all', 1000 + i);
    assert.deepEqual(redWorkflows(store.state, DOTCOM).map((a) => `${a.name} run ${a.runId}`), ['deploy run 2']);
    assert.equal(await store.stillRed({ ...forkRed, state: 'red', ...DOTCOM }), undefined, 'the fork\'s run may not be re-run');
    assert.equal((await store.stillRed(store.get(DOTCOM, 'acme/app', 9)!))?.runId, 2);
    store.dispose();
  });

  it('re-checks an alert under the lock: a newer red run another window recorded replaces it', async () => {
    const [mine, other] = await Promise.all([AlertStore.open(dir), AlertStore.open(dir)]);
    await mine.observe(DOTCOM, 'acme/app', 'main', [run(1, 'success')], 'all');
    await mine.observe(DOTCOM, 'acme/app', 'main', [run(2, 'failure')], 'all');
    const alert = mine.get(DOTCOM, 'acme/app', 9)!;
    assert.equal((await mine.stillRed(alert))?.runId, 2);
    await other.observe(DOTCOM, 'acme/app', 'main', [run(3, 'failure')], 'all');
    assert.equal(mine.get(DOTCOM, 'acme/app', 9)?.runId, 2, 'this window has not reread the file yet');
    assert.equal(await mine.stillRed(alert), undefined);
    assert.equal(await mine.stillRed({ ...alert, ...GHE, runId: 3 }), undefined, 'another origin\'s run of the same name');
    mine.dispose();
    other.dispose();
  });
});
