import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  alertStatusText, currentRedRun, inScope, latestVerdicts, observe as observeOwned, redWorkflows as redOwned, type AlertOwner, type AlertRun,
  type AlertScope, type WorkflowAlert,
} from '../../../src/core/buildAlerts';

const LEAD: AlertOwner = { origin: 'https://api.github.com', account: 'lead' };
// The single-owner cases below read as before: one account on github.com.
const observe = (state: Record<string, WorkflowAlert>, repo: string, branch: string, runs: readonly AlertRun[], scope: AlertScope, now: number) =>
  observeOwned(state, LEAD, repo, branch, runs, scope, now);
const redWorkflows = (state: Record<string, WorkflowAlert>) => redOwned(state, LEAD);

const run = (runId: number, conclusion: string, extra: Partial<AlertRun> = {}): AlertRun => ({
  workflowId: 1, name: 'deploy', runId, headBranch: 'main', status: 'completed', conclusion, createdAt: runId * 1000, url: `https://github.com/acme/infra/actions/runs/${runId}`, ...extra,
});

describe('core/buildAlerts', () => {
  it('takes the latest completed green-or-red run per workflow on the branch only', () => {
    const v = latestVerdicts([
      run(1, 'success'), run(2, 'failure'), run(3, '', { status: 'in_progress' }), run(4, 'cancelled'),
      run(5, 'failure', { headBranch: 'feature/x' }), run(6, 'success', { workflowId: 2, name: 'CI' }),
    ], 'main');
    assert.deepEqual([...v.values()].map((r) => [r.workflowId, r.runId, r.red]), [[2, 6, false], [1, 2, true]]);
  });

  it('notifies once on green → red, not again while red, and reports the recovery', () => {
    const state: Record<string, WorkflowAlert> = {};
    assert.deepEqual(observe(state, 'acme/infra', 'main', [run(1, 'success')], 'all', 10).newFailures, [], 'first sight is a baseline');
    const red = observe(state, 'acme/infra', 'main', [run(1, 'success'), run(2, 'failure')], 'all', 20);
    assert.deepEqual(red.newFailures.map((a) => [a.repo, a.name, a.runId]), [['acme/infra', 'deploy', 2]]);
    assert.equal(alertStatusText(redWorkflows(state)), '$(error) acme/infra deploy');
    assert.deepEqual(observe(state, 'acme/infra', 'main', [run(2, 'failure')], 'all', 25).newFailures, [], 'same run again');
    const again = observe(state, 'acme/infra', 'main', [run(2, 'failure'), run(3, 'failure')], 'all', 30);
    assert.deepEqual(again.newFailures, [], 'a second failure while red');
    assert.equal(redWorkflows(state)[0]!.since, 20, 'red since the first failure');
    assert.deepEqual(observe(state, 'acme/infra', 'main', [run(4, '', { status: 'in_progress' })], 'all', 35).changed, false, 'running says nothing');
    const back = observe(state, 'acme/infra', 'main', [run(5, 'success')], 'all', 40);
    assert.deepEqual(back.recovered.map((a) => a.runId), [5]);
    assert.equal(alertStatusText(redWorkflows(state)), '');
  });

  it('ignores other branches, and a baseline that is already red shows without notifying', () => {
    const state: Record<string, WorkflowAlert> = {};
    observe(state, 'acme/api', 'main', [run(1, 'success')], 'all', 1);
    assert.deepEqual(observe(state, 'acme/api', 'main', [run(1, 'success'), run(2, 'failure', { headBranch: 'feat' })], 'all', 2).newFailures, []);
    const fresh: Record<string, WorkflowAlert> = {};
    assert.deepEqual(observe(fresh, 'acme/api', 'main', [run(3, 'failure')], 'all', 3).newFailures, []);
    assert.equal(redWorkflows(fresh).length, 1);
  });

  it('a re-run of the same run that passes clears it', () => {
    const state: Record<string, WorkflowAlert> = {};
    observe(state, 'acme/api', 'main', [run(1, 'success')], 'all', 1);
    observe(state, 'acme/api', 'main', [run(2, 'failure')], 'all', 2);
    assert.deepEqual(observe(state, 'acme/api', 'main', [run(2, 'success')], 'all', 3).recovered.map((a) => a.runId), [2]);
  });

  it('limits alerts to the chosen workflows and forgets the others', () => {
    assert.equal(inScope(['acme/infra deploy'], 'acme/infra', 'Deploy'), true);
    assert.equal(inScope(['deploy'], 'acme/api', 'deploy'), true);
    assert.equal(inScope(['acme/infra deploy'], 'acme/api', 'deploy'), false);
    assert.equal(inScope('off', 'acme/api', 'deploy'), false);
    const state: Record<string, WorkflowAlert> = {};
    observe(state, 'acme/api', 'main', [run(1, 'success'), run(2, 'success', { workflowId: 2, name: 'CI' })], 'all', 1);
    const r = observe(state, 'acme/api', 'main', [run(3, 'failure'), run(4, 'failure', { workflowId: 2, name: 'CI' })], ['CI'], 2);
    assert.deepEqual(r.newFailures.map((a) => a.name), ['CI']);
    assert.deepEqual(Object.values(state).map((a) => a.name), ['CI']);
  });

  it('shows several red builds as the first and a count, and breaks icon syntax in names', () => {
    const a = (name: string, since: number): WorkflowAlert => ({ ...LEAD, repo: 'acme/x', workflowId: since, name, state: 'red', runId: since, url: '', since });
    assert.equal(alertStatusText([a('deploy', 1), a('CI', 2), a('lint', 3)]), '$(error) acme/x deploy +2');
    assert.equal(alertStatusText([a('$(sync~spin) evil', 1)]), '$(error) acme/x $\u200b(sync~spin) evil');
  });

  it('never notifies twice for one red streak, whatever the order of polls', () => {
    const verdict = fc.record({ conclusion: fc.constantFrom('success', 'failure', 'cancelled', ''), status: fc.constantFrom('completed', 'completed', 'in_progress'), branch: fc.constantFrom('main', 'main', 'feat') });
    fc.assert(fc.property(fc.array(verdict, { maxLength: 40 }), (steps) => {
      const state: Record<string, WorkflowAlert> = {};
      const runs: AlertRun[] = [];
      let notified = 0;
      let red = false;
      let seen = false;
      steps.forEach((s, i) => {
        runs.push(run(i + 1, s.conclusion, { status: s.status, headBranch: s.branch }));
        const o = observe(state, 'acme/infra', 'main', runs.slice(-30), 'all', i);
        const v = latestVerdicts(runs.slice(-30), 'main').get(1);
        if (v) {
          if (seen && !red && v.red) assert.equal(o.newFailures.length, 1);
          else assert.equal(o.newFailures.length, 0);
          red = v.red;
          seen = true;
        }
        notified += o.newFailures.length;
      });
      assert.ok(notified <= steps.length);
    }));
  });

  describe('owners: one GitHub origin and account each', () => {
    const GHE: AlertOwner = { origin: 'https://ghe.acme.com', account: 'lead' };

    it('keeps acme/app on a GHE server and on github.com apart', () => {
      const state: Record<string, WorkflowAlert> = {};
      observeOwned(state, LEAD, 'acme/app', 'main', [run(1, 'success')], 'all', 1);
      observeOwned(state, GHE, 'acme/app', 'main', [run(1, 'success')], 'all', 1);
      const red = observeOwned(state, GHE, 'acme/app', 'main', [run(2, 'failure')], 'all', 2);
      assert.deepEqual(red.newFailures.map((a) => [a.origin, a.runId]), [['https://ghe.acme.com', 2]]);
      assert.deepEqual(redOwned(state, GHE).map((a) => a.runId), [2]);
      assert.deepEqual(redOwned(state, LEAD), [], 'github.com stays green');
      // github.com's own poll neither sees GHE's red as its baseline nor clears it.
      assert.deepEqual(observeOwned(state, LEAD, 'acme/app', 'main', [run(3, 'success')], 'all', 3).recovered, []);
      assert.deepEqual(redOwned(state, GHE).map((a) => a.runId), [2]);
      assert.deepEqual(redOwned(state, { ...GHE, account: 'someone-else' }), [], 'another account on that server');
    });

    it('gives records from before owners to the first account that polls their origin', () => {
      const legacy: WorkflowAlert = { origin: 'https://ghe.acme.com', account: '', repo: 'acme/app', workflowId: 1, name: 'deploy', state: 'red', runId: 2, url: '', since: 2 };
      const state: Record<string, WorkflowAlert> = { legacy };
      assert.equal(observeOwned(state, LEAD, 'acme/other', 'main', [], 'all', 3).changed, false, 'github.com does not take GHE state');
      const o = observeOwned(state, GHE, 'acme/app', 'main', [run(2, 'failure')], 'all', 3);
      assert.deepEqual(o.newFailures, [], 'red before, red now: no notification');
      assert.deepEqual(Object.values(state).map((a) => [a.account, a.since]), [['lead', 2]]);
    });

    it('a run is re-runnable while it is the workflow\'s current red run of that owner only', () => {
      const state: Record<string, WorkflowAlert> = {};
      observeOwned(state, LEAD, 'acme/app', 'main', [run(1, 'success')], 'all', 1);
      observeOwned(state, LEAD, 'acme/app', 'main', [run(2, 'failure')], 'all', 2);
      const alert = redOwned(state, LEAD)[0]!;
      assert.equal(currentRedRun(state, alert)?.runId, 2);
      assert.equal(currentRedRun(state, { ...alert, ...GHE }), undefined, 'the same repo on another server');
      observeOwned(state, LEAD, 'acme/app', 'main', [run(3, 'failure')], 'all', 3);
      assert.equal(currentRedRun(state, alert), undefined, 'a newer red run replaced it');
      observeOwned(state, LEAD, 'acme/app', 'main', [run(4, 'success')], 'all', 4);
      assert.equal(currentRedRun(state, { ...alert, runId: 3 }), undefined, 'green since');
    });
  });
});
