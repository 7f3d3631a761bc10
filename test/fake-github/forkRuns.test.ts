// A contributor's pull request from their fork's `main`: its run is listed under the base repo's
// `branch=main`, with the fork as `head_repository`, in the shape GitHub's OpenAPI promises.
import assert from 'node:assert/strict';
import { addForkPullRun } from './forkRuns';
import { validateResponse } from './openapi';
import { findRepo } from './scenario';
import { demoScenario } from './scenarios';
import { NOW, raw, useFake } from './test-support';

describe('fake GitHub — fork pull-request runs', () => {
  const ctx = useFake(() => {
    const s = demoScenario(NOW);
    const ci = s.workflows.find((w) => w.repo === 'acme/api' && w.name === 'CI')!.id;
    addForkPullRun(s, { repo: 'acme/api', login: 'stranger', workflowId: ci, conclusion: 'failure', at: new Date(NOW.getTime() - 60_000) });
    return s;
  });

  it('lists the fork run under branch=main with the fork as its head repository', async () => {
    const res = await raw(ctx.fg, '/repos/acme/api/actions/runs?branch=main');
    assert.deepEqual(validateResponse('GET', '/repos/{owner}/{repo}/actions/runs', 200, res.body), []);
    const [newest] = res.body.workflow_runs;
    assert.equal(newest.event, 'pull_request');
    assert.equal(newest.head_branch, 'main');
    assert.equal(newest.repository.full_name, 'acme/api');
    assert.equal(newest.head_repository.full_name, 'stranger/api');
    assert.equal(newest.head_repository.fork, true);
    assert.equal(newest.head_repository.id, findRepo(ctx.fg.scenario, 'stranger', 'api')!.id);
    assert.notEqual(newest.head_repository.id, newest.repository.id);
    assert.deepEqual(newest.pull_requests, [], 'GitHub leaves a fork PR out of pull_requests');
    const own = res.body.workflow_runs.slice(1);
    assert.ok(own.length > 0 && own.every((r: { head_repository: { id: number }; repository: { id: number } }) => r.head_repository.id === r.repository.id));
  });
});
