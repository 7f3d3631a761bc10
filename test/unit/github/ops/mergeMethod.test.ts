/** Merging from Lead Desk: the method the repository allows, and GitHub's refusals in words. */
import assert from 'node:assert/strict';
import { chooseMergeMethod, mergeRefusal } from '../../../../src/github/ops/mergeMethod';
import { GitHubFailure } from '../../../../src/github/transport/failure';

describe('merge method', () => {
  const repo = (over: Record<string, unknown>) => ({ repository: { viewerDefaultMergeMethod: 'MERGE', mergeCommitAllowed: true, squashMergeAllowed: true, rebaseMergeAllowed: true, ...over } });

  it('takes the viewer\'s default when the repo allows it, else the first allowed', () => {
    assert.equal(chooseMergeMethod(repo({ viewerDefaultMergeMethod: 'REBASE' }), 'a/b'), 'rebase');
    assert.equal(chooseMergeMethod(repo({ mergeCommitAllowed: false }), 'a/b'), 'squash');
    assert.equal(chooseMergeMethod(repo({ viewerDefaultMergeMethod: 'OCTOPUS' }), 'a/b'), 'merge');
  });

  it('fails clearly when nothing is allowed or the repo is missing', () => {
    assert.throws(() => chooseMergeMethod(repo({ mergeCommitAllowed: false, squashMergeAllowed: false, rebaseMergeAllowed: false }), 'a/b'), /allows no merge method/);
    assert.throws(() => chooseMergeMethod({ repository: null }, 'a/b'), (e: GitHubFailure) => e.kind === 'not-found');
  });
});

describe('merge refusals', () => {
  const pr = { repo: 'acme/api', number: 7 };
  it('says what GitHub refused, for each status', () => {
    assert.match(mergeRefusal(new GitHubFailure('invalid', 'Pull Request is not mergeable', undefined, 405), pr), /GitHub will not merge acme\/api#7: Pull Request is not mergeable/);
    assert.match(mergeRefusal(new GitHubFailure('invalid', 'Head branch was modified', undefined, 409), pr), /changed since it was approved/);
    assert.match(mergeRefusal(new GitHubFailure('forbidden', 'nope', undefined, 403), pr), /may not merge in acme\/api/);
    assert.match(mergeRefusal(new GitHubFailure('invalid', 'x](command:evil)', undefined, 405), pr), /^(?!.*\]\(command:)/, 'server text cannot become a link');
  });
});
