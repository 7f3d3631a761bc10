import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  alertStatusText, inScope, latestVerdicts, observe, redWorkflows, type AlertRun, type WorkflowAlert,
} from '../../../src/core/buildAlerts';

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
    const a = (name: string, since: number): WorkflowAlert => ({ repo: 'acme/x', workflowId: since, name, state: 'red', runId: since, url: '', since });
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
});
