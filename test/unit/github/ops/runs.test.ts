/**
 * A contributor's pull request from their fork's `main` is listed by `GET …/actions/runs?branch=main`
 * (as GitHub does): the shared source of default-branch runs drops it, so neither the red-build
 * alerts nor the Morning Review's systems check read it as the default branch. Real client
 * against the fake GitHub.
 */
import assert from 'node:assert/strict';
import { addForkPullRun, demoScenario, findRepo, startFakeGitHub, type FakeGitHub } from '../../../fake-github';
import { observe, redWorkflows, type AlertOwner, type WorkflowAlert } from '../../../../src/core/buildAlerts';
import { createOctokit } from '../../../../src/github/transport/octokit';
import { RateBudget } from '../../../../src/github/transport/rateBudget';
import { MemoryResponseCache } from '../../../../src/github/transport/responseCache';
import { defaultBranchRuns } from '../../../../src/github/ops/runs';
import { GitHubClient } from '../../../../src/github/client';

const HOUR = 3_600_000;
const OWNER: AlertOwner = { origin: 'http://127.0.0.1', account: 'lead' };

describe('github/runs: forks\' pull-request runs on a branch named main', function () {
  this.timeout(30_000);
  let fake: FakeGitHub;
  let service: GitHubClient;
  const now = Date.now();
  let infraPlan = 0;

  beforeEach(async () => {
    const s = demoScenario(new Date(now));
    // acme/infra: main, green ("Terraform plan").
    infraPlan = s.workflows.find((w) => w.repo === 'acme/infra')!.id;
    fake = await startFakeGitHub(s);
    service = new GitHubClient(
      createOctokit({ baseUrl: fake.url, token: fake.token, timeoutMs: 5000, userAgent: 'lead-desk/test', cache: new MemoryResponseCache(), budget: new RateBudget(), retryBaseMs: 5 }),
      new URL(fake.url).host,
    );
  });
  afterEach(() => fake.close());

  const forkRun = (conclusion: 'success' | 'failure', hoursAgo: number) =>
    addForkPullRun(fake.scenario, { repo: 'acme/infra', login: 'stranger', workflowId: infraPlan, conclusion, at: new Date(Date.now() - hoursAgo * HOUR) });

  it('GitHub lists the fork run under branch=main, and the shared source drops it', async () => {
    const fork = forkRun('failure', 0.1);
    const listed = await service.octokit.rest.actions.listWorkflowRunsForRepo({ owner: 'acme', repo: 'infra', branch: 'main' });
    const raw = listed.data.workflow_runs.find((r) => r.id === fork.id);
    assert.ok(raw, 'the fake lists it, as GitHub does');
    assert.equal(raw.event, 'pull_request');
    assert.equal(raw.head_repository?.id, findRepo(fake.scenario, 'stranger', 'infra')!.id);
    assert.notEqual(raw.head_repository?.id, raw.repository.id);
    const { runs } = await defaultBranchRuns(service, 'acme/infra');
    assert.ok(runs.length > 0);
    assert.ok(!runs.some((r) => r.runId === fork.id), 'the fork run is not a default-branch run');
    assert.ok(runs.every((r) => r.event === 'push'));
  });

  it('a red fork run raises no alert, and the systems check stays green', async () => {
    const state: Record<string, WorkflowAlert> = {};
    const first = await defaultBranchRuns(service, 'acme/infra');
    observe(state, OWNER, 'acme/infra', first.branch, first.runs, 'all', 1);
    forkRun('failure', 0.1);
    const again = await defaultBranchRuns(service, 'acme/infra');
    const o = observe(state, OWNER, 'acme/infra', again.branch, again.runs, 'all', 2);
    assert.deepEqual(o.newFailures, []);
    assert.deepEqual(redWorkflows(state, OWNER), []);
    const systems = await service.latestDefaultBranchRuns('acme/infra');
    assert.deepEqual(systems.map((w) => [w.name, w.state]), [['Terraform plan', 'success']]);
  });

  it('a green fork run does not mark a red default branch recovered', async () => {
    const state: Record<string, WorkflowAlert> = {};
    // acme/api's CI has been red on main for two days.
    const red = await defaultBranchRuns(service, 'acme/api');
    observe(state, OWNER, 'acme/api', red.branch, red.runs, 'all', 1);
    assert.deepEqual(redWorkflows(state, OWNER).map((a) => a.name), ['CI']);
    const apiCi = fake.scenario.workflows.find((w) => w.repo === 'acme/api' && w.name === 'CI')!.id;
    addForkPullRun(fake.scenario, { repo: 'acme/api', login: 'stranger', workflowId: apiCi, conclusion: 'success', at: new Date(Date.now() - 0.1 * HOUR) });
    const after = await defaultBranchRuns(service, 'acme/api');
    assert.deepEqual(observe(state, OWNER, 'acme/api', after.branch, after.runs, 'all', 2).recovered, []);
    assert.deepEqual(redWorkflows(state, OWNER).map((a) => a.name), ['CI']);
    const systems = await service.latestDefaultBranchRuns('acme/api');
    assert.equal(systems.find((w) => w.name === 'CI')?.state, 'failure');
  });
});
