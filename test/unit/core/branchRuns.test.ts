import assert from 'node:assert/strict';
import { isOwnBranchRun, type RunOrigin } from '../../../src/core/branchRuns';

const REPO_ID = 42;
const FORK_ID = 4242;
const run = (extra: Partial<RunOrigin> = {}): RunOrigin => ({ headBranch: 'main', event: 'push', headRepositoryId: REPO_ID, ...extra });

describe('core/branchRuns', () => {
  it('counts the repository\'s own runs on the branch from events that run on it', () => {
    for (const event of ['push', 'schedule', 'workflow_dispatch', 'merge_group', 'repository_dispatch', 'release', 'deployment', 'dynamic']) {
      assert.equal(isOwnBranchRun(run({ event }), REPO_ID, 'main'), true, event);
    }
  });

  it('a fork\'s pull-request run on a branch named main is not the default branch', () => {
    assert.equal(isOwnBranchRun(run({ event: 'pull_request', headRepositoryId: FORK_ID }), REPO_ID, 'main'), false);
    // Even a push event from another repository (a fork's own CI, listed by mistake) is not ours.
    assert.equal(isOwnBranchRun(run({ headRepositoryId: FORK_ID }), REPO_ID, 'main'), false);
    assert.equal(isOwnBranchRun(run({ headRepositoryId: null }), REPO_ID, 'main'), false, 'a deleted fork');
  });

  it('a pull-request, comment or workflow_run run of the repository itself is not the branch either', () => {
    const events = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment', 'issue_comment', 'issues', 'discussion', 'discussion_comment', 'fork', 'watch', 'workflow_run'];
    for (const event of events) {
      assert.equal(isOwnBranchRun(run({ event }), REPO_ID, 'main'), false, event);
    }
    assert.equal(isOwnBranchRun(run({ headBranch: 'feature/x' }), REPO_ID, 'main'), false);
  });
});
